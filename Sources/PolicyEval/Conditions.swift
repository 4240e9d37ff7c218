import AWSCatalog
import RoleGenCore

/// Whether one `operator → key → values` entry holds for the request. Unknown when the key,
/// or a policy variable in the values, is unknown, or the operator is one IAM does not know.
///
/// IAM's rules: several values of one entry are OR'ed (NOR'ed for a negated operator); a key
/// absent from the request makes an entry false, except that negated operators, `…IfExists`
/// and `ForAllValues:` then hold, and `Null` tests just that.
func evaluate(_ entry: ConditionEntry, _ facts: Facts) -> Truth {
    guard let op = ConditionOperator(entry.operator.value) else { return .unknown }
    let key = facts.value(of: entry.key.value)
    if op.family == .null {
        // `Null: true` asks for the key to be absent, `false` for it to be present.
        let wanted = entry.values.map { $0.value.lowercased() }
        switch key {
        case .unknown: return .unknown
        case .absent: return Truth(wanted.contains("true"))
        case .values: return Truth(wanted.contains("false"))
        }
    }
    switch key {
    case .unknown:
        return .unknown
    case .absent:
        if op.ifExists || op.qualifier == .forAllValues { return .yes }
        if op.qualifier == .forAnyValue { return .no }
        return Truth(op.negated)
    case .values(let requestValues):
        let policyValues = entry.values.map {
            op.takesVariables ? substitute($0.value, facts) : .pattern(Pattern(literal: $0.value))
        }
        // The positive comparison of one request value with every policy value.
        func matchesAny(_ requestValue: String) -> Truth {
            policyValues.anyTruth { policyValue in
                switch policyValue {
                case .pattern(let pattern): Truth(compare(requestValue, pattern, op))
                case .noValue: .no
                case .unknown: .unknown
                }
            }
        }
        func holds(_ requestValue: String) -> Truth { op.negated ? !matchesAny(requestValue) : matchesAny(requestValue) }
        switch op.qualifier {
        case .forAllValues: return requestValues.allTruth(holds)
        case .forAnyValue: return requestValues.anyTruth(holds)
        case nil:
            let matched = requestValues.anyTruth(matchesAny)
            return op.negated ? !matched : matched
        }
    }
}

/// The positive comparison of a request value (left) with one policy value (right).
private func compare(_ requestValue: String, _ policyValue: Pattern, _ op: ConditionOperator) -> Bool {
    let written = String(decoding: policyValue.literalBytes, as: UTF8.self)
    switch op.family {
    case .string:
        switch op.comparison {
        case .like: return policyValue.matches(Array(requestValue.utf8))
        case .equalsIgnoringCase: return Glob.equalIgnoringCase(requestValue, written)
        default: return requestValue == written
        }
    case .arn: return policyValue.matchesARN(Array(requestValue.utf8))
    case .bool: return Glob.equalIgnoringCase(requestValue, written)
    case .binary: return requestValue == written
    case .ip: return IPRange(written)?.contains(requestValue) ?? false
    case .numeric: return order(ConditionValues.number(requestValue), ConditionValues.number(written), op.comparison)
    case .date: return order(ConditionValues.date(requestValue), ConditionValues.date(written), op.comparison)
    case .null: return false
    }
}

private func order(_ left: Double?, _ right: Double?, _ comparison: ConditionOperator.Comparison) -> Bool {
    guard let left, let right else { return false }
    switch comparison {
    case .less: return left < right
    case .lessOrEqual: return left <= right
    case .greater: return left > right
    case .greaterOrEqual: return left >= right
    case .equals, .equalsIgnoringCase, .like: return left == right
    }
}
