import RoleGenCore

/// One test of one statement that the request context could not settle.
public struct Clause: Hashable, Sendable {
    public enum Test: Hashable, Sendable {
        /// A condition entry whose key, or a policy variable in its values, is unknown.
        case condition(operator: Located<String>, key: Located<String>, values: [Located<String>])
        /// The requested resource matches this `Resource`/`NotResource` pattern, whose policy
        /// variable is unknown.
        case resourceMatches(Located<String>)
    }

    public var statement: StatementReference
    public var test: Test

    public init(statement: StatementReference, test: Test) {
        self.statement = statement
        self.test = test
    }
}

/// A boolean formula over clauses. Built through `and`, `or` and `not`, which fold constants
/// and flatten, so a formula that is not `.always` or `.never` depends on some clause.
public indirect enum Formula: Hashable, Sendable {
    case always
    case never
    case clause(Clause)
    case not(Formula)
    case all([Formula])
    case any([Formula])

    /// Conjunction, folded: `never` wins, `always` drops out, nested conjunctions flatten.
    public static func and(_ parts: [Formula]) -> Formula {
        var kept: [Formula] = []
        for part in parts {
            switch part {
            case .never: return .never
            case .always: continue
            case .all(let inner): kept += inner
            default: kept.append(part)
            }
        }
        return combined(kept, empty: .always, make: Formula.all)
    }

    /// Disjunction, folded: `always` wins, `never` drops out, nested disjunctions flatten.
    public static func or(_ parts: [Formula]) -> Formula {
        var kept: [Formula] = []
        for part in parts {
            switch part {
            case .always: return .always
            case .never: continue
            case .any(let inner): kept += inner
            default: kept.append(part)
            }
        }
        return combined(kept, empty: .never, make: Formula.any)
    }

    /// Negation, folded: constants flip and a double negation cancels.
    public static func negation(_ formula: Formula) -> Formula {
        switch formula {
        case .always: .never
        case .never: .always
        case .not(let inner): inner
        default: .not(formula)
        }
    }

    private static func combined(_ parts: [Formula], empty: Formula, make: ([Formula]) -> Formula) -> Formula {
        var seen: Set<Formula> = []
        let unique = parts.filter { seen.insert($0).inserted }
        switch unique.count {
        case 0: return empty
        case 1: return unique[0]
        default: return make(unique)
        }
    }

    /// The value of the formula when each clause's value is given.
    public func value(_ clauseValue: (Clause) -> Bool) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .clause(let clause): clauseValue(clause)
        case .not(let inner): !inner.value(clauseValue)
        case .all(let parts): parts.allSatisfy { $0.value(clauseValue) }
        case .any(let parts): parts.contains { $0.value(clauseValue) }
        }
    }

    /// Every clause the formula mentions, in order of first mention.
    public var clauses: [Clause] {
        var seen: Set<Clause> = []
        var out: [Clause] = []
        func walk(_ formula: Formula) {
            switch formula {
            case .always, .never: break
            case .clause(let clause): if seen.insert(clause).inserted { out.append(clause) }
            case .not(let inner): walk(inner)
            case .all(let parts), .any(let parts): parts.forEach(walk)
            }
        }
        walk(self)
        return out
    }
}

extension Formula {
    /// A settled truth value.
    init(_ value: Bool) { self = value ? .always : .never }
}
