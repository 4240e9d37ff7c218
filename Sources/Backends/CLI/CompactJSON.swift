import RoleGenCore

/// JSON exactly as the AWS CLI prints a value through the JMESPath function `to_string`
/// (Python's `json.dumps(value, separators=(",", ":"))`): no whitespace, members in the order
/// given, and every character outside printable ASCII escaped (`\n`, `\u00e9`, surrogate
/// pairs beyond the BMP).
///
/// The CLI backend writes every document and every `--cli-input-json` file this way, so
/// apply.sh can tell whether IAM already holds a value by comparing the file's text with
/// what `aws … --query 'to_string(…)'` prints: no JSON tools are needed on the machine.
///
/// A deploy-time input inside a string (a `.text` value) is written `«name»`. The guillemets are the only
/// characters outside ASCII in such a file, so the script's substitution of the input's
/// (JSON-escaped) value can never match text that came from the spec.
enum CompactJSON {
    static func placeholder(_ input: String) -> String { "\u{AB}\(input)\u{BB}" }

    static func encode(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .string(let s): writeString(Text(s), to: &out)
        case .text(let text): writeString(text, to: &out)
        case .integer(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { out += "," }
                writeString(Text(key), to: &out)
                out += ":"
                write(item, to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: Text, to out: inout String) {
        out += "\""
        for part in text.parts {
            switch part {
            case .literal(let text): writeEscaped(text, to: &out)
            case .input(let name): out += placeholder(name)
            }
        }
        out += "\""
    }

    private static func writeEscaped(_ s: String, to out: inout String) {
        if PlainText.isPrintableASCII(s, except: PlainText.jsonSpecial) {
            out += s
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value >= 0x20 && scalar.value <= 0x7E {
                    out.unicodeScalars.append(scalar)
                } else {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                }
            }
        }
    }
}
