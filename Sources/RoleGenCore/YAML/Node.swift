/// A YAML node with the source range it was read from. Aliases are already expanded and
/// merge keys (`<<`) applied, so consumers see plain scalars, mappings and sequences.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case mapping([Pair])
        case sequence([Node])
    }

    public struct Scalar: Sendable, Equatable {
        public enum Style: Sendable, Equatable { case plain, singleQuoted, doubleQuoted, literal, folded }
        public var value: String
        public var style: Style

        public init(_ value: String, style: Style = .plain) {
            self.value = value
            self.style = style
        }

        /// A plain `null`, `~` or empty scalar: YAML's null.
        public var isNull: Bool {
            style == .plain && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL")
        }
    }

    public struct Pair: Sendable {
        public var key: Node
        public var value: Node
    }

    public var content: Content
    public var range: SourceRange
    /// An explicit tag such as `!!str`, when the source had one.
    public var tag: String?

    public init(_ content: Content, range: SourceRange, tag: String? = nil) {
        self.content = content
        self.range = range
        self.tag = tag
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var pairs: [Pair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    public var items: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// A word for error messages: "a mapping", "a list", "a string".
    public var kindDescription: String {
        switch content {
        case .scalar(let s): return s.isNull ? "null" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
