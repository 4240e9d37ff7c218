/// A condition operator as IAM reads it: `ForAnyValue:StringNotLikeIfExists` is a negated
/// wildcard string comparison over a set, skipped when the key is absent.
struct ConditionOperator {
    enum Family { case string, numeric, date, bool, binary, ip, arn, null }
    enum Comparison { case equals, equalsIgnoringCase, like, less, lessOrEqual, greater, greaterOrEqual }
    enum Qualifier { case forAllValues, forAnyValue }

    var family: Family
    var comparison: Comparison
    /// `…Not…` operators hold when the positive comparison holds for no value.
    var negated: Bool
    var qualifier: Qualifier?
    var ifExists: Bool

    /// Names compare ignoring case, as IAM does; `nil` for a name IAM does not know.
    init?(_ name: String) {
        var rest = Substring(name.lowercased())
        // One qualifier at most: `ForAllValues:ForAnyValue:…` is no operator.
        if let (prefix, qualifier) = [("forallvalues:", Qualifier.forAllValues), ("foranyvalue:", .forAnyValue)].first(where: { rest.hasPrefix($0.0) }) {
            self.qualifier = qualifier
            rest = rest.dropFirst(prefix.count)
        }
        ifExists = rest.hasSuffix("ifexists")
        if ifExists { rest = rest.dropLast("ifexists".count) }
        guard let base = ConditionOperator.bases[String(rest)] else { return nil }
        (family, comparison, negated) = base
        if family == .null && ifExists { return nil }
    }

    private static let bases: [String: (Family, Comparison, Bool)] = {
        var table: [String: (Family, Comparison, Bool)] = [
            "stringequals": (.string, .equals, false), "stringnotequals": (.string, .equals, true),
            "stringequalsignorecase": (.string, .equalsIgnoringCase, false),
            "stringnotequalsignorecase": (.string, .equalsIgnoringCase, true),
            "stringlike": (.string, .like, false), "stringnotlike": (.string, .like, true),
            "bool": (.bool, .equals, false), "binaryequals": (.binary, .equals, false),
            "ipaddress": (.ip, .equals, false), "notipaddress": (.ip, .equals, true),
            // ArnEquals and ArnLike behave identically: both take wildcards.
            "arnequals": (.arn, .like, false), "arnlike": (.arn, .like, false),
            "arnnotequals": (.arn, .like, true), "arnnotlike": (.arn, .like, true),
            "null": (.null, .equals, false),
        ]
        for (family, word) in [(Family.numeric, "numeric"), (.date, "date")] {
            table[word + "equals"] = (family, .equals, false)
            table[word + "notequals"] = (family, .equals, true)
            table[word + "lessthan"] = (family, .less, false)
            table[word + "lessthanequals"] = (family, .lessOrEqual, false)
            table[word + "greaterthan"] = (family, .greater, false)
            table[word + "greaterthanequals"] = (family, .greaterOrEqual, false)
        }
        return table
    }()

    /// Policy variables are replaced in values of these operators only.
    var takesVariables: Bool { family == .string || family == .arn || family == .bool }
}
