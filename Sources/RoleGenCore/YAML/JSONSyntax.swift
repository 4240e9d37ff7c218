import Foundation

/// Strict JSON (RFC 8259) for `.json` inputs. libyaml reads JSON as YAML, which also takes
/// single quotes, bare keys, comments and trailing commas; IAM's parser refuses them all, so
/// a `.json` file is first checked here and its first departure from JSON reported at its
/// exact position. The scan keeps an explicit stack, so deep nesting cannot exhaust the call
/// stack, and it builds nothing: the tree is still built by the YAML front end.
public enum JSONSyntax {
    /// The first syntax error of `bytes`, or nil when they are one JSON value.
    public static func check(_ bytes: [UInt8], file: String) -> Diagnostic? {
        let found = bytes.withUnsafeBufferPointer { buffer -> Problem? in
            var scanner = Scanner(bytes: buffer)
            return scanner.run()
        }
        guard let problem = found else { return nil }
        let lines = LineTable(bytes)
        let start = lines.location(offset: problem.offset)
        var end = lines.location(offset: min(problem.offset + problem.length, bytes.count))
        if end.line != start.line { end = start }
        return .error(.jsonSyntax, problem.message, at: SourceRange(file: file, start: start, end: end), fixIt: problem.fixIt)
    }

    struct Problem {
        var offset: Int
        var length = 1
        var message: String
        var fixIt: String?
    }

    private struct Scanner {
        /// Unchecked access: every index is tested against `count` first.
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// The open containers, `{` or `[`.
        var stack: [UInt8] = []
        /// Whether the last `value()` opened an object or array that has members.
        private var openedNonEmpty = false

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            // A byte order mark is the YAML front end's to report (RG0004).
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func run() -> Problem? {
            skipWhitespace()
            guard index < bytes.count else {
                return Problem(offset: index, length: 0, message: "the file holds no JSON value", fixIt: "write a policy document: {\"Version\": \"2012-10-17\", \"Statement\": [...]}")
            }
            var expectsValue = true
            while true {
                if expectsValue {
                    if let problem = value() { return problem }
                    // An opened container that is not empty expects a member or an element next.
                    expectsValue = openedNonEmpty
                    if expectsValue && stack.last == UInt8(ascii: "{"), let problem = key() { return problem }
                    continue
                }
                guard let container = stack.last else { break }
                skipWhitespace()
                let close = container == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard index < bytes.count else { return unexpectedEnd("'\(Character(Unicode.Scalar(close)))'") }
                let byte = bytes[index]
                if byte == close {
                    index += 1
                    stack.removeLast()
                    continue
                }
                guard byte == UInt8(ascii: ",") else {
                    return unexpected(expected: "',' or '\(Character(Unicode.Scalar(close)))'")
                }
                let comma = index
                index += 1
                skipWhitespace()
                if index < bytes.count && (bytes[index] == UInt8(ascii: "}") || bytes[index] == UInt8(ascii: "]")) {
                    return Problem(offset: comma, message: "trailing comma: JSON allows no comma before '\(Character(Unicode.Scalar(bytes[index])))'",
                                   fixIt: "remove the comma")
                }
                if container == UInt8(ascii: "{"), let problem = key() { return problem }
                expectsValue = true
            }
            skipWhitespace()
            guard index == bytes.count else {
                return Problem(offset: index, message: "text after the end of the JSON value", fixIt: "a JSON file holds exactly one value; remove what follows it")
            }
            return nil
        }

