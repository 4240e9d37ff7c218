import Foundation

/// A string limit of the IAM API (length and allowed characters), as botocore's service
/// model states it. The values live in the generated `IAMLimits`.
public struct StringLimit: Sendable {
    public let shape: String
    public let min: Int
    public let max: Int
    public let pattern: String?
    /// For a pattern that is one character class (`[...]+`, `[...]*`): the ASCII characters
    /// it accepts, computed by the generator, so that ASCII values (nearly all) are checked
    /// without compiling the pattern: ICU's regex start-up costs more than a small run.
    private let ascii: ASCIISet?
    private let regex: LazyRegex?

    public init(shape: String, min: Int, max: Int, pattern: String?, ascii: ASCIISet?) {
        self.shape = shape
        self.min = min
        self.max = max
        self.pattern = pattern
        self.ascii = ascii
        self.regex = pattern.map(LazyRegex.init)
    }

    /// Why `value` breaks this limit, or nil when it fits.
    public func problem(with value: String) -> String? {
        let length = value.unicodeScalars.count
        if length < min { return min == 1 ? "must not be empty" : "must be at least \(min) characters" }
        if length > max { return "is \(length) characters; the limit is \(max)" }
        if let ascii, !value.isEmpty || pattern!.hasSuffix("*"), value.utf8.allSatisfy(ascii.contains) {
            return nil
        }
        if let regex, !regex.matches(value) {
            return "may contain only characters matching \(pattern!)" + offending(value).map { "; found \($0)" }.orEmpty
        }
        return nil
    }

    /// For patterns that are one character class (`[...]+`), the first character outside it.
    private func offending(_ value: String) -> String? {
        guard let pattern, pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*") else { return nil }
        let single = LazyRegex(String(pattern.dropLast()))
        for scalar in value.unicodeScalars {
            let text = String(scalar)
            if !single.matches(text) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
                return scalar.value < 0x21 ? code : "'\(text)' (\(code))"
            }
        }
        return nil
    }
}

/// A set of ASCII characters as a 128-bit mask.
public struct ASCIISet: Sendable {
    private let low: UInt64
    private let high: UInt64

    public init(_ low: UInt64, _ high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Printable ASCII, U+0020–U+007E.
    static let printable = ASCIISet(0xFFFF_FFFF_0000_0000, 0x7FFF_FFFF_FFFF_FFFF)

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low >> byte & 1 == 1 : byte < 128 && high >> (byte - 64) & 1 == 1
    }

    func removing(_ bytes: [UInt8]) -> ASCIISet {
        var low = low, high = high
        for byte in bytes where byte < 128 {
            if byte < 64 { low &= ~(1 << UInt64(byte)) } else { high &= ~(1 << UInt64(byte - 64)) }
        }
        return ASCIISet(low, high)
    }
}

/// A pattern of the service model, compiled on first use with Swift's own regex engine:
/// NSRegularExpression would start ICU, which costs more than a small run of rolegen.
/// The model's `\w` is Java's, ASCII only; Swift's would also accept é or ü. Every `\w` in
/// the model sits inside a character class, so the ASCII ranges stand in for it.
private final class LazyRegex: @unchecked Sendable {
    private let pattern: String
    private let lock = NSLock()
    private var compiled: Regex<AnyRegexOutput>?

    init(_ pattern: String) { self.pattern = pattern.replacingOccurrences(of: #"\w"#, with: "A-Za-z0-9_") }

    /// Whether the whole of `value` matches, as the API requires.
    func matches(_ value: String) -> Bool {
        lock.withLock {
            if compiled == nil { compiled = try! Regex(pattern) }
            return (try? compiled!.wholeMatch(in: value)) != nil
        }
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
