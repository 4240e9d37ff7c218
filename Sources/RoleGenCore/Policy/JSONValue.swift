/// A JSON value whose objects keep the member order they were built with, so every
/// writer decides key order explicitly.
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func encoded(pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return pretty ? writer.output + "\n" : writer.output
    }
}

struct JSONWriter {
    let pretty: Bool
    var output = ""
    private var depth = 0

    init(pretty: Bool) { self.pretty = pretty }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .string(let s): writeString(s)
        case .integer(let n): output += String(n)
        case .bool(let b): output += b ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            depth += 1
            for (i, item) in items.enumerated() {
                if i > 0 { output += "," }
                newline()
                write(item)
            }
            depth -= 1
            newline()
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            depth += 1
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { output += "," }
                newline()
                writeString(key)
                output += pretty ? ": " : ":"
                write(item)
            }
            depth -= 1
            newline()
            output += "}"
        }
    }

    private mutating func newline() {
        guard pretty else { return }
        output += "\n" + String(repeating: "  ", count: depth)
    }

    /// Escapes quotes, backslashes and control characters. Characters beyond Latin-1 are
    /// written as `\uXXXX`: IAM accepts policy documents made of tab, CR, LF and
    /// U+0020–U+00FF only (botocore's policyDocumentType), so "✓" must travel escaped.
    private mutating func writeString(_ s: String) {
        output += "\""
        if PlainText.isPrintableASCII(s, except: PlainText.jsonSpecial) {
            output += s + "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    appendEscaped(UInt16(scalar.value))
                } else if scalar.value > 0xFF {
                    for unit in String(scalar).utf16 { appendEscaped(unit) }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private mutating func appendEscaped(_ unit: UInt16) {
        let hex = String(unit, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
