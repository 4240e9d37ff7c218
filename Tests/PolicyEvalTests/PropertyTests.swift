@testable import PolicyEval
import RoleGenCore
import XCTest

/// Properties that hold for every policy set, checked on a few thousand seeded random ones.
/// "A is no wider than B" is checked on the answers as functions of their clauses: under every
/// assignment of truth values to the clauses (or many, when there are too many), whenever A
/// allows, B allows.
final class PropertyTests: XCTestCase {
    private let cases = 2000

    func testAnUnconditionalDenyAlwaysWins() {
        var random = RandomPolicies(seed: 1)
        for _ in 0..<cases {
            var policies = random.policySet()
            let request = random.request()
            var counter = PolicyJSON.Counter(file: "deny-all")
            let denyAll = Statement(effect: counter.located(.deny), principal: PrincipalElement(.wildcard, range: counter.next()),
                                    action: ElementList([counter.located("*")], range: counter.next()),
                                    resource: ElementList([counter.located("*")], range: counter.next()), range: counter.next())
            let denying = NamedPolicy(origin: "deny-all", document: PolicyDocument(version: nil, statements: [denyAll], range: counter.next()))
            switch random.pick(["identity", "boundary", "scp", "rcp", "resource"]) {
            case "identity": policies.identityPolicies.append(denying)
            case "boundary": policies.permissionsBoundary = denying
            case "scp": policies.serviceControlPolicies.append([denying])
            case "rcp": policies.resourceControlPolicies.append([denying])
            default: policies.resourcePolicy = denying
            }
            let decision = policies.evaluate(request)
            guard case .denied = decision else { return XCTFail("expected an explicit Deny, got \(decision)") }
        }
    }

    func testABoundaryNeverWidens() {
        var random = RandomPolicies(seed: 2)
        for _ in 0..<cases {
            var policies = random.policySet()
            policies.permissionsBoundary = nil
            let request = random.request()
            let without = policies.evaluate(request)
            policies.permissionsBoundary = random.policy("boundary")
            assertNoWider(policies.evaluate(request), than: without, &random.random)
        }
    }

    func testAnSCPNeverWidens() {
        var random = RandomPolicies(seed: 3)
        for _ in 0..<cases {
            var policies = random.policySet()
            let request = random.request()
            let before = policies.evaluate(request)
            let added = random.policy("SCP")
            if policies.serviceControlPolicies.isEmpty || random.chance(50) {
                policies.serviceControlPolicies.append([added])
            } else {
                // Another SCP at an existing level may allow more there, so it adds a Deny only.
                var counter = PolicyJSON.Counter(file: added.origin)
                let deny = random.statement(effect: .deny, &counter)
                policies.serviceControlPolicies[0].append(NamedPolicy(origin: added.origin, document: PolicyDocument(
                    version: nil, statements: [deny], range: counter.next())))
            }
            assertNoWider(policies.evaluate(request), than: before, &random.random)
        }
    }

    func testRemovingAnAllowNeverWidens() {
        var random = RandomPolicies(seed: 4)
        for _ in 0..<cases {
            let policies = random.policySet()
            let request = random.request()
            var narrowed = policies
            var places: [(Int?, Int)] = []
            for (policy, named) in policies.identityPolicies.enumerated() {
                for (index, statement) in named.document.statements.enumerated() where statement.effect.value == .allow { places.append((policy, index)) }
            }
            for (index, statement) in (policies.resourcePolicy?.document.statements ?? []).enumerated() where statement.effect.value == .allow {
                places.append((nil, index))
            }
            guard let (policy, index) = places.randomElement(using: &random.random) else { continue }
            // The Allow's Action becomes empty rather than the statement going: the other
            // statements keep their indexes, so their clauses stay the same.
            let nothing = ElementList([], range: SourceRange.file("removed"))
            if let policy {
                narrowed.identityPolicies[policy].document.statements[index].action = nothing
            } else {
                narrowed.resourcePolicy?.document.statements[index].action = nothing
            }
            assertNoWider(narrowed.evaluate(request), than: policies.evaluate(request), &random.random)
        }
    }

    /// The symbolic answer, with each clause valued in a completion of the context, is the
    /// answer for that completed request; and a complete context never gives a conditional answer.
    func testSymbolicAnswersAgreeWithEveryCompletion() {
        var random = RandomPolicies(seed: 5)
        var conditional = 0
        for _ in 0..<cases {
            let policies = random.policySet()
            let request = random.request()
            let symbolic = policies.evaluate(request)
            if case .allowedIf = symbolic { conditional += 1 }
            for _ in 0..<4 {
                let complete = random.completion(of: request)
                let concrete = policies.evaluate(complete)
                if case .allowedIf(let formula) = concrete { return XCTFail("conditional answer for a complete context: \(formula)") }
                XCTAssertEqual(permits(symbolic) { value(of: $0, in: complete) }, concrete.mayBeAllowed,
                               "\(symbolic) vs \(concrete) for \(complete)")
            }
        }
        // The generator must exercise the symbolic path, or this test proves little.
        XCTAssertGreaterThan(conditional, cases / 50)
    }

    /// A conditional answer really depends on its clauses: some assignment allows, some denies.
    func testConditionalAnswersAreNeitherAlwaysNorNever() {
        var random = RandomPolicies(seed: 6)
        for _ in 0..<cases {
            guard case .allowedIf(let formula) = random.policySet().evaluate(random.request()) else { continue }
            let clauses = formula.clauses
            guard clauses.count <= 12 else { continue }
            let outcomes = Set((0..<(1 << clauses.count)).map { bits in
                formula.value { clause in bits & (1 << clauses.firstIndex(of: clause)!) != 0 }
            })
            XCTAssertEqual(outcomes, [true, false], "\(formula)")
        }
    }

    private func assertNoWider(_ narrow: Decision, than wide: Decision, _ random: inout SeededGenerator,
                               file: StaticString = #filePath, line: UInt = #line) {
        var clauses: [Clause] = []
        for decision in [narrow, wide] {
            if case .allowedIf(let formula) = decision { clauses += formula.clauses }
        }
        let assignments: [[Clause: Bool]] = clauses.count <= 10
            ? (0..<(1 << clauses.count)).map { bits in
                Dictionary(clauses.enumerated().map { ($1, bits & (1 << $0) != 0) }, uniquingKeysWith: { first, _ in first })
            }
            : (0..<256).map { _ in Dictionary(clauses.map { ($0, Bool.random(using: &random)) }, uniquingKeysWith: { first, _ in first }) }
        for assignment in assignments where permits(narrow, { assignment[$0]! }) && !permits(wide, { assignment[$0]! }) {
            return XCTFail("\(narrow) is wider than \(wide)", file: file, line: line)
        }
    }
}
