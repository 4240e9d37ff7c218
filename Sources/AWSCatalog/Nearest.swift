/// "Did you mean" for catalog names: the candidate within a few edits of a word (a swap of
/// neighbours counts as one edit), ignoring case; of equally close candidates, one that begins
/// with the word, then the alphabetically first. Made fast for thousands of candidates: candidates
/// whose length alone rules them out are skipped, and the distance stops early.
public enum Nearest {
    /// Edits allowed for a word of this length: one per three characters, from 1 to 3.
    public static func allowedEdits(_ count: Int) -> Int { max(1, min(3, count / 3)) }

    /// Words longer than this get no suggestion: no AWS or spec name is longer than a policy
    /// name (128), and it bounds the work a hostile word can cause.
    public static let maxWordBytes = 256

    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        guard word.utf8.count <= maxWordBytes else { return nil }
        // Lower-casing keeps an ASCII name's length: most candidates are ruled out before an
        // index copies them lower-cased.
        let length = word.lowercased().utf8.count, allowed = allowedEdits(word.count)
        return Index(candidates.lazy.filter { abs($0.utf8.count - length) <= allowed || !$0.utf8.allSatisfy { $0 < 0x80 } })
            .closest(to: word)
    }

    /// One candidate's fit: fewer edits first, then a candidate the word begins, then the
    /// alphabetically first.
    public struct Match: Sendable {
        public let name: String
        let distance: Int
        let extends: Bool

        func isBetter(than other: Match) -> Bool {
            if distance != other.distance { return distance < other.distance }
            if extends != other.extends { return extends }
            return name < other.name
        }
    }

    /// Candidates prepared once (lower-cased, grouped by length), for lists asked many times,
    /// such as the AWS managed policy names in a spec with thousands of unknown references.
    public struct Index: Sendable {
        private var byLength: [Int: [(name: String, lowered: [UInt8])]] = [:]

        public init(_ candidates: some Sequence<String>) {
            for candidate in candidates {
                let lowered = Array(candidate.lowercased().utf8)
                byLength[lowered.count, default: []].append((candidate, lowered))
            }
        }

        public func closest(to word: String) -> String? { bestMatch(for: word)?.name }

        /// The best match of several indexes, by the same order as within one.
        public static func closest(to word: String, in indexes: [Index]) -> String? {
            indexes.compactMap { $0.bestMatch(for: word) }.reduce(nil) { best, match in
                best.map { match.isBetter(than: $0) ? match : $0 } ?? match
            }?.name
        }

        func bestMatch(for word: String) -> Match? {
            guard word.utf8.count <= Nearest.maxWordBytes else { return nil }
            let target = Array(word.lowercased().utf8)
            let allowed = allowedEdits(word.count)
            var best: Match?
            for length in max(0, target.count - allowed)...(target.count + allowed) {
                for (name, lowered) in byLength[length] ?? [] {
                    let limit = best.map { min($0.distance, allowed) } ?? allowed
                    guard abs(lowered.count - target.count) <= limit,
                          let distance = distance(target, lowered, limit: limit) else { continue }
                    // Of equally close names, one the word begins (`ec` → `ec2`, not `ce`), then the first in order.
                    let match = Match(name: name, distance: distance, extends: lowered.starts(with: target))
                    if best.map(match.isBetter) ?? true { best = match }
                }
            }
            return best
        }
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
