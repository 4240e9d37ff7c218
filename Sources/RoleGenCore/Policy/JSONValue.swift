/// A JSON value whose objects keep the member order they were built with, so every
/// writer decides key order explicitly.
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    /// A string of the model that holds deploy-time inputs; each backend renders the inputs
    /// its own way, and plain JSON shows them as `${name}`.
    case text(Text)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.text(let a), .text(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A model text: `.string` when it is literal, `.text` when it holds inputs.
    public static func of(_ text: Text) -> JSONValue { text.literal.map(JSONValue.string) ?? .text(text) }

    public func encoded(pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return writer.text(trailingNewline: pretty)
    }
}

/// Writes JSON into a byte buffer: appending bytes costs a fraction of appending small
/// strings, and large builds write millions of tokens.
struct JSONWriter {
    let pretty: Bool
    private var bytes: [UInt8] = []
    private var depth = 0

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(256)
    }

    /// The text written so far, with a final line break when asked.
    func text(trailingNewline: Bool) -> String {
        guard trailingNewline else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count + 1) { buffer in
            _ = buffer.initialize(from: bytes)
            buffer[bytes.count] = UInt8(ascii: "\n")
            return bytes.count + 1
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .string(let s): writeString(s)
        case .text(let text): writeString(text.shown)
        case .integer(let n): bytes.append(contentsOf: String(n).utf8)
        case .bool(let b): b ? append("true") : append("false")
        case .null: append("null")
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            depth += 1
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                write(item)
            }
            depth -= 1
            newline()
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { append("{}"); return }
            bytes.append(UInt8(ascii: "{"))
            depth += 1
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                writeString(key)
                pretty ? append(": ") : append(":")
                write(item)
            }
            depth -= 1
            newline()
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(2 * depth) { bytes.append(UInt8(ascii: " ")) }
    }

    /// Escapes quotes, backslashes and control characters. Characters beyond Latin-1 are
    /// written as `\uXXXX`: IAM accepts policy documents made of tab, CR, LF and
    /// U+0020–U+00FF only (botocore's policyDocumentType), so "✓" must travel escaped.
    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        // ASCII text is copied in runs between the bytes that need escaping.
        let isASCII = s.withUTF8 { text -> Bool in
            guard text.allSatisfy({ $0 < 0x80 }) else { return false }
            var start = 0
            for (index, byte) in text.enumerated() where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
                escape(Unicode.Scalar(byte))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
            return true
        }
        if !isASCII {
            for scalar in s.unicodeScalars {
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "\\" {
                    escape(scalar)
                } else if scalar.value > 0xFF {
                    for unit in String(scalar).utf16 { appendEscaped(unit) }
                } else {
                    bytes.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A quote, backslash or control character, escaped.
    private mutating func escape(_ scalar: Unicode.Scalar) {
        switch scalar {
        case "\"": append("\\\"")
        case "\\": append("\\\\")
        case "\n": append("\\n")
        case "\r": append("\\r")
        case "\t": append("\\t")
        case "\u{08}": append("\\b")
        case "\u{0C}": append("\\f")
        default: appendEscaped(UInt16(scalar.value))
        }
    }

    private mutating func appendEscaped(_ unit: UInt16) {
        let hex = String(unit, radix: 16)
        append("\\u")
        for _ in hex.utf8.count..<4 { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: hex.utf8)
    }
}
