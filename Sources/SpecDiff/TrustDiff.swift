import AWSCatalog
import RoleGenCore

/// Compares two trust policies principal by principal: who may assume the role with which
/// action, under which conditions.
enum TrustDiff {
    struct Condition: Hashable {
        var op: String
        var key: String
        var values: [String]

        var text: String { "\(op) \(key) \(values.joined(separator: " or "))" }
    }

    /// Principal and action -> the condition sets of the statements that let it in.
    static func grants(_ document: ModelDocument?) -> [String: [[Condition]]] {
        var grants: [String: [[Condition]]] = [:]
        for statement in document?.statements ?? [] where statement.effect.value == .allow {
            let conditions = statement.conditions.map { Condition(op: $0.operator.value, key: $0.key.value, values: $0.values.map(\.value.shown)) }
                .sorted { $0.text < $1.text }
            var principals: [String] = []
            switch statement.principal?.content {
            case .wildcard?: principals = ["*"]
            case .typed(let entries)?: principals = entries.flatMap { entry in entry.values.map { "\(entry.type.value) \($0.value.shown)" } }
            case nil: break
            }
            if statement.principal?.negated == true { principals = principals.map { "every principal except " + $0 } }
            for principal in principals {
                for action in statement.action?.values.map(\.value.shown) ?? [] {
                    grants[principal + "\u{1F}" + action, default: []].append(conditions)
                }
            }
        }
        return grants
    }

    static func changes(old: ModelDocument?, new: ModelDocument?) -> [TrustChange] {
        let before = grants(old), after = grants(new)
        var changes: [TrustChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            let was = before[key], now = after[key]
            func texts(_ sets: [[Condition]]?) -> [[String]]? { sets.map { $0.map { $0.map(\.text) } } }
            switch (was, now) {
            case (nil, let now?):
                changes.append(TrustChange(change: .added, principal: parts[0], action: parts[1], conditionsAfter: texts(now), widens: true))
            case (let was?, nil):
                changes.append(TrustChange(change: .removed, principal: parts[0], action: parts[1], conditionsBefore: texts(was), widens: false))
            case (let was?, let now?) where Set(was.map(Set.init)) != Set(now.map(Set.init)):
                let narrower = now.allSatisfy { set in was.contains { narrows(set, $0) } }
                changes.append(TrustChange(change: .changed, principal: parts[0], action: parts[1],
                                           conditionsBefore: texts(was), conditionsAfter: texts(now), widens: !narrower))
            default:
                break
            }
        }
        return changes
    }

    /// Whether `new` lets in no request `old` kept out: every condition of `old` is still
    /// there, with values that only its values admit (equal, or matched by a `Like` pattern).
    /// Anything else counts as looser, so a gate errs on the side of review.
    static func narrows(_ new: [Condition], _ old: [Condition]) -> Bool {
        old.allSatisfy { was in
            new.contains { now in
                now.op == was.op && now.key.lowercased() == was.key.lowercased() && now.values.allSatisfy { value in
                    was.values.contains { was.op.contains("Like") ? Glob.matches($0, value) : $0 == value }
                }
            }
        }
    }
}
