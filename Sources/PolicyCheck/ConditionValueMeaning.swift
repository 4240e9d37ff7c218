import AWSCatalog
import RoleGenCore

/// What condition values mean, beyond their syntax: a `*` that turns a condition into a Null
/// test (or into no test at all), numeric alternatives of which one decides, dates in epoch
/// seconds, KMS keys named other than by ARN, and wildcards that make a value
/// identifying principals or accounts match nearly anything.
extension PolicyChecker {
    /// Global keys that say who (or which account, organization or network) acts or is acted
    /// for. Access Analyzer does not publish its list of "sensitive" keys; these are the ones
    /// its documentation and examples use.
    static let sensitiveKeys: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:userid",
        "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceowner",
        "aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths",
        "aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths", "aws:sourcevpc", "aws:sourcevpce",
    ]

    /// Fewer literal characters than this before a wildcard match nearly anything.
    static let sensitivePrefixLength = 6

    mutating func checkValueMeaning(_ entry: ConditionEntry, _ op: ConditionOperator, checkable: [Located<String>]) {
        let key = entry.key.value.lowercased()
        switch op.family {
        case .string, .arn:
            checkWildcardValue(entry, op, checkable: checkable)
            if Self.isKMSKeyKey(key) { checkKMSKeyValues(entry.key.value, checkable) }
            if Self.sensitiveKeys.contains(key) { checkSensitiveValues(entry, op) }
        case .numeric:
            checkNumericAlternatives(entry, op, checkable: checkable)
        case .date:
            for value in checkable where !value.value.isEmpty && value.value.allSatisfy({ $0.isASCII && $0.isNumber }) {
                report(.epochDateValue, .warning, "\(op.base) compares dates; '\(value.value)' is epoch seconds, which may not resolve as expected",
                       at: value.range, fixIt: "write an ISO 8601 date such as 2026-01-31T00:00:00Z, or use Numeric\(op.base.dropFirst(4)) on aws:EpochTime")
            }
        default:
            break
        }
    }

    /// `*` among the values of a Like operator (`ArnEquals` matches like `ArnLike`).
    private mutating func checkWildcardValue(_ entry: ConditionEntry, _ op: ConditionOperator, checkable: [Located<String>]) {
        guard op.isLike || op.family == .arn, let star = checkable.first(where: { $0.value == "*" }) else { return }
        let name = entry.key.value
        switch (op.qualifier, op.isNegated, op.ifExists) {
        case (nil, false, false):
            report(.conditionEquivalentToNull, .note, "\(op.base) with '*' matches any value of \(name): the condition only requires the key to be present",
                   at: star.range, fixIt: "write \"Null\": {\"\(name)\": \"false\"}")
        case (nil, false, true):
            report(.conditionAlwaysMatches, .note, "\(op.base)IfExists with '*' is true whether \(name) is present or not: it restricts nothing",
                   at: star.range, fixIt: "remove \(name) from the condition")
        case (nil, true, _):
            report(.conditionEquivalentToNull, .note, "\(op.base) with '*' never matches a present \(name): the condition only requires the key to be absent",
                   at: star.range, fixIt: "write \"Null\": {\"\(name)\": \"true\"}")
        case (.forAnyValue?, true, _):
            report(.conditionNeverMatches, .note, "ForAnyValue:\(op.base) with '*' is false for every request: the statement never applies",
                   at: star.range, fixIt: "remove the statement, or the '*'")
        default:
            break
        }
    }

    /// Several values of NumericLessThan(Equals) or NumericGreaterThan(Equals): any one
    /// matching is enough, so only the widest bound decides.
    private mutating func checkNumericAlternatives(_ entry: ConditionEntry, _ op: ConditionOperator, checkable: [Located<String>]) {
        let less = op.base.hasPrefix("NumericLessThan"), greater = op.base.hasPrefix("NumericGreaterThan")
        guard (less || greater) && op.qualifier == nil, checkable.count > 1, checkable.count == entry.values.count else { return }
        let numbers = checkable.compactMap { value in Double(value.value).map { (value, $0) } }
        guard numbers.count == checkable.count, let decisive = (less ? numbers.max { $0.1 < $1.1 } : numbers.min { $0.1 < $1.1 }) else { return }
        report(.redundantNumericValues, .note, "\(op.base) is true when any value matches, so only '\(decisive.0.value)' decides",
               at: decisive.0.range, fixIt: "keep only \(decisive.0.value)")
    }

    /// Keys compared with a KMS key's ARN.
    static func isKMSKeyKey(_ key: String) -> Bool {
        key == "s3:x-amz-server-side-encryption-aws-kms-key-id" || key.hasSuffix("kmskeyid") || key.hasSuffix("kmskeyarn")
            || key.hasSuffix("kmskeyarns")
    }

    /// A KMS key ARN: `arn:PARTITION:kms:REGION:ACCOUNT:key/ID` (or `alias/NAME`); fields a
    /// wildcard stands for are not judged.
    private mutating func checkKMSKeyValues(_ key: String, _ values: [Located<String>]) {
        for value in values {
            let fields = ARNRules.fields(value.value)
            let service = fields.count > 2 ? fields[2] : ""
            let resource = fields.count == 6 ? fields[5] : ""
            let isKeyARN = fields.count == 6 && fields[0] == "arn" && (service == "kms" || ARNRules.isOpen(service))
                && (resource.hasPrefix("key/") || resource.hasPrefix("alias/") || resource.first == "*" || resource.first == "?")
            let wildcardTail = fields.count < 6 && (fields.last?.includes("*") ?? false) && value.value.hasPrefix("arn:")
            guard !isKeyARN && !wildcardTail else { continue }
            report(.invalidKMSKeyValue, "\(key) is compared with a KMS key ARN; '\(value.value)' is not one", at: value.range,
                   fixIt: "write the key's ARN: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID")
        }
    }

    /// Wildcards, under operators that expand them, after fewer than six literal characters in
    /// keys that identify principals, accounts or organizations. (Policy variables there are
    /// left alone: `${aws:PrincipalAccount}` as a whole value is exact, and which variables
    /// Access Analyzer deems too permissive is not published.)
    private mutating func checkSensitiveValues(_ entry: ConditionEntry, _ op: ConditionOperator) {
        guard op.isLike || op.family == .arn else { return }
        for value in entry.values where !deployTimeValues.contains(value) && !value.value.includes("${") {
            let text = value.value
            guard let wildcard = text.firstIndex(where: { $0 == "*" || $0 == "?" }) else { continue }
            let literal = text.distance(from: text.startIndex, to: wildcard)
            // A lone * is RG1340's.
            guard literal < Self.sensitivePrefixLength, text != "*" else { continue }
            report(.permissiveSensitiveValue, "\(entry.key.value) says who may act, but '\(text)' has a wildcard after \(literal) literal character\(literal == 1 ? "" : "s"): it matches nearly anything",
                   at: value.subrange(offset: literal, length: 1), fixIt: "name the principal, account or organization in full before any wildcard")
        }
    }
}