        /// One value. An object or array is only opened (pushed on the stack, or read whole when
        /// empty): its members are read by `run`, so nesting needs no recursion.
        private mutating func value() -> Problem? {
            openedNonEmpty = false
            skipWhitespace()
            guard index < bytes.count else { return unexpectedEnd("a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let open = bytes[index]
                index += 1
                skipWhitespace()
                if index < bytes.count && bytes[index] == open + 2 {  // `}` and `]` follow `{` and `[` by two
                    index += 1
                    return nil
                }
                stack.append(open)
                openedNonEmpty = true
                return nil
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return number()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default:
                return unexpected(expected: "a value")
            }
        }

        /// `"key":` inside an object.
        private mutating func key() -> Problem? {
            skipWhitespace()
            guard index < bytes.count else { return unexpectedEnd("'\"'") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if isWordByte(bytes[index]) {
                    let word = bytes[index...].prefix(while: isWordByte)
                    let key = String(decoding: word, as: UTF8.self)
                    return Problem(offset: index, length: word.count, message: "object key '\(key)' is not quoted: JSON keys are double-quoted strings",
                                   fixIt: "write \"\(key)\"")
                }
                return unexpected(expected: "a double-quoted key")
            }
            if let problem = string() { return problem }
            skipWhitespace()
            guard index < bytes.count else { return unexpectedEnd("':'") }
            guard bytes[index] == UInt8(ascii: ":") else { return unexpected(expected: "':'") }
            index += 1
            return nil
        }

        private mutating func string() -> Problem? {
            let start = index
            index += 1
            while index < bytes.count {
                // Plain characters in a local loop: most of a policy is string text.
                var plain = index
                while plain < bytes.count, bytes[plain] >= 0x20, bytes[plain] != UInt8(ascii: "\""), bytes[plain] != UInt8(ascii: "\\") {
                    plain += 1
                }
                index = plain
                guard index < bytes.count else { break }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return nil
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { break }
                    let escape = bytes[index + 1]
                    if escape == UInt8(ascii: "u") {
                        let digits = bytes[(index + 2)...].prefix(4)
                        guard digits.count == 4, digits.allSatisfy(isHexDigit) else {
                            return Problem(offset: index, length: 2, message: "'\\u' in a JSON string must be followed by four hex digits",
                                           fixIt: "write \\u00e9 for é, for example")
                        }
                        index += 6
                        continue
                    }
                    guard Self.escapes.contains(escape) else {
                        let shown = escape < 0x80 ? String(Character(Unicode.Scalar(escape))) : "…"
                        return Problem(offset: index, length: 2, message: "'\\\(shown)' is not a JSON escape",
                                       fixIt: #"JSON escapes are \" \\ \/ \b \f \n \r \t and \uXXXX; write a backslash as \\"#)
                    }
                    index += 2
                    continue
                case 0x00..<0x20:
                    return Problem(offset: index, message: "control character U+\(String(format: "%04X", byte)) in a JSON string must be escaped",
                                   fixIt: byte == 0x0A ? "write \\n, or end the string on this line" : byte == 0x09 ? "write \\t" : "write it as \\u\(String(format: "%04x", byte))")
                default:
                    break
                }
                index += 1
            }
            return Problem(offset: start, message: "string is not closed: no '\"' before the end of the file", fixIt: "close it with \"")
        }

        private mutating func number() -> Problem? {
            let start = index
            if bytes[index] == UInt8(ascii: "-") {
                index += 1
                if bytes[index...].starts(with: Array("Infinity".utf8)) { return notANumber(start, length: 9) }
            }
            let integer = digits()
            guard integer > 0 else { return malformedNumber(start) }
            if integer > 1 && bytes[index - integer] == UInt8(ascii: "0") {
                return Problem(offset: start, length: index - start, message: "number has a leading zero, which JSON does not allow",
                               fixIt: "remove the leading zero, or quote the value if it is an id")
            }
            if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return malformedNumber(start) }
            }
            if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
                index += 1
                if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
                guard digits() > 0 else { return malformedNumber(start) }
            }
            return nil
        }

        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }

        private func malformedNumber(_ start: Int) -> Problem {
            Problem(offset: start, length: max(index - start, 1), message: "malformed number: JSON numbers are -?digits[.digits][e[+-]digits]",
                    fixIt: "write the number in full (0.5, not .5 or 5.), or quote it")
        }

        private func notANumber(_ start: Int, length: Int) -> Problem {
            Problem(offset: start, length: length, message: "NaN and Infinity are not JSON numbers", fixIt: "quote the value, or write a number")
        }

        private static let escapes: [UInt8] = Array("\"\\/bfnrt".utf8)

        private mutating func literal(_ word: StaticString) -> Problem? {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            if bytes[index...].starts(with: expected) {
                index += expected.count
                return nil
            }
            return unexpected(expected: "a value")
        }

        private mutating func skipWhitespace() {
            var next = index
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x0D || bytes[next] == 0x09 {
                next += 1
            }
            index = next
        }

        /// A problem at the current byte, named for what JSON writers most often get wrong there.
        private func unexpected(expected: String) -> Problem {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"):
                return Problem(offset: index, message: "single-quoted string: JSON strings take double quotes", fixIt: "write \"…\" instead of '…'")
            case UInt8(ascii: "/") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*")),
                 UInt8(ascii: "#"):
                return Problem(offset: index, length: byte == UInt8(ascii: "#") ? 1 : 2, message: "comments are not allowed in JSON",
                               fixIt: "remove the comment, or keep notes in a Sid or in a YAML spec")
            case UInt8(ascii: "N") where bytes[index...].starts(with: Array("NaN".utf8)):
                return notANumber(index, length: 3)
            case UInt8(ascii: "I") where bytes[index...].starts(with: Array("Infinity".utf8)):
                return notANumber(index, length: 8)
            case UInt8(ascii: ",") where expected == "a value":
                return Problem(offset: index, message: "a value is missing before ','", fixIt: "remove the extra comma")
            default:
                let shown = byte < 0x80 && byte >= 0x20 ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(format: "%02X", byte))"
                return Problem(offset: index, message: "unexpected \(shown); expected \(expected)")
            }
        }

        private func unexpectedEnd(_ expected: String) -> Problem {
            Problem(offset: bytes.count, length: 0, message: "the file ends where \(expected) is expected",
                    fixIt: stack.isEmpty ? nil : "close every { with } and every [ with ]")
        }

        private func isWordByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }

        private func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
