/// IAM wildcard matching: `*` matches any run of characters (also none), `?` any one.
public enum Glob {
    /// ASCII lower case of a byte; other bytes unchanged.
    @inline(__always) public static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// IAM's two wildcard characters, `*` and `?`.
    @inline(__always) public static func isWildcard(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?")
    }

    /// Whether two strings are equal ignoring ASCII case.
    public static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && zip(x, y).allSatisfy { lower($0) == lower($1) } }
        }
    }

    /// Whether `text` matches a lower-cased `pattern`, folding the text to lower case.
    public static func matchesIgnoringCase(_ pattern: [UInt8], _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in pattern.withUnsafeBufferPointer { match($0, bytes) { $0 == lower($1) } } }
    }

    /// Whether `text` matches `pattern`, folding both to lower case (IAM action names).
    public static func matchesIgnoringCase(_ pattern: String, _ text: String) -> Bool {
        var pattern = pattern, text = text
        return pattern.withUTF8 { p in text.withUTF8 { t in match(p, t) { lower($0) == lower($1) } } }
    }

    /// Whether `text` matches `pattern` (both as bytes; compare case as given).
    public static func matches(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        pattern.withUnsafeBufferPointer { p in text.withUnsafeBufferPointer { t in match(p, t, ==) } }
    }

    /// IAM's `*`/`?` matching with backtracking to the last `*`; `same` says whether a pattern
    /// byte matches a text byte.
    @inline(__always)
    private static func match(_ pattern: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>,
                              _ same: (UInt8, UInt8) -> Bool) -> Bool {
        var p = 0, t = 0
        var star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || same(pattern[p], text[t])) {
                p += 1; t += 1
            } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    public static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern.utf8), Array(text.utf8))
    }

    /// In ARN format patterns: any run of characters without a `/`.
    public static let segment: UInt8 = 0x01

    /// Whether some string matches both patterns. `*` and `?` are wildcards in both; `a` may
    /// also hold `segment`.
    public static func overlaps(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*"), any = UInt8(ascii: "?"), slash = UInt8(ascii: "/")
        if b.count == 1 && b[0] == star { return true }
        // Literal prefixes must agree before any wildcard: a cheap test that rejects most pairs.
        var k = 0
        while k < a.count && k < b.count && a[k] != star && b[k] != star && a[k] != segment {
            if a[k] != b[k] && a[k] != any && b[k] != any { return false }
            k += 1
        }
        let n = a.count, m = b.count
        // reachable(i, j): a[i...] and b[j...] can still match; computed backwards, row by row.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * (m + 1)) { buffer -> Bool in
            var next = UnsafeMutableBufferPointer(rebasing: buffer[0...m])
            var row = UnsafeMutableBufferPointer(rebasing: buffer[(m + 1)...])
            // Row i = n (a exhausted): b[j...] must be all stars.
            next[m] = true
            if m > 0 { for j in stride(from: m - 1, through: 0, by: -1) { next[j] = b[j] == star && next[j + 1] } }
            if n == 0 { return next[0] }
            for i in stride(from: n - 1, through: 0, by: -1) {
                row[m] = (a[i] == star || a[i] == segment) && next[m]
                if m > 0 {
                    for j in stride(from: m - 1, through: 0, by: -1) {
                        if a[i] == star {
                            // `*` matches nothing, or swallows b[j] (a literal, a `?` or another `*`).
                            row[j] = next[j] || row[j + 1]
                        } else if a[i] == segment {
                            row[j] = next[j] || (b[j] != slash && row[j + 1])
                        } else if b[j] == star {
                            row[j] = row[j + 1] || next[j]
                        } else {
                            row[j] = (a[i] == b[j] || a[i] == any || b[j] == any) && next[j + 1]
                        }
                    }
                }
                swap(&row, &next)
            }
            return next[0]
        }
    }
}
