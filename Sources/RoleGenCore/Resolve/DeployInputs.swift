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

/// How resolved strings refer to deploy-time inputs. A reference is the input's name between
/// two NUL characters: NUL cannot come from a spec (libyaml rejects control characters), so
/// the marker never collides with user text. Backends split strings into segments and render
/// each input reference their own way.
public enum DeployInputs {
    public enum Segment: Equatable, Sendable {
        case literal(String)
        case input(String)
    }

    static let delimiter: Character = "\u{0}"

    public static func marker(_ name: String) -> String { "\u{0}\(name)\u{0}" }

    public static func contains(_ text: String) -> Bool { PlainText.contains(text, byte: 0) }

    public static func segments(_ text: String) -> [Segment] {
        guard contains(text) else { return [.literal(text)] }
        var result: [Segment] = []
        for (index, part) in text.split(separator: delimiter, omittingEmptySubsequences: false).enumerated() {
            if index % 2 == 1 {
                result.append(.input(String(part)))
            } else if !part.isEmpty {
                result.append(.literal(String(part)))
            }
        }
        return result
    }

    /// Replaces every input reference with `value(name)`.
    public static func substitute(_ text: String, _ value: (String) -> String) -> String {
        guard contains(text) else { return text }
        return segments(text).map {
            switch $0 {
            case .literal(let s): return s
            case .input(let name): return value(name)
            }
        }.joined()
    }

    /// The text with each reference as one letter, for checking AWS's character rules on
    /// the parts that are known at build time.
    public static func checkable(_ text: String) -> String {
        substitute(text) { _ in "x" }
    }

    /// The text with references shown as `${name}`, for messages.
    public static func display(_ text: String) -> String {
        substitute(text) { "${\($0)}" }
    }
}
