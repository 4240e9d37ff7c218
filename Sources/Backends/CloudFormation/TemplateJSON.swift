import RoleGenCore

/// template.json: 2-space indented JSON with members in the order built and characters
/// beyond ASCII written as UTF-8. (`JSONValue.encoded()` escapes everything beyond Latin-1,
/// which IAM needs for documents it receives directly; CloudFormation reads the template and
/// writes the documents for IAM itself. cfn-lint also rejects the `\uD834\uDD1E` surrogate
/// pairs such escaping produces for characters beyond the BMP.) Invisible characters are
/// escaped.
enum TemplateJSON {
    static func encode(_ value: JSONValue) -> String {
        var out = ""
        write(value, depth: 0, to: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, depth: Int, to out: inout String) {
        let pad = String(repeating: "  ", count: depth + 1)
        switch value {
        case .string(let s): writeString(s, to: &out)
        case .integer(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += (i > 0 ? ",\n" : "\n") + pad
                write(item, depth: depth + 1, to: &out)
            }
            out += "\n" + String(repeating: "  ", count: depth) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, item)) in members.enumerated() {
                out += (i > 0 ? ",\n" : "\n") + pad
                writeString(key, to: &out)
                out += ": "
                write(item, depth: depth + 1, to: &out)
            }
            out += "\n" + String(repeating: "  ", count: depth) + "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        if PlainText.isPrintableASCII(s, except: PlainText.jsonSpecial) {
            out += s + "\""
            return
        }
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Control characters, line separators and the byte order mark are invisible in
                // an editor (and some JSON readers drop a raw U+FEFF): escaped, all in the BMP.
                if c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out += "\""
    }
}
