import Foundation

/// Characters no spec or policy string may hold, found where the scalar is read so every later
/// stage and every backend sees only text IAM accepts and every tool keeps as written.
public enum ScalarText {
    public struct Problem: Equatable, Sendable {
        public var message: String
        public var fixIt: String
    }

    /// Why `text` (a value from outside a spec, such as `--var`) cannot be used, or nil.
    public static func problem(in text: String) -> Problem? {
        var text = text
        return text.withUTF8 { problem(in: $0) }
    }

    /// Why `value` cannot be used, or nil. Refused: control characters other than tab, line
    /// feed and carriage return (IAM's patterns and policy grammar take none, and NUL would end
    /// strings in C tools), Unicode noncharacters (JSON parsers such as cfn-lint's reject them),
    /// and text not in normalization form C (Terraform normalises every string literal to NFC,
    /// so the same spec would reach IAM differently through Terraform and the other backends).
    static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var isASCII = true
        for byte in bytes {
            if byte >= 0x80 { isASCII = false; continue }
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
                return controlCharacter(Unicode.Scalar(byte))
            }
        }
        if isASCII { return nil }
        let value = String(decoding: bytes, as: UTF8.self)
        for scalar in value.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) { return controlCharacter(scalar) }
            if isNoncharacter(scalar) {
                return Problem(message: "\(UnicodeText.describe(scalar)) is a Unicode noncharacter, which IAM and JSON tools refuse",
                               fixIt: "remove the character")
            }
        }
        let composed = value.precomposedStringWithCanonicalMapping
        if !composed.unicodeScalars.elementsEqual(value.unicodeScalars) {
            let scalars = Array(value.unicodeScalars)
            let first = zip(scalars, composed.unicodeScalars).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
            let pair = scalars[first...].prefix(2).map(UnicodeText.describe).joined(separator: " + ")
            return Problem(
                message: "text is not in Unicode normalization form C (\(pair) has a composed form): Terraform would store the composed form and the other backends this one",
                fixIt: "write the composed characters: \(quoted(composed))")
        }
        return nil
    }

    private static func controlCharacter(_ scalar: Unicode.Scalar) -> Problem {
        Problem(message: "control character \(UnicodeText.describe(scalar)) is not allowed in text: IAM refuses it, and tools that read rolegen's output may cut the text there",
                fixIt: "remove the character; only tab, line feed and carriage return may appear in text")
    }

    private static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar.value) || scalar.value & 0xFFFE == 0xFFFE
    }

    /// A short, printable rendering of a value for a fix-it.
    private static func quoted(_ text: String) -> String {
        let shown = text.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(60))) + "…" : text
        return "'\(shown)'"
    }
}
