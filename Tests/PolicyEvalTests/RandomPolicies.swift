@testable import PolicyEval
import RoleGenCore

/// SplitMix64: a fixed seed gives the same cases on every run and platform.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small random policy sets and requests over a few actions, resources and condition keys,
/// chosen so that statements often overlap, variables and unknown keys occur, and every
/// kind of policy takes part.
struct RandomPolicies {
    var random: SeededGenerator
    private var documents = 0

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    static let actionPatterns = ["s3:GetObject", "s3:*", "s3:Get*", "ec2:*", "*", "iam:PassRole", "S3:PUTOBJECT"]
    static let resourcePatterns = [
        "*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::c", "arn:aws:iam::*",
        "arn:aws:s3:::${aws:PrincipalTag/team}/*", "arn:aws:s3:::b/?ey", "arn:aws:s3:::b/${aws:username, 'alice'}/*",
    ]
    static let conditions: [(String, String, [String])] = [
        ("StringEquals", "k:a", ["x"]), ("StringLike", "k:b", ["x*"]), ("StringNotEquals", "k:a", ["y", "z"]),
        ("NumericLessThan", "k:n", ["5"]), ("BoolIfExists", "aws:MultiFactorAuthPresent", ["true"]),
        ("ForAnyValue:StringEquals", "k:set", ["x", "y"]), ("ForAllValues:StringLike", "k:set", ["x*"]),
        ("Null", "k:a", ["true"]), ("StringEquals", "k:a", ["${aws:username}"]), ("IpAddress", "aws:SourceIp", ["10.0.0.0/8"]),
        ("StringEqualsIfExists", "aws:PrincipalTag/team", ["red"]), ("DateLessThan", "aws:CurrentTime", ["2030-01-01T00:00:00Z"]),
    ]
    static let contextValues: [String: [[String]]] = [
        "k:a": [["x"], ["y"], ["z"], ["alice"]], "k:b": [["xa"], ["ya"]], "k:n": [["3"], ["7"]],
        "aws:MultiFactorAuthPresent": [["true"], ["false"]], "k:set": [[], ["x"], ["x", "z"]],
        "aws:SourceIp": [["10.1.2.3"], ["192.0.2.1"]], "aws:CurrentTime": [["2026-06-01T00:00:00Z"], ["2031-01-01T00:00:00Z"]],
        "aws:username": [["alice"], ["bob"]],
    ]
    static let principals = [
        Principal.user("alice"), .role("r"), .session("r", "s"),
        Principal(account: "111122223333", arn: "arn:aws:iam::111122223333:thing/t"),
    ]

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func some<T>(_ items: [T], atMost: Int) -> [T] {
        (0..<Int.random(in: 1...atMost, using: &random)).map { _ in pick(items) }
    }

    mutating func statement(effect: Effect? = nil, principal: Bool = false, _ counter: inout PolicyJSON.Counter) -> Statement {
        let effect = effect ?? (chance(65) ? .allow : .deny)
        let actions = ElementList(some(Self.actionPatterns, atMost: 2).map { counter.located($0) }, negated: chance(15), range: counter.next())
        let resources = ElementList(some(Self.resourcePatterns, atMost: 2).map { counter.located($0) }, negated: chance(15), range: counter.next())
        let conditions = (0..<Int.random(in: 0...2, using: &random)).map { _ in
            let (op, key, values) = pick(Self.conditions)
            return ConditionEntry(operator: counter.located(op), key: counter.located(key), values: values.map { counter.located($0) })
        }
        var principalElement: PrincipalElement?
        if principal {
            let named = pick(["*", "arn:aws:iam::111122223333:user/alice", "111122223333", "arn:aws:iam::111122223333:role/r",
                              "arn:aws:sts::111122223333:assumed-role/r/s"])
            principalElement = named == "*"
                ? PrincipalElement(.wildcard, range: counter.next())
                : PrincipalElement(.typed([(type: counter.located("AWS"), values: [counter.located(named)])]), negated: chance(10), range: counter.next())
        }
        return Statement(sid: chance(50) ? counter.located("S\(counter.line)") : nil, effect: counter.located(effect),
                         principal: principalElement, action: actions, resource: resources, conditions: conditions, range: counter.next())
    }

    mutating func policy(_ kind: String, principal: Bool = false, statements: ClosedRange<Int> = 1...3) -> NamedPolicy {
        documents += 1
        let origin = "\(kind) 'p\(documents)'"
        var counter = PolicyJSON.Counter(file: origin)
        let count = Int.random(in: statements, using: &random)
        let body = (0..<count).map { _ in statement(principal: principal, &counter) }
        return NamedPolicy(origin: origin, document: PolicyDocument(version: nil, statements: body, range: counter.next()))
    }

    mutating func scpLevels() -> [[NamedPolicy]] {
        (0..<Int.random(in: 1...2, using: &random)).map { _ in (0..<Int.random(in: 1...2, using: &random)).map { _ in policy("SCP") } }
    }

    mutating func policySet() -> PolicySet {
        PolicySet(
            identityPolicies: (0..<Int.random(in: 0...2, using: &random)).map { _ in policy("inline policy") },
            permissionsBoundary: chance(30) ? policy("boundary") : nil,
            serviceControlPolicies: chance(30) ? scpLevels() : [],
            resourceControlPolicies: chance(20) ? [[policy("RCP", principal: true)]] : [],
            resourcePolicy: chance(40) ? policy("resource policy", principal: true) : nil)
    }

    mutating func request() -> Request {
        var context: [String: [String]] = [:]
        for (key, values) in Self.contextValues where chance(50) { context[key] = pick(values) }
        var principal = pick(Self.principals)
        principal.tags = pick([nil, [:], ["team": "red"], ["team": "blue"]])
        return Request(action: pick(["s3:GetObject", "s3:PutObject", "ec2:RunInstances", "iam:PassRole"]),
                       resource: pick(["arn:aws:s3:::b/key", "arn:aws:s3:::b/alice/x", "arn:aws:s3:::c", "arn:aws:s3:::red/x",
                                       "arn:aws:iam::111122223333:role/r", "*"]),
                       principal: principal, context: context, contextIsComplete: chance(20))
    }

    /// The request with every unknown key given a value: a concrete request it stands for.
    mutating func completion(of request: Request) -> Request {
        var complete = request
        if !request.contextIsComplete {
            let known = Facts(request)
            for (key, values) in Self.contextValues where known.value(of: key) == .unknown && chance(80) { complete.context[key] = pick(values) }
            if complete.principal.tags == nil { complete.principal.tags = pick([[:], ["team": "red"]]) }
        }
        complete.contextIsComplete = true
        return complete
    }
}

/// Whether a decision allows when each clause has the given value.
func permits(_ decision: Decision, _ clauseValue: (Clause) -> Bool) -> Bool {
    switch decision {
    case .allowed: true
    case .allowedIf(let formula): formula.value(clauseValue)
    case .denied, .implicitlyDenied: false
    }
}

/// The value of a clause in a request whose context is complete.
func value(of clause: Clause, in request: Request) -> Bool {
    let facts = Facts(request)
    switch clause.test {
    case let .condition(op, key, values):
        return evaluate(ConditionEntry(operator: op, key: key, values: values), facts) == .yes
    case .resourceMatches(let pattern):
        guard case .pattern(let substituted) = substitute(pattern.value, facts) else { return false }
        return substituted.matchesARN(Array(request.resource.utf8))
    }
}
