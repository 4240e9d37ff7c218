@testable import PolicyEval
import RoleGenCore
import XCTest

/// The pieces under the evaluator: ARN patterns, policy variables, typed condition values,
/// operator names and formula folding.
final class MatchingTests: XCTestCase {
    private func arn(_ pattern: String, _ text: String) -> Bool {
        guard case .pattern(let substituted) = substitute(pattern, facts()) else { return false }
        return substituted.matchesARN(Array(text.utf8))
    }

    private func facts(_ context: [String: [String]] = [:], principal: Principal = .user("alice"), complete: Bool = false) -> Facts {
        Facts(Request(action: "s3:GetObject", resource: "*", principal: principal, context: context, contextIsComplete: complete))
    }

    func testARNPartsMatchOneByOne() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
        XCTAssertTrue(arn("*", "anything:at:all"))
        XCTAssertTrue(arn("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y.txt"), "`*` runs over `/` within a part")
        XCTAssertTrue(arn("arn:aws:iam::*", "arn:aws:iam::111122223333:role/r"), "a trailing `*` runs over the remaining parts")
        XCTAssertTrue(arn("arn:aws:logs:*:*:log-group:app:*", "arn:aws:logs:eu-west-1:111122223333:log-group:app:log-stream:s"),
                      "the resource part keeps its colons")
        XCTAssertFalse(arn("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:999999999999:store/x:111122223333:instance/i"),
                       "a `*` inside a part does not run over a colon")
        XCTAssertFalse(arn("arn:aws:s3:::b", "arn:aws:s3:::b/key"))
        XCTAssertFalse(arn("arn:aws:s3:::B/*", "arn:aws:s3:::b/key"), "ARNs are case-sensitive")
        XCTAssertTrue(arn("arn:aws:s3:::b/?ey", "arn:aws:s3:::b/key"))
        XCTAssertFalse(arn("arn:aws:s3:::*", "*"), "an unspecified resource matches only `*`")
    }

    func testPolicyVariables() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
        let alice = facts(["aws:PrincipalTag/team": ["red"], "k:many": ["a", "b"]])
        XCTAssertEqual(substitute("a/${aws:username}/*", alice), .pattern(Pattern(units: Pattern(literal: "a/alice/").units + [.anyRun])))
        XCTAssertEqual(substitute("${AWS:PrincipalTag/TEAM}", alice), .pattern(Pattern(literal: "red")), "key names ignore case")
        XCTAssertEqual(substitute("${*}${?}${$}", alice), .pattern(Pattern(literal: "*?$")), "escapes are literal")
        XCTAssertEqual(substitute("${aws:userid}", alice), .unknown)
        XCTAssertEqual(substitute("${aws:userid}", facts(complete: true)), .noValue)
        XCTAssertEqual(substitute("${aws:userid, 'it''s}'}", facts(complete: true)), .pattern(Pattern(literal: "it's}")))
        XCTAssertEqual(substitute("${k:many, 'one'}", alice), .pattern(Pattern(literal: "one")), "a multivalued key is no variable")
        XCTAssertEqual(substitute("${aws:username}", facts(principal: .role("r"))), .noValue, "roles have no user name")
        XCTAssertEqual(substitute("cost-${unclosed", alice), .pattern(Pattern(literal: "cost-${unclosed")))
        XCTAssertEqual(substitute("${aws:userid}/x", alice, unknownAsWildcard: true), .pattern(Pattern(units: [.anyRun] + Pattern(literal: "/x").units)))
    }

    func testConditionValues() {
        XCTAssertEqual(ConditionValues.date("1970-01-02"), 86_400)
        XCTAssertEqual(ConditionValues.date("2020-04-01T00:00:00Z"), 1_585_699_200)
        XCTAssertEqual(ConditionValues.date("2020-04-01T02:00:00+02:00"), 1_585_699_200)
        XCTAssertEqual(ConditionValues.date("2020-03-31T19:00-05:00"), 1_585_699_200)
        XCTAssertEqual(ConditionValues.date("2020-04-01T00:00:00.250Z"), 1_585_699_200.25)
        XCTAssertNil(ConditionValues.date("April 1st"))
        XCTAssertNil(ConditionValues.date("2020-13-01"))
        XCTAssertTrue(IPRange("203.0.113.0/24")!.contains("203.0.113.200"))
        XCTAssertFalse(IPRange("203.0.113.0/24")!.contains("203.0.114.1"))
        XCTAssertTrue(IPRange("203.0.113.9")!.contains("203.0.113.9"), "no prefix length is /32")
        XCTAssertTrue(IPRange("2001:DB8:1234:5678::/64")!.contains("2001:db8:1234:5678:abcd::1"))
        XCTAssertFalse(IPRange("2001:DB8:1234:5678::/64")!.contains("2001:db8:1234:5679::1"))
        XCTAssertTrue(IPRange("::ffff:0:0/96")!.contains("::ffff:192.0.2.1"))
        XCTAssertFalse(IPRange("0.0.0.0/0")!.contains("::1"), "an IPv6 address is in no IPv4 range")
        XCTAssertNil(IPRange("10.0.0.0/33"))
        XCTAssertNil(IPRange("1:2:3:4:5:6:7:8:9"))
    }

    func testConditionOperators() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
        let forAny = ConditionOperator("foranyvalue:stringnotlikeifexists")
        XCTAssertEqual(forAny?.family, .string)
        XCTAssertEqual(forAny?.comparison, .like)
        XCTAssertEqual(forAny?.negated, true)
        XCTAssertEqual(forAny?.qualifier, .forAnyValue)
        XCTAssertEqual(forAny?.ifExists, true)
        XCTAssertNil(ConditionOperator("NullIfExists"))
        XCTAssertNil(ConditionOperator("ForAllValues:ForAnyValue:StringEquals"))
        XCTAssertNil(ConditionOperator("StringEqualsIgnoringCase"))
        XCTAssertEqual(ConditionOperator("DateLessThanEquals")?.comparison, .lessOrEqual)
    }

    func testConditionEntries() {
        func entry(_ op: String, _ key: String, _ values: [String]) -> ConditionEntry {
            let here = SourceRange.file("test")
            return ConditionEntry(operator: Located(op, here), key: Located(key, here), values: values.map { Located($0, here) })
        }
        let context = facts(["k:s": ["Hello"], "k:n": ["10"], "k:arn": ["arn:aws:iam::111122223333:role/app"], "k:set": ["a", "b"]], complete: true)
        XCTAssertEqual(evaluate(entry("StringEqualsIgnoreCase", "k:s", ["hello"]), context), .yes)
        XCTAssertEqual(evaluate(entry("StringEquals", "k:s", ["hello", "Hello"]), context), .yes, "values are OR'ed")
        XCTAssertEqual(evaluate(entry("StringNotEquals", "k:s", ["x", "Hello"]), context), .no, "negated values are NOR'ed")
        XCTAssertEqual(evaluate(entry("StringEquals", "k:s", ["H*"]), context), .no, "no wildcards in StringEquals")
        XCTAssertEqual(evaluate(entry("NumericGreaterThanEquals", "k:n", ["10"]), context), .yes)
        XCTAssertEqual(evaluate(entry("NumericLessThan", "k:n", ["9.5"]), context), .no)
        XCTAssertEqual(evaluate(entry("NumericEquals", "k:n", ["ten"]), context), .no)
        XCTAssertEqual(evaluate(entry("ArnLike", "k:arn", ["arn:aws:iam::*:role/*"]), context), .yes)
        XCTAssertEqual(evaluate(entry("ArnNotEquals", "k:arn", ["arn:aws:iam::111122223333:role/app"]), context), .no)
        XCTAssertEqual(evaluate(entry("Null", "k:missing", ["true"]), context), .yes)
        XCTAssertEqual(evaluate(entry("Null", "k:s", ["true"]), context), .no)
        XCTAssertEqual(evaluate(entry("StringLike", "k:missing", ["*"]), context), .no)
        XCTAssertEqual(evaluate(entry("StringNotLike", "k:missing", ["*"]), context), .yes, "a negated operator holds for an absent key")
        XCTAssertEqual(evaluate(entry("ForAllValues:StringEquals", "k:set", ["a", "b", "c"]), context), .yes)
        XCTAssertEqual(evaluate(entry("ForAllValues:StringNotEquals", "k:set", ["c"]), context), .yes)
        XCTAssertEqual(evaluate(entry("ForAnyValue:StringNotEquals", "k:set", ["a"]), context), .yes)
        XCTAssertEqual(evaluate(entry("ForAllValues:StringNotEquals", "k:set", ["a"]), context), .no)
        XCTAssertEqual(evaluate(entry("StringEquals", "k:s", ["${aws:username}"]), context), .no)
        XCTAssertEqual(evaluate(entry("StringEquals", "k:unknown", ["x"]), facts()), .unknown)
        XCTAssertEqual(evaluate(entry("StringEquals", "k:s", ["${k:unknown}", "Hello"]), facts(["k:s": ["Hello"]])), .yes,
                       "a matching value decides though another is unknown")
        XCTAssertEqual(evaluate(entry("StringEquals", "k:s", ["${k:unknown}"]), facts(["k:s": ["Hello"]])), .unknown)
        XCTAssertEqual(evaluate(entry("NoSuchOperator", "k:s", ["x"]), context), .unknown)
    }

    func testFormulasFold() {
        let clause = Formula.clause(Clause(statement: StatementReference(origin: "p", index: 0, sid: nil, range: .file("p")),
                                           test: .resourceMatches(Located("x", .file("p")))))
        XCTAssertEqual(Formula.and([.always, clause, .always]), clause)
        XCTAssertEqual(Formula.and([clause, .never]), .never)
        XCTAssertEqual(Formula.or([.never, clause, clause]), clause)
        XCTAssertEqual(Formula.or([clause, .always]), .always)
        XCTAssertEqual(Formula.negation(.negation(clause)), clause)
        XCTAssertEqual(Formula.and([.and([clause, .negation(clause)]), clause]), .all([clause, .not(clause)]))
        XCTAssertEqual(Formula.and([]), .always)
        XCTAssertEqual(Formula.or([]), .never)
    }
}
