/// A position in a source file. Lines and columns are 1-based (as editors show them);
/// `offset` is the 0-based byte offset into the file.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }
}

/// A span of a source file: `start` inclusive, `end` exclusive.
public struct SourceRange: Hashable, Sendable {
    public var file: String
    public var start: SourceLocation
    public var end: SourceLocation

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A range for a whole file when nothing more precise is known.
    public static func file(_ path: String) -> SourceRange {
        let origin = SourceLocation(line: 1, column: 1, offset: 0)
        return SourceRange(file: path, start: origin, end: origin)
    }
}

/// A value together with the source range it was read from.
public struct Located<Value> {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }

    public func map<T>(_ transform: (Value) throws -> T) rethrows -> Located<T> {
        Located<T>(try transform(value), range)
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}
