/// A condition operator as written: `ForAnyValue:StringLikeIfExists` is the String family,
/// base `StringLike`, qualifier `ForAnyValue`, with IfExists.
struct ConditionOperator {
    enum Family: String { case string = "String", numeric = "Numeric", date = "Date", bool = "Bool", binary = "Binary", ip = "IpAddress", arn = "Arn", null = "Null" }
    enum Qualifier: String { case forAllValues = "ForAllValues", forAnyValue = "ForAnyValue" }

    var base: String
    var family: Family
    var qualifier: Qualifier?
    var ifExists: Bool

    /// `...Like` operators treat `*` and `?` as wildcards.
    var isLike: Bool { base.hasSuffix("Like") }
    var isNegated: Bool { base.includes("Not") }

    static let operators: [String: Family] = [
        "StringEquals": .string, "StringNotEquals": .string, "StringEqualsIgnoreCase": .string,
        "StringNotEqualsIgnoreCase": .string, "StringLike": .string, "StringNotLike": .string,
        "NumericEquals": .numeric, "NumericNotEquals": .numeric, "NumericLessThan": .numeric,
        "NumericLessThanEquals": .numeric, "NumericGreaterThan": .numeric, "NumericGreaterThanEquals": .numeric,
        "DateEquals": .date, "DateNotEquals": .date, "DateLessThan": .date, "DateLessThanEquals": .date,
        "DateGreaterThan": .date, "DateGreaterThanEquals": .date,
        "Bool": .bool, "BinaryEquals": .binary, "IpAddress": .ip, "NotIpAddress": .ip,
        "ArnEquals": .arn, "ArnLike": .arn, "ArnNotEquals": .arn, "ArnNotLike": .arn, "Null": .null,
    ]
    private static let byLowercase: [String: String] = Dictionary(uniqueKeysWithValues: operators.keys.map { ($0.lowercased(), $0) })

    static var allNames: [String] {
        operators.keys.sorted() + operators.keys.filter { $0 != "Null" }.sorted().map { $0 + "IfExists" }
    }

    enum ParseError: Error {
        case unknown(suggestion: String?)
        case nullWithIfExists
    }

    /// Operator names are matched ignoring case, as IAM does.
    static func parse(_ text: String) -> Result<ConditionOperator, ParseError> {
        var rest = Substring(text)
        var qualifier: Qualifier?
        // One qualifier at most: `ForAllValues:ForAnyValue:…` is no operator.
        if let candidate = [Qualifier.forAllValues, .forAnyValue].first(where: { rest.lowercased().hasPrefix($0.rawValue.lowercased() + ":") }) {
            qualifier = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
        }
        var ifExists = false
        if rest.lowercased().hasSuffix("ifexists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = byLowercase[rest.lowercased()], let family = operators[base] else {
            return .failure(.unknown(suggestion: closestOperator(to: text)))
        }
        if family == .null && ifExists { return .failure(.nullWithIfExists) }
        return .success(ConditionOperator(base: base, family: family, qualifier: qualifier, ifExists: ifExists))
    }
}

import AWSCatalog

extension ConditionOperator {
    /// A known operator close to `text`, never `text` itself. A head before `:` that is no
    /// qualifier is dropped (`IfExists:StringEquals` → `StringEquals`), as is a second qualifier.
    static func closestOperator(to text: String) -> String? {
        var qualifier = ""
        var rest = Substring(text)
        var ifExists = false
        if let colon = rest.firstIndex(of: ":") {
            let head = String(rest[..<colon])
            // `IfExists:` written as if it were a qualifier belongs at the end.
            ifExists = head.lowercased() == "ifexists"
            qualifier = Nearest.closest(to: head, in: ["ForAllValues", "ForAnyValue"]).map { $0 + ":" } ?? ""
            rest = rest[rest.index(after: colon)...]
            while let next = rest.firstIndex(of: ":") { rest = rest[rest.index(after: next)...] }
        }
        let suggestion = Nearest.closest(to: String(rest) + (ifExists ? "IfExists" : ""), in: ConditionOperator.allNames).map { qualifier + $0 }
        return suggestion == text ? nil : suggestion
    }
}
