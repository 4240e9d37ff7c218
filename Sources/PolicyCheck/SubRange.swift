import RoleGenCore

extension Located where Value == String {
    /// The range of `length` characters at character `offset` of the value, when the source
    /// scalar is the value as written (single-line, plain or quoted, no escapes or
    /// interpolation); otherwise the whole value's range.
    func subrange(offset: Int, length: Int) -> SourceRange {
        var result = range
        guard range.start.line == range.end.line, offset >= 0, offset + length <= value.count else { return range }
        let width = range.end.column - range.start.column
        let count = value.count
        let quote = width == count ? 0 : width == count + 2 ? 1 : -1
        guard quote >= 0 else { return range }
        result.start.column += offset + quote
        result.start.offset += value.prefix(offset).utf8.count + quote
        result.end = result.start
        result.end.column += length
        result.end.offset += value.dropFirst(offset).prefix(length).utf8.count
        return result
    }

    /// The subrange of the first occurrence of `part` in the value (character-based).
    func subrange(of part: Substring) -> SourceRange {
        let offset = value.distance(from: value.startIndex, to: part.startIndex)
        return subrange(offset: offset, length: part.count)
    }
}
