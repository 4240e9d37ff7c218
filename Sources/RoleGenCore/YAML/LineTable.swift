/// Maps libyaml's positions (which count characters) to byte offsets, and byte offsets
/// (which libyaml's reader errors give) to lines and columns.
struct LineTable {
    private let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    private var lineStarts: [Int] = [0]
    private var lineIsASCII: [Bool] = []
    /// The last position found on a line with non-ASCII text: libyaml reports positions in
    /// order, so the next walk starts there instead of at the line start. (Walking from the
    /// start cost quadratic time on a 3 MB line of non-ASCII text.)
    private final class Cursor {
        var line = -1, column = 0, offset = 0
    }
    private let cursor = Cursor()

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var ascii = true
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x80 { ascii = false }
            if b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                lineIsASCII.append(ascii)
                lineStarts.append(i + 1)
                ascii = true
            }
            i += 1
        }
        lineIsASCII.append(ascii)
    }

    /// A location from libyaml's 0-based line and character column.
    func location(line: Int, column: Int) -> SourceLocation {
        guard line < lineStarts.count else {
            return SourceLocation(line: line + 1, column: column + 1, offset: bytes.count)
        }
        let start = lineStarts[line]
        var offset = start + column
        if !lineIsASCII[line] {
            // Walk `column` UTF-8 code points from the line start, or from the last position
            // found on this line when it is not past the one asked for.
            offset = start
            var remaining = column
            if cursor.line == line && cursor.column <= column {
                offset = cursor.offset
                remaining = column - cursor.column
            }
            while remaining > 0 && offset < bytes.count {
                offset += 1
                while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                remaining -= 1
            }
            (cursor.line, cursor.column, cursor.offset) = (line, column - remaining, offset)
        }
        return SourceLocation(line: line + 1, column: column + 1, offset: min(offset, bytes.count))
    }

    /// A location from a byte offset.
    func location(offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 0
        var i = lineStarts[low]
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: low + 1, column: column + 1, offset: clamped)
    }

    /// The bytes of a 1-based line, without its line break.
    func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1 && line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return bytes[start..<end]
    }
}
