import Foundation

/// A string limit of the IAM API (length and allowed characters), as botocore's service
/// model states it. The values live in the generated `IAMLimits`.
public struct StringLimit: @unchecked Sendable {
    public let shape: String
    public let min: Int
    public let max: Int
    public let pattern: String?
    private let regex: NSRegularExpression?
    /// For a pattern that is one character class (`[...]+`, `[...]*`): which ASCII characters
    /// the class accepts, so that ASCII values (nearly all) are checked without the regex.
    private let asciiClass: [Bool]?

    public init(shape: String, min: Int, max: Int, pattern: String?) {
        self.shape = shape
        self.min = min
        self.max = max
        self.pattern = pattern
        // The model's patterns are ICU syntax; anchored because the API matches whole values.
        // The model's `\w` is Java's, ASCII only; ICU's would also accept é or ü. Every `\w`
        // in the model sits inside a character class, so the ASCII ranges can stand in for it.
        self.regex = pattern.map {
            try! NSRegularExpression(pattern: "^(?:\($0.replacingOccurrences(of: #"\w"#, with: "A-Za-z0-9_")))$")
        }
        self.asciiClass = pattern.flatMap(Self.asciiClass)
    }

    /// The ASCII characters that a one-class pattern accepts, found with one regex search
    /// over all 128 of them; nil for other patterns.
    private static func asciiClass(of pattern: String) -> [Bool]? {
        guard pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*"),
              !pattern.dropFirst().dropLast(2).contains("]"),
              let single = try? NSRegularExpression(pattern: String(pattern.dropLast()).replacingOccurrences(of: #"\w"#, with: "A-Za-z0-9_"))
        else { return nil }
        let all = String(String.UnicodeScalarView((0..<128).map { Unicode.Scalar(UInt8($0)) }))
        var accepted = [Bool](repeating: false, count: 128)
        for match in single.matches(in: all, range: NSRange(location: 0, length: 128)) {
            for offset in match.range.location..<(match.range.location + match.range.length) { accepted[offset] = true }
        }
        return accepted
    }

    /// Why `value` breaks this limit, or nil when it fits.
    public func problem(with value: String) -> String? {
        let length = value.unicodeScalars.count
        if length < min { return min == 1 ? "must not be empty" : "must be at least \(min) characters" }
        if length > max { return "is \(length) characters; the limit is \(max)" }
        if let asciiClass, !value.isEmpty || pattern!.hasSuffix("*"),
           value.utf8.allSatisfy({ $0 < 0x80 && asciiClass[Int($0)] }) {
            return nil
        }
        if let regex, regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) == nil {
            return "may contain only characters matching \(pattern!)" + offending(value).map { "; found \($0)" }.orEmpty
        }
        return nil
    }

    /// For patterns that are one character class (`[...]+`), the first character outside it.
    private func offending(_ value: String) -> String? {
        guard let pattern, pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*"),
              let single = try? NSRegularExpression(pattern: "^" + pattern.dropLast().replacingOccurrences(of: #"\w"#, with: "A-Za-z0-9_") + "$")
        else { return nil }
        for scalar in value.unicodeScalars {
            let text = String(scalar)
            if single.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
                return scalar.value < 0x21 ? code : "'\(text)' (\(code))"
            }
        }
        return nil
    }
}

public struct IntegerRange: Sendable {
    public let shape: String
    public let min: Int
    public let max: Int

    public init(shape: String, min: Int, max: Int) {
        self.shape = shape
        self.min = min
        self.max = max
    }

    public func contains(_ value: Int) -> Bool { value >= min && value <= max }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
