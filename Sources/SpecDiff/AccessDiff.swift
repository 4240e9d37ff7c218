import AWSCatalog
import EffectiveAccess

/// Compares what two policy sets allow, action by action: the engine's reach of each catalog
/// action the Allow statements name (EffectiveAccessReport) on the resources written, so a
/// resource widened to `*` shows, and a policy swapped for an equivalent one does not.
enum AccessDiff {
    /// How an action is reached; actions removed by a boundary, an SCP or a Deny are not reached.
    enum Reach: Hashable {
        case everyResource
        case someResources([String])
        case onlyIf(String)
        /// A broad grant (NotAction or a service wildcard), with what removes it from services no other policy names.
        case asWritten(String?)

        var text: String {
            switch self {
            case .everyResource: return "on every resource"
            case .someResources(let resources): return "on " + resources.joined(separator: ", ")
            case .onlyIf(let condition): return condition.hasPrefix("on ") ? condition : "if " + condition
            case .asWritten(let removedBy): return removedBy.map { "as written, except where \($0) removes it" } ?? "as written"
            }
        }

        /// Whether `self` allows a request that `old` did not. Conditions are compared as text:
        /// a changed condition counts as wider, so a gate errs on the side of review.
        func widens(_ old: Reach?) -> Bool {
            guard let old else { return true }
            switch (old, self) {
            case (.everyResource, .someResources), (.everyResource, .onlyIf):
                return false
            case (.someResources(let was), .someResources(let now)):
                return !now.allSatisfy { resource in was.contains { Glob.matches($0, resource) } }
            default:
                return old != self
            }
        }
    }

    struct Key: Hashable, Comparable {
        var service: String
        var levelOrder: Int
        var level: String
        var action: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.service, lhs.levelOrder, lhs.action) < (rhs.service, rhs.levelOrder, rhs.action)
        }
    }

    static func reach(_ effective: EffectivePolicies?) -> [Key: Reach] {
        guard let effective else { return [:] }
        let report = EffectiveAccessReport(kind: "", name: "", location: nil, effective: effective)
        var reach: [Key: Reach] = [:]
        for service in report.services {
            for (order, level) in service.levels.enumerated() {
                func key(_ action: String) -> Key { Key(service: service.service, levelOrder: levelOrders[level.level] ?? order, level: level.level, action: action) }
                for action in level.everyResource { reach[key(action)] = .everyResource }
                for group in level.someResources { for action in group.actions { reach[key(action)] = .someResources(group.resources) } }
                for group in level.onlyIf { for action in group.actions { reach[key(action)] = .onlyIf(group.condition) } }
            }
        }
        for grant in report.broad {
            reach[Key(service: "*", levelOrder: 0, level: "*", action: grant.grants)] = .asWritten(grant.otherServicesRemovedBy)
        }
        return reach
    }

    private static let levelOrders = Dictionary(uniqueKeysWithValues: ["List", "Read", "Tagging", "Write", "Permissions management", "Unclassified"]
        .enumerated().map { ($1, $0) })

    /// Actions grouped by service, level, change and reach before and after, sorted by service and level.
    static func changes(old: EffectivePolicies?, new: EffectivePolicies?) -> [AccessChange] {
        var before = reach(old), after = reach(new)
        // An action one side names may be reached on the other through a grant the report sums
        // up as written (`*`, NotAction): AdministratorAccess swapped for a narrower policy
        // grants nothing new. The engine is asked for those actions with the whole policy set.
        func fill(_ reach: inout [Key: Reach], from effective: EffectivePolicies?, missing: some Sequence<Key>) {
            guard let effective, reach.values.contains(where: { if case .asWritten = $0 { return true } else { return false } }) else { return }
            for key in missing where key.service != "*" {
                switch EffectiveAccessReport.outcome(of: key.action, in: effective) {
                case .everyResource: reach[key] = .everyResource
                case .someResources(let resources): reach[key] = .someResources(resources)
                case .onlyIf(let condition): reach[key] = .onlyIf(condition)
                case .removed: break
                }
            }
        }
        fill(&before, from: old, missing: after.keys.filter { before[$0] == nil })
        fill(&after, from: new, missing: before.keys.filter { after[$0] == nil })
        struct Group: Hashable { var service: String; var levelOrder: Int; var level: String; var change: ChangeKind; var before: Reach?; var after: Reach? }
        var groups: [Group: [String]] = [:]
        for key in Set(before.keys).union(after.keys) {
            let was = before[key], now = after[key]
            guard was != now else { continue }
            let change: ChangeKind = was == nil ? .added : now == nil ? .removed : .changed
            groups[Group(service: key.service, levelOrder: key.levelOrder, level: key.level, change: change, before: was, after: now), default: []].append(key.action)
        }
        let sorted = groups.sorted { a, b in
            (a.key.service, a.key.levelOrder, a.key.change == .removed ? 1 : 0, a.key.before?.text ?? "", a.key.after?.text ?? "", a.value.min() ?? "")
                < (b.key.service, b.key.levelOrder, b.key.change == .removed ? 1 : 0, b.key.before?.text ?? "", b.key.after?.text ?? "", b.value.min() ?? "")
        }
        return sorted.map { group, actions in
            AccessChange(change: group.change, service: group.service, level: group.level, actions: actions.sorted(),
                         before: group.before?.text, after: group.after?.text, widens: group.after?.widens(group.before) ?? false)
        }
    }
}
