/// A spec variable left open until deploy time.
public struct DeployInput: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Secret-ish values such as external ids: hidden in plans and consoles.
    public var sensitive: Bool
    public var defaultValue: String?

    public init(name: String, description: String? = nil, sensitive: Bool = false, defaultValue: String? = nil) {
        self.name = name
        self.description = description
        self.sensitive = sensitive
        self.defaultValue = defaultValue
    }
}

/// A model string: literal text with references to deploy-time inputs between. Inputs are
/// values of their own, so no user text can ever be taken for one; backends render each
/// part their own way (`var.x` in Terraform, `Ref` in CloudFormation, a shell variable in
/// the CLI scripts).
public struct Text: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation,
    CustomStringConvertible {
    public enum Part: Hashable, Sendable {
        case literal(String)
        case input(String)
    }

    /// Never an empty literal, never two literals side by side.
    public private(set) var parts: [Part]

    public init(_ literal: String) {
        parts = literal.isEmpty ? [] : [.literal(literal)]
    }

    public init(parts: [Part]) {
        self.parts = []
        for part in parts { append(part) }
    }

    public static func input(_ name: String) -> Text { Text(parts: [.input(name)]) }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: StringInterpolation) { self = stringInterpolation.text }

    /// `"arn:\(partition):iam::\(text: account):root"`: literal pieces and other texts.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = Text("")
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { text.append(.literal(literal)) }
        public mutating func appendInterpolation(_ value: String) { text.append(.literal(value)) }
        public mutating func appendInterpolation(_ value: Int) { text.append(.literal(String(value))) }
        public mutating func appendInterpolation(text value: Text) { text += value }
    }

    public mutating func append(_ part: Part) {
        switch (parts.last, part) {
        case (_, .literal("")): break
        case (.literal(let last)?, .literal(let next)): parts[parts.count - 1] = .literal(last + next)
        default: parts.append(part)
        }
    }

    public static func + (lhs: Text, rhs: Text) -> Text {
        var result = lhs
        result += rhs
        return result
    }

    public static func += (lhs: inout Text, rhs: Text) {
        for part in rhs.parts { lhs.append(part) }
    }

    /// The whole text when it has no inputs.
    public var literal: String? {
        switch parts.count {
        case 0: return ""
        case 1: if case .literal(let text) = parts[0] { return text } else { return nil }
        default: return nil
        }
    }

    public var isEmpty: Bool { parts.isEmpty }

    /// Whether the text starts with `prefix`, known at build time.
    public func hasLiteralPrefix(_ prefix: String) -> Bool {
        guard case .literal(let head)? = parts.first else { return prefix.isEmpty }
        return head.hasPrefix(prefix)
    }

    public var hasInputs: Bool { literal == nil }

    public var inputNames: [String] {
        parts.compactMap { if case .input(let name) = $0 { return name } else { return nil } }
    }

    /// The text with each input replaced by `value(name)`.
    public func rendered(_ value: (String) -> String) -> String {
        if let literal { return literal }
        return parts.map {
            switch $0 {
            case .literal(let text): return text
            case .input(let name): return value(name)
            }
        }.joined()
    }

    /// The text with inputs shown as `${name}`, for messages and reports.
    public var shown: String { rendered { "${\($0)}" } }

    /// The text with each input as one letter, for checking AWS's character rules on the
    /// parts that are known at build time.
    public var checkable: String { rendered { _ in "x" } }

    public var description: String { shown }
}
