/// A policy string with its policy variables replaced: literal bytes and IAM's two wildcards.
/// A `*` that came from `${*}` or from a variable's value is a literal byte, not a wildcard.
struct Pattern: Equatable {
    enum Unit: Equatable {
        case byte(UInt8)
        /// `*`: any run of bytes, also none.
        case anyRun
        /// `?`: any one byte.
        case anyOne
    }

    var units: [Unit]

    /// Every byte literal: the text as written.
    init(literal text: String) { units = text.utf8.map(Unit.byte) }

    init(units: [Unit]) { self.units = units }

    /// Whether the pattern matches every string (it is only `*`s).
    var matchesEverything: Bool { !units.isEmpty && units.allSatisfy { $0 == .anyRun } }

    /// The pattern's text with wildcards as the characters they were written as.
    var literalBytes: [UInt8] {
        units.map {
            switch $0 {
            case .byte(let byte): byte
            case .anyRun: UInt8(ascii: "*")
            case .anyOne: UInt8(ascii: "?")
            }
        }
    }

    /// Wildcard match of the whole of `text`, comparing bytes exactly.
    func matches(_ text: [UInt8]) -> Bool { Pattern.match(units[...], text[...]) }

    /// `*`/`?` matching with backtracking to the last `*`.
    static func match(_ pattern: ArraySlice<Unit>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var star: Int?, mark = t
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == .anyOne || pattern[p] == .byte(text[t]) {
                p += 1; t += 1
            } else if p < pattern.endIndex, pattern[p] == .anyRun {
                star = p; mark = t; p += 1
            } else if let star {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == .anyRun { p += 1 }
        return p == pattern.endIndex
    }

    /// ARN matching as IAM does it for `Resource` and the `Arn…` operators: the six
    /// colon-separated parts are matched one by one, the last part keeps its own colons, and a
    /// pattern that ends early with a part ending in `*` lets that `*` run over the rest
    /// (`arn:aws:iam::*` matches every IAM ARN). A pattern that is only `*` matches anything.
    func matchesARN(_ text: [UInt8]) -> Bool {
        if matchesEverything { return true }
        let patternParts = Pattern.split(units[...], isColon: { $0 == .byte(UInt8(ascii: ":")) })
        let textParts = Pattern.split(text[...], isColon: { $0 == UInt8(ascii: ":") })
        if patternParts.count > textParts.count { return false }
        for (index, part) in patternParts.enumerated() {
            let isLast = index == patternParts.count - 1
            if isLast && patternParts.count < textParts.count {
                guard part.last == .anyRun else { return false }
                let rest = text[textParts[index].startIndex...]
                return Pattern.match(part, rest)
            }
            if !Pattern.match(part, textParts[index]) { return false }
        }
        return true
    }

    /// Up to six parts: split at the first five colons.
    private static func split<Element>(_ items: ArraySlice<Element>, isColon: (Element) -> Bool) -> [ArraySlice<Element>] {
        var parts: [ArraySlice<Element>] = []
        var start = items.startIndex
        for index in items.indices where parts.count < 5 && isColon(items[index]) {
            parts.append(items[start..<index])
            start = index + 1
        }
        parts.append(items[start...])
        return parts
    }
}
