/// Bounds that keep hostile input from exhausting time or memory. Every limit ends in a
/// diagnostic, never a crash; each is overridable on the command line.
public struct YAMLLimits: Sendable, Equatable {
    /// Largest file accepted, in bytes.
    public var maxInputBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes that alias expansion may add to a document (stops "billion laughs").
    public var maxAliasNodes: Int
    /// Longest single scalar, in bytes.
    public var maxScalarBytes: Int

    public init(maxInputBytes: Int = 64 << 20, maxDepth: Int = 64, maxAliasNodes: Int = 1_000_000, maxScalarBytes: Int = 1 << 20) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxScalarBytes = maxScalarBytes
    }

    public static let `default` = YAMLLimits()
}
