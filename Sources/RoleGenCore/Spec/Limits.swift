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

    /// Why `value` breaks this limit, or nil when it fits. The pattern is matched one Unicode
    /// scalar at a time, as AWS (Java) matches it: `\p{L}` takes letters, not the combining
    /// marks (`\p{M}`) or joiners (`\p{Cf}`) that may follow a letter in one visible character.
    public func problem(with value: String) -> LimitProblem? {
        let length = value.unicodeScalars.count
        if length < min { return LimitProblem(min == 1 ? "must not be empty" : "must be at least \(min) characters") }
        if length > max { return LimitProblem("is \(length) characters; the limit is \(max)") }
        if let ascii, !value.isEmpty || pattern!.hasSuffix("*"), value.utf8.allSatisfy(ascii.contains) {
            return nil
        }
        guard let regex, !regex.matches(value) else { return nil }
        let message = "may contain only characters matching \(pattern!)"
        guard let (index, scalar) = offending(value) else { return LimitProblem(message) }
        // The text just before the character, so an invisible one can be found; line breaks
        // and other controls there are shown as spaces to keep the message on one line.
        let before = value.unicodeScalars.prefix(index).suffix(20).map { scalar -> Unicode.Scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return " "
            default: return scalar
            }
        }
        let context = before.isEmpty ? "" : " after '" + String(String.UnicodeScalarView(before)) + "'"
        let kind = UnicodeText.kind(of: scalar).map { ", which is \($0)" } ?? ""
        var fixIt = "remove \(UnicodeText.describe(scalar))"
        let composed = value.precomposedStringWithCanonicalMapping
        if !composed.unicodeScalars.elementsEqual(value.unicodeScalars), problem(with: composed) == nil {
            fixIt = "write the composed characters instead: '\(composed)'"
        }
        return LimitProblem("\(message); found \(UnicodeText.shown(scalar))\(context)\(kind)", fixIt: fixIt)
    }

    /// For patterns that are one character class (`[...]+`), the first character outside it
    /// and how many scalars come before it.
    private func offending(_ value: String) -> (Int, Unicode.Scalar)? {
        guard let pattern, pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*") else { return nil }
        let single = LazyRegex(String(pattern.dropLast()))
        for (index, scalar) in value.unicodeScalars.enumerated() where !single.matches(String(scalar)) {
            return (index, scalar)
        }
        return nil
    }
}

/// How a value breaks a `StringLimit`: what is wrong (read as the end of a sentence that
/// names the value) and, when rolegen can tell, how to fix it.
public struct LimitProblem: Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let fixIt: String?

    public init(_ message: String, fixIt: String? = nil) {
        self.message = message
        self.fixIt = fixIt
    }

    public var description: String { message }
}

/// Names of characters for messages about text AWS refuses.
enum UnicodeText {
    /// `U+0301 COMBINING ACUTE ACCENT`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
        return (scalar.properties.name ?? scalar.properties.nameAlias).map { "\(code) \($0)" } ?? code
    }

    /// A visible character quoted before its code and name (`';' (U+003B SEMICOLON)`); an
    /// invisible or combining one by code and name only.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return "'\(scalar)' (\(describe(scalar)))"
        default:
            return describe(scalar)
        }
    }

    /// Why a character that looks like part of a word is not one, for the kinds people meet.
    static func kind(of scalar: Unicode.Scalar) -> String? {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return "a combining mark (category M), not a letter"
        case .format: return "an invisible format character (category Cf)"
        case .control: return "a control character"
        case .unassigned: return "not an assigned character"
        case .privateUse: return "a private-use character"
        default: return nil
        }
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
/// Matched as AWS (Java) matches it: one Unicode scalar at a time (Swift's default is one
/// grapheme cluster, which lets `e` + U+0301 pass as a letter), and with Java's `\w`, `\d`
/// and `\s`, which are ASCII only (Swift's would also accept é, ٣ or U+3000).
private final class LazyRegex: @unchecked Sendable {
    private let pattern: String
    private let lock = NSLock()
    private var compiled: Regex<AnyRegexOutput>?

    init(_ pattern: String) { self.pattern = pattern }

    /// Whether the whole of `value` matches, as the API requires.
    func matches(_ value: String) -> Bool {
        lock.withLock {
            if compiled == nil {
                compiled = try! Regex(pattern).matchingSemantics(.unicodeScalar)
                    .asciiOnlyWordCharacters().asciiOnlyDigits().asciiOnlyWhitespace()
            }
            return (try? compiled!.wholeMatch(in: value)) != nil
        }
    }
}

/// The tag limits of the service that tags a part: IAM for roles, AWS Organizations for
/// service control policies, IAM Identity Center (sso-admin) for permission sets. Each
/// service model states its own key and value patterns.
public struct TagLimits: Sendable {
    public let key: StringLimit
    public let value: StringLimit
    public let maxTags: Int

    public static let iam = TagLimits(key: IAMLimits.tagKey, value: IAMLimits.tagValue, maxTags: IAMLimits.maxTags)
    /// The Organizations model states no maximum; its documentation allows 50 tags per
    /// resource, as IAM does.
    public static let organizations = TagLimits(key: OrganizationLimits.organizationTagKey, value: OrganizationLimits.organizationTagValue,
                                                maxTags: IAMLimits.maxTags)
    public static let identityCenter = TagLimits(key: OrganizationLimits.permissionSetTagKey, value: OrganizationLimits.permissionSetTagValue,
                                                 maxTags: OrganizationLimits.maxPermissionSetTags)
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
