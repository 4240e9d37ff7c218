import RoleGenCore

/// template.json: 2-space indented JSON with members in the order built and characters
/// beyond ASCII written as UTF-8. (`JSONValue.encoded()` escapes everything beyond Latin-1,
/// which IAM needs for documents it receives directly; CloudFormation reads the template and
/// writes the documents for IAM itself. cfn-lint also rejects the `\uD834\uDD1E` surrogate
/// pairs such escaping produces for characters beyond the BMP.) Invisible characters and
/// the noncharacters of the BMP are escaped.
///
/// Written from the template tree straight into one byte buffer: templates of large builds
/// are tens of megabytes.
struct TemplateJSON {
    private var bytes: [UInt8] = []

    static func encode(_ value: TemplateValue) -> String {
        var writer = TemplateJSON()
        writer.write(value, depth: 0)
        writer.bytes.append(UInt8(ascii: "\n"))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func newline(_ depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(2 * depth) { bytes.append(UInt8(ascii: " ")) }
    }

    /// Intrinsic functions are the one-member objects CloudFormation reads them as.
    private mutating func write(_ value: TemplateValue, depth: Int) {
        switch value {
        case .string(let s): writeString(s)
        case .integer(let n): bytes.append(contentsOf: String(n).utf8)
        case .bool(let b): b ? append("true") : append("false")
        case .list(let items): writeArray(items, depth: depth)
        case .map(let members): writeObject(members, depth: depth)
        case .ref(let name): writeObject([("Ref", .string(name))], depth: depth)
        case .sub(let template): writeObject([("Fn::Sub", .string(template))], depth: depth)
        case .getAtt(let resource, let attribute):
            writeObject([("Fn::GetAtt", .list([.string(resource), .string(attribute)]))], depth: depth)
        case .join(let delimiter, let items): writeObject([("Fn::Join", .list([.string(delimiter), .list(items)]))], depth: depth)
        case .equals(let a, let b): writeObject([("Fn::Equals", .list([a, b]))], depth: depth)
        case .or(let items): writeObject([("Fn::Or", .list(items))], depth: depth)
        case .condition(let name): writeObject([("Condition", .string(name))], depth: depth)
        }
    }

    private mutating func writeArray(_ items: [TemplateValue], depth: Int) {
        guard !items.isEmpty else { append("[]"); return }
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            write(item, depth: depth + 1)
        }
        newline(depth)
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [(String, TemplateValue)], depth: Int) {
        guard !members.isEmpty else { append("{}"); return }
        bytes.append(UInt8(ascii: "{"))
        for (i, (key, item)) in members.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            writeString(key)
            append(": ")
            write(item, depth: depth + 1)
        }
        newline(depth)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        if PlainText.isPrintableASCII(s, except: PlainText.jsonSpecial) {
            bytes.append(contentsOf: s.utf8)
        } else {
            for c in s.unicodeScalars {
                switch c {
                case "\"": append("\\\"")
                case "\\": append("\\\\")
                case "\n": append("\\n")
                case "\r": append("\\r")
                case "\t": append("\\t")
                default:
                    // Control characters, line separators and the byte order mark are invisible in
                    // an editor (and some JSON readers drop a raw U+FEFF); the noncharacters
                    // U+FFFE and U+FFFF stop cfn-lint, which reads JSON with a YAML parser; the
                    // other noncharacters of the BMP go with them. Escaped, all in the BMP (the
                    // noncharacters beyond it, U+1FFFE and so on, are written as UTF-8: YAML
                    // allows them, and cfn-lint refuses the surrogate pairs escaping needs).
                    if c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF
                        || (0xFDD0...0xFDEF).contains(c.value) || c.value >= 0xFFFE && c.value <= 0xFFFF {
                        let hex = String(c.value, radix: 16)
                        append("\\u")
                        for _ in hex.utf8.count..<4 { bytes.append(UInt8(ascii: "0")) }
                        bytes.append(contentsOf: hex.utf8)
                    } else {
                        bytes.append(contentsOf: UTF8.encode(c)!)
                    }
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
