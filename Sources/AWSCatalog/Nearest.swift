/// "Did you mean" for catalog names: the candidate within a few edits of a word (a swap of
/// neighbours counts as one edit), ignoring case; of equally close candidates, one that begins
/// with the word, then the alphabetically first. Made fast for thousands of candidates: candidates
/// whose length alone rules them out are skipped, and the distance stops early.
public enum Nearest {
    /// Edits allowed for a word of this length: one per three characters, from 1 to 3.
    public static func allowedEdits(_ count: Int) -> Int { max(1, min(3, count / 3)) }

    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        var best: (String, Int, Bool)?
        let allowed = allowedEdits(word.count)
        for candidate in candidates {
            let limit = best.map { min($0.1, allowed) } ?? allowed
            // Lower-casing keeps an ASCII name's length: most candidates are ruled out before it.
            if abs(candidate.utf8.count - target.count) > limit, candidate.utf8.allSatisfy({ $0 < 0x80 }) { continue }
            let bytes = Array(candidate.lowercased().utf8)
            guard abs(bytes.count - target.count) <= limit,
                  let distance = distance(target, bytes, limit: limit) else { continue }
            // Of equally close names, one the word begins (`ec` → `ec2`, not `ce`), then the first in order.
            let extends = bytes.starts(with: target)
            if let current = best, distance > current.1
                || (distance == current.1 && (current.2 && !extends || (current.2 == extends && candidate >= current.0))) { continue }
            best = (candidate, distance, extends)
        }
        return best?.0
    }

    /// The edit distance of `a` and `b` when it is at most `limit`, else nil.
    public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var before = [Int](repeating: 0, count: width)   // row i-2
        var previous = Array(0...b.count)                // row i-1
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return nil }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        let result = previous[b.count]
        return result <= limit ? result : nil
    }
}
