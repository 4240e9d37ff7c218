/// Kleene's three-valued logic: a test is true, false, or not decidable from the context.
enum Truth: Equatable {
    case yes, no, unknown

    init(_ value: Bool) { self = value ? .yes : .no }

    static prefix func ! (truth: Truth) -> Truth {
        switch truth {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}

extension Sequence {
    /// True when some element is; unknown when none is but some is unknown.
    func anyTruth(_ test: (Element) -> Truth) -> Truth {
        var unknown = false
        for element in self {
            switch test(element) {
            case .yes: return .yes
            case .unknown: unknown = true
            case .no: break
            }
        }
        return unknown ? .unknown : .no
    }

    /// False when some element is; unknown when none is but some is unknown.
    func allTruth(_ test: (Element) -> Truth) -> Truth {
        !anyTruth { !test($0) }
    }
}
