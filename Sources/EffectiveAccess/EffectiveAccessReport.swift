import AWSCatalog
import Foundation
import PolicyEval
import RoleGenCore

/// What a role or permission set can do through all its policies, per service and access
/// level: each Allow statement's actions are expanded against the catalog, the engine's
/// `reach` decides each action with the principal's whole policy set (boundary and SCPs
/// included), and the actions are grouped into on every resource, on some resources, only if
/// conditions hold, and removed (by the boundary, an SCP or a Deny). Allow statements of
/// NotAction or a service wildcard (`*`) are summed up as written; the boundary's and SCPs'
/// effect on them is shown for the services those policies name, and for every other service
/// as a whole.
public struct EffectiveAccessReport: Sendable, Encodable {
    /// `role` or `permission set`.
    public var kind: String
    public var name: String
    /// `file:line:col` of the role in the spec.
    public var location: String?
    /// Sorted by prefix.
    public var services: [ServiceReach]
    public var broad: [BroadGrant]
    /// Actions written in Allow statements that the catalog does not know, as written.
    public var uncatalogued: [String]
    /// What the policy set leaves out or assumes.
    public var notes: [String]

    public struct ServiceReach: Sendable, Encodable {
        public var service: String
        /// How many actions the service has in the catalog.
        public var actions: Int
        /// In review order: List, Read, Tagging, Write, Permissions management, Unclassified.
        public var levels: [LevelReach]
    }

    public struct LevelReach: Sendable, Encodable {
        public var level: String
        /// How many actions of this level the service has.
        public var actions: Int
        /// Action names without the prefix, sorted, in each group.
        public var everyResource: [String]
        public var someResources: [ResourceReach]
        public var onlyIf: [ConditionalReach]
        public var removed: [RemovedReach]
    }

    public struct ResourceReach: Sendable, Encodable, Hashable {
        public var resources: [String]
        public var actions: [String]
    }

    public struct ConditionalReach: Sendable, Encodable, Hashable {
        /// `StringEquals aws:RequestedRegion us-east-1`, or per resource: `on arn:… if …`.
        public var condition: String
        public var actions: [String]
    }

    public struct RemovedReach: Sendable, Encodable, Hashable {
        /// `the permissions boundary`, `service control policy 'deny-ec2'`, `a Deny in inline policy 'x'`.
        public var by: String
        public var actions: [String]
    }

    /// An Allow of NotAction or a service wildcard, summed up as written.
    public struct BroadGrant: Sendable, Encodable {
        /// `statement 1 of AWS managed policy 'AdministratorAccess'`.
        public var statement: String
        /// `every action except iam:*, organizations:*`, `every action`, `*:Get*`, with resources and conditions.
        public var grants: String
        /// Services that the boundary, the SCPs or a Deny name are in `services`; for the rest:
        /// nil when the grant reaches them as written, else what removes them.
        public var otherServicesRemovedBy: String?
    }

    /// How one action (and every action decided by the same statements) is reached.
    public enum Outcome: Hashable, Sendable {
        case everyResource
        case someResources([String])
        case onlyIf(String)
        case removed(String)
    }

    public init(kind: String, name: String, location: String?, effective: EffectivePolicies, catalog: Catalog = .shared) {
        self.kind = kind
        self.name = name
        self.location = location
        notes = effective.assumptions
        let numbering = ActionNumbering.of(catalog)
        let policies = effective.policies
        // Every statement of the set, with the actions it matches.
        struct Entry { var policy: Int; var index: Int; var statement: Statement; var matches: ActionBits }
        let named: [NamedPolicy] = policies.identityPolicies + [policies.permissionsBoundary].compactMap { $0 }
            + policies.serviceControlPolicies.flatMap { $0 }
        let identityCount = policies.identityPolicies.count
        var entries: [Entry] = []
        for (p, policy) in named.enumerated() {
            for (i, statement) in policy.document.statements.enumerated() {
                entries.append(Entry(policy: p, index: i, statement: statement, matches: numbering.matches(statement, origin: policy.origin, index: i)))
            }
        }
        var touched = ActionBits(count: numbering.count)
        var broad: [(StatementReference, Statement)] = []
        var uncatalogued: [String] = []
        for entry in entries where entry.policy < identityCount && entry.statement.effect.value == .allow {
            guard let action = entry.statement.action else { continue }
            if Self.isBroad(action) {
                let policy = named[entry.policy]
                broad.append((StatementReference(origin: policy.origin, index: entry.index, sid: entry.statement.sid?.value,
                                                 range: entry.statement.range), entry.statement))
                continue
            }
            touched.formUnion(entry.matches)
            uncatalogued += action.values.map(\.value).filter { !numbering.knows($0) }
        }
        // Services the boundary, the SCPs or a Deny name: there a broad grant's reach is worked
        // out action by action; elsewhere they act on it as a whole.
        var mentioned = Set<String>()
        for entry in entries where entry.policy >= identityCount || entry.statement.effect.value == .deny {
            for value in entry.statement.action?.values ?? [] {
                let prefix = value.value.prefix { $0 != ":" }.lowercased()
                if !prefix.utf8.contains(where: Glob.isWildcard), numbering.service(prefix) != nil { mentioned.insert(prefix) }
            }
        }
        for (reference, statement) in broad {
            guard let entry = entries.first(where: { named[$0.policy].origin == reference.origin && $0.index == reference.index }) else { continue }
            for prefix in mentioned {
                if let service = numbering.service(prefix) { touched.formUnion(entry.matches.intersection(numbering.range(of: service))) }
            }
            _ = statement
        }
        // Actions decided by the same statements get the same answer: one `reach` per group.
        var signature = [UInt64](repeating: 0, count: numbering.count)
        let touchedList = touched.members
        for (e, entry) in entries.enumerated() {
            let hash = Self.mix(UInt64(e + 1))
            for action in touchedList where entry.matches.contains(action) { signature[action] &+= hash }
        }
        var groups: [UInt64: [Int]] = [:]
        var order: [UInt64] = []
        for action in touchedList {
            if groups[signature[action]] == nil { order.append(signature[action]) }
            groups[signature[action], default: []].append(action)
        }
        var outcome = [Outcome?](repeating: nil, count: numbering.count)
        for key in order {
            guard let members = groups[key], let first = members.first else { continue }
            let decided = Self.outcome(of: numbering.name(first), policies: Self.restricted(policies, to: first, entries: entries.map { ($0.policy, $0.index, $0.matches) }),
                                       principal: effective.principal)
            for action in members { outcome[action] = decided }
        }
        services = Self.services(touchedList, outcome: outcome, numbering: numbering)
        self.broad = broad.map { reference, statement in
            BroadGrant(statement: reference.name, grants: Self.asWritten(statement),
                       otherServicesRemovedBy: policies.permissionsBoundary == nil && policies.serviceControlPolicies.isEmpty && !entries.contains { $0.statement.effect.value == .deny }
                           ? nil : Self.otherServices(statement, policies: policies, principal: effective.principal))
        }
        var seen = Set<String>()
        self.uncatalogued = uncatalogued.filter { seen.insert($0).inserted }
    }

    /// NotAction, `*`, or an action whose service part has a wildcard.
    static func isBroad(_ action: ElementList) -> Bool {
        action.negated || action.values.contains { value in
            value.value == "*" || value.value.prefix { $0 != ":" }.utf8.contains(where: Glob.isWildcard)
        }
    }

    /// splitmix64: spreads statement numbers so sums of them collide only by accident.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The set with every statement that does not match the action made inert (no Action: it
    /// applies to nothing), keeping positions so references still name the right statement;
    /// the engine then reads a few statements instead of thousands of patterns.
    private static func restricted(_ policies: PolicySet, to action: Int, entries: [(policy: Int, index: Int, matches: ActionBits)]) -> PolicySet {
        var keep = Set<Int>()
        for (n, entry) in entries.enumerated() where entry.matches.contains(action) { keep.insert(n) }
        var cursor = 0
        func filtered(_ policy: NamedPolicy) -> NamedPolicy {
            var policy = policy
            policy.document.statements = policy.document.statements.map { statement in
                defer { cursor += 1 }
                if keep.contains(cursor) { return statement }
                return Statement(effect: statement.effect, action: nil, resource: nil, range: statement.range)
            }
            return policy
        }
        var result = policies
        result.identityPolicies = policies.identityPolicies.map(filtered)
        result.permissionsBoundary = policies.permissionsBoundary.map(filtered)
        result.serviceControlPolicies = policies.serviceControlPolicies.map { $0.map(filtered) }
        return result
    }

    /// How the whole policy set reaches one action, whatever statement grants it (a `*` or
    /// NotAction grant included, which the report itself sums up as written).
    public static func outcome(of action: String, in effective: EffectivePolicies) -> Outcome {
        outcome(of: action, policies: effective.policies, principal: effective.principal)
    }

    private static func outcome(of action: String, policies: PolicySet, principal: Principal) -> Outcome {
        switch policies.reach(of: [action], principal: principal).first?.reach ?? .none {
        case .everyResource(.always):
            return .everyResource
        case .everyResource(let formula):
            return .onlyIf(formula.text)
        case .someResources(let grants):
            if grants.allSatisfy({ $0.when == .always }) {
                var seen = Set<String>()
                return .someResources(grants.map(\.pattern.value).filter { seen.insert($0).inserted })
            }
            return .onlyIf(grants.map { $0.when == .always ? "on \($0.pattern.value)" : "on \($0.pattern.value) if \($0.when.text)" }
                .joined(separator: "; "))
        case .none:
            let probe = policies.identityPolicies.lazy.flatMap(\.document.statements).first {
                $0.effect.value == .allow && $0.action != nil && $0.resource?.negated == false
            }?.resource?.values.first?.value ?? "*"
            return .removed(removedBy(policies.evaluate(Request(action: action, resource: probe, principal: principal)), policies: policies))
        }
    }

    /// What takes the action away, in words.
    static func removedBy(_ decision: Decision, policies: PolicySet) -> String {
        switch decision {
        case .denied(let statement):
            if statement.origin == policies.permissionsBoundary?.origin { return "the permissions boundary (\(statement.name))" }
            if statement.origin.hasPrefix("service control policy") { return statement.origin }
            return "a Deny (\(statement.name))"
        case .implicitlyDenied(.notAllowedByPermissionsBoundary):
            return "the permissions boundary"
        case .implicitlyDenied(.notAllowedByServiceControlPolicies(let level)):
            let names = level < policies.serviceControlPolicies.count ? policies.serviceControlPolicies[level].map(\.origin) : []
            return "the service control policies \(level == 0 ? "of the root" : "of the account") (none allows it: \(names.joined(separator: ", ")))"
        case .implicitlyDenied(.notAllowedByResourceControlPolicies):
            return "the resource control policies"
        case .implicitlyDenied(.noAllow):
            return "no grant applies"
        case .allowed, .allowedIf:
            return "nothing (reached)"
        }
    }

    /// For a broad grant: what removes the services no boundary, SCP or Deny names, asked
    /// with an action of a service no policy names (it matches only `*` patterns).
    private static func otherServices(_ statement: Statement, policies: PolicySet, principal: Principal) -> String? {
        let probe = "rolegen-unnamed-service:UnnamedAction"
        let decision = policies.evaluate(Request(action: probe, resource: "*", principal: principal))
        return decision.mayBeAllowed ? nil : removedBy(decision, policies: policies)
    }

    /// `every action except iam:*, organizations:*`, `every action`, with its resources and conditions.
    static func asWritten(_ statement: Statement) -> String {
        let written = statement.action?.values.map(\.value) ?? []
        var text = statement.action?.negated == true ? "every action except " + written.joined(separator: ", ")
            : written.contains("*") ? "every action" : written.joined(separator: ", ")
        if let resources = statement.resource {
            let values = resources.values.map(\.value)
            if resources.negated {
                text += " on every resource except " + values.joined(separator: ", ")
            } else if !values.contains("*") {
                text += " on " + values.joined(separator: ", ")
            }
        }
        return text + (statement.conditions.isEmpty ? "" : ", with conditions")
    }

    private static func services(_ actions: [Int], outcome: [Outcome?], numbering: ActionNumbering) -> [ServiceReach] {
        var byService: [Int: [Int]] = [:]
        for action in actions { byService[numbering.serviceNumber(of: action), default: []].append(action) }
        return byService.keys.sorted { numbering.services[$0].prefix < numbering.services[$1].prefix }.map { number in
            let service = numbering.services[number]
            let start = numbering.start[number]
            let totals = numbering.levelCounts(of: number)
            var ofLevel: [AccessLevel: [Int]] = [:]
            for action in byService[number] ?? [] { ofLevel[service.actions[action - start].accessLevel, default: []].append(action) }
            let levels = AccessLevel.reviewOrder.compactMap { level -> LevelReach? in
                guard let actions = ofLevel[level] else { return nil }
                var reach = LevelReach(level: level.title, actions: totals[level] ?? 0, everyResource: [], someResources: [], onlyIf: [], removed: [])
                var some: [[String]: [String]] = [:], conditional: [String: [String]] = [:], removed: [String: [String]] = [:]
                for action in actions {
                    let name = service.actions[action - start].name
                    switch outcome[action] {
                    case .everyResource?: reach.everyResource.append(name)
                    case .someResources(let resources)?: some[resources, default: []].append(name)
                    case .onlyIf(let condition)?: conditional[condition, default: []].append(name)
                    case .removed(let by)?: removed[by, default: []].append(name)
                    case nil: break
                    }
                }
                reach.everyResource.sort()
                reach.someResources = some.map { ResourceReach(resources: $0.key, actions: $0.value.sorted()) }.sorted { $0.resources.lexicographicallyPrecedes($1.resources) }
                reach.onlyIf = conditional.map { ConditionalReach(condition: $0.key, actions: $0.value.sorted()) }.sorted { $0.condition < $1.condition }
                reach.removed = removed.map { RemovedReach(by: $0.key, actions: $0.value.sorted()) }.sorted { $0.by < $1.by }
                let empty = reach.everyResource.isEmpty && reach.someResources.isEmpty && reach.onlyIf.isEmpty && reach.removed.isEmpty
                return empty ? nil : reach
            }
            return ServiceReach(service: service.prefix, actions: service.actions.count, levels: levels)
        }
    }
}

extension AccessLevel {
    /// As reviews name it; `Unclassified` for actions the catalog gives no level.
    var title: String { self == .unknown ? "Unclassified" : rawValue }
}

/// A set of catalog actions by number.
struct ActionBits: Sendable {
    var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    func contains(_ n: Int) -> Bool { words[n >> 6] & (1 << UInt64(n & 63)) != 0 }
    mutating func insert(_ n: Int) { words[n >> 6] |= 1 << UInt64(n & 63) }
    mutating func formUnion(_ other: ActionBits) { for i in words.indices { words[i] |= other.words[i] } }
    func intersection(_ other: ActionBits) -> ActionBits {
        var result = self
        for i in words.indices { result.words[i] &= other.words[i] }
        return result
    }
    func complement(count: Int) -> ActionBits {
        var result = self
        for i in words.indices { result.words[i] = ~words[i] }
        for n in count..<(words.count * 64) { result.words[n >> 6] &= ~(1 << UInt64(n & 63)) }
        return result
    }

    var members: [Int] {
        var out: [Int] = []
        for (i, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                out.append(i * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return out
    }
}

/// Every action of the catalog numbered once (services sorted by prefix), and the actions each
/// statement matches, cached: ten thousand roles attach the same few AWS managed policies.
final class ActionNumbering: @unchecked Sendable {
    let services: [Service]
    let start: [Int]
    let count: Int
    private let serviceOf: [Int32]
    private let byPrefix: [String: Int]
    private var cache: [String: ActionBits] = [:]
    private let lock = NSLock()

    nonisolated(unsafe) private static var numberings: [ObjectIdentifier: ActionNumbering] = [:]
    private static let numberingsLock = NSLock()

    static func of(_ catalog: Catalog) -> ActionNumbering {
        numberingsLock.withLock {
            if let known = numberings[ObjectIdentifier(catalog)] { return known }
            let made = ActionNumbering(catalog)
            numberings[ObjectIdentifier(catalog)] = made
            return made
        }
    }

    private init(_ catalog: Catalog) {
        services = catalog.prefixes.sorted().compactMap { catalog.service($0) }
        var start: [Int] = [], serviceOf: [Int32] = [], byPrefix: [String: Int] = [:]
        for (number, service) in services.enumerated() {
            start.append(serviceOf.count)
            serviceOf += [Int32](repeating: Int32(number), count: service.actions.count)
            byPrefix[service.prefix.lowercased()] = number
        }
        self.start = start
        self.serviceOf = serviceOf
        self.byPrefix = byPrefix
        count = serviceOf.count
        levelCounts = services.map { service in
            var counts: [AccessLevel: Int] = [:]
            for action in service.actions { counts[action.accessLevel, default: 0] += 1 }
            return counts
        }
    }

    func service(_ prefix: String) -> Int? { byPrefix[prefix.lowercased()] }

    /// How many actions of each access level a service has.
    func levelCounts(of service: Int) -> [AccessLevel: Int] { levelCounts[service] }

    private let levelCounts: [[AccessLevel: Int]]
    func serviceNumber(of action: Int) -> Int { Int(serviceOf[action]) }

    func name(_ action: Int) -> String {
        let service = services[Int(serviceOf[action])]
        return service.prefix + ":" + service.actions[action - start[Int(serviceOf[action])]].name
    }

    func range(of service: Int) -> ActionBits {
        var bits = ActionBits(count: count)
        for n in start[service]..<(start[service] + services[service].actions.count) { bits.insert(n) }
        return bits
    }

    /// Whether a written action pattern names some catalog action.
    func knows(_ pattern: String) -> Bool {
        !matching(pattern).members.isEmpty
    }

    /// The actions a statement's Action (or NotAction) matches; none without one.
    func matches(_ statement: Statement, origin: String, index: Int) -> ActionBits {
        guard let action = statement.action else { return ActionBits(count: count) }
        let values = action.values.map(\.value)
        let key = origin.hasPrefix("AWS managed policy") ? "\(origin)#\(index)" : (action.negated ? "!" : "") + values.joined(separator: "\u{1}")
        if let known = lock.withLock({ cache[key] }) { return known }
        var bits = ActionBits(count: count)
        for value in values { bits.formUnion(matching(value)) }
        if action.negated { bits = bits.complement(count: count) }
        lock.withLock { cache[key] = bits }
        return bits
    }

    private func matching(_ pattern: String) -> ActionBits {
        var bits = ActionBits(count: count)
        if pattern == "*" { return bits.complement(count: count) }
        guard let colon = pattern.firstIndex(of: ":") else { return bits }
        let servicePattern = pattern[..<colon].lowercased(), name = String(pattern[pattern.index(after: colon)...])
        let numbers = servicePattern.utf8.contains(where: Glob.isWildcard)
            ? services.indices.filter { Glob.matchesIgnoringCase(servicePattern, services[$0].prefix) }
            : [byPrefix[servicePattern]].compactMap { $0 }
        for number in numbers {
            for index in services[number].actionIndices(matching: name) { bits.insert(start[number] + index) }
        }
        return bits
    }
}

extension EffectiveAccessReport {
    /// Above this many services in one group, the group sums up per access level.
    public static let servicesShownInFull = 10

    /// The report in a few lines: the groups (on every resource, on some resources, only if
    /// conditions, removed), one line per service and detail (or per access level when a group
    /// holds many services and `perService` is false), the broad grants and the notes.
    public func text(perService: Bool = false) -> String {
        var lines = ["\(kind) '\(name)'" + (location.map { " (\($0))" } ?? "")]
        // Each group: detail (resources, condition, remover) → service → level → actions.
        typealias Group = [(detail: String, service: ServiceReach, level: LevelReach, actions: [String])]
        var every: Group = [], some: Group = [], conditional: Group = []
        for service in services {
            for level in service.levels {
                if !level.everyResource.isEmpty { every.append(("", service, level, level.everyResource)) }
                for group in level.someResources { some.append(("on " + group.resources.joined(separator: ", "), service, level, group.actions)) }
                for group in level.onlyIf {
                    conditional.append(((group.condition.hasPrefix("on ") ? "" : "if ") + group.condition, service, level, group.actions))
                }
            }
        }
        for (title, group) in [("on every resource", every), ("on some resources", some), ("only if conditions hold", conditional), ("removed", removedGroup)] where !group.isEmpty {
            lines.append("  \(title):")
            lines += Self.lines(group.map { ($0.detail, $0.service, $0.level, $0.actions) }, perService: perService).map { "    " + $0 }
        }
        if services.isEmpty && broad.isEmpty { lines.append("  no access") }
        for grant in broad {
            lines.append("  \(grant.grants) (\(grant.statement))")
            if let by = grant.otherServicesRemovedBy {
                lines.append("    in services no boundary, SCP or Deny names: removed by \(by)")
            }
        }
        if !uncatalogued.isEmpty { lines.append("  not in rolegen's catalog: " + uncatalogued.joined(separator: ", ")) }
        lines += notes.map { "  note: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    private var removedGroup: [(detail: String, service: ServiceReach, level: LevelReach, actions: [String])] {
        services.flatMap { service in
            service.levels.flatMap { level in level.removed.map { ("by " + $0.by, service, level, $0.actions) } }
        }
    }

    /// What the policies allow that the boundary, an SCP or a Deny takes away, one line per
    /// service and remover (per access level when many services), as `rolegen access` shows it:
    /// `iam: Permissions management (2 of 79: iam:CreateUser, iam:PassRole) by the permissions boundary`.
    public func removedLines(perService: Bool = false) -> [String] {
        Self.lines(removedGroup, perService: perService)
            + broad.compactMap { grant in grant.otherServicesRemovedBy.map { "\(grant.grants) (\(grant.statement)): in services no boundary, SCP or Deny names, removed by \($0)" } }
    }

    private static func lines(_ group: [(detail: String, service: ServiceReach, level: LevelReach, actions: [String])], perService: Bool) -> [String] {
        // One line per service and detail, its levels joined.
        var keys: [String] = []
        var byKey: [String: (detail: String, service: ServiceReach, levels: [(LevelReach, [String])])] = [:]
        for entry in group {
            let key = entry.service.service + "\u{1}" + entry.detail
            if byKey[key] == nil { keys.append(key); byKey[key] = (entry.detail, entry.service, []) }
            byKey[key]?.levels.append((entry.level, entry.actions))
        }
        let services = Set(group.map(\.service.service))
        if !perService && services.count > servicesShownInFull {
            return summedUp(group)
        }
        return keys.compactMap { byKey[$0] }.map { detail, service, levels in
            let count = levels.reduce(0) { $0 + $1.1.count }
            var text: String
            if count == service.actions {
                text = "all \(count) actions"
            } else if service.actions - count <= 3, levels.count == service.levels.count {
                let have = Set(levels.flatMap { $0.1 })
                let missing = (Catalog.shared.service(service.service)?.actions.map(\.name) ?? []).filter { !have.contains($0) }.sorted()
                text = missing.count <= 3 && !missing.isEmpty ? "all but " + missing.map { service.service + ":" + $0 }.joined(separator: ", ") : Self.levels(levels, prefix: service.service)
            } else {
                text = Self.levels(levels, prefix: service.service)
            }
            return "\(service.service): \(text)" + (detail.isEmpty ? "" : " \(detail)")
        }
    }

    /// `List (all 5); Read (3 of 60: s3:GetObject, …); Write (20 of 80)`.
    private static func levels(_ levels: [(LevelReach, [String])], prefix: String) -> String {
        levels.map { level, actions in
            let few = 4
            let count: String
            if actions.count == level.actions {
                count = "all \(level.actions)"
            } else if actions.count <= few {
                count = "\(actions.count) of \(level.actions): " + actions.map { prefix + ":" + $0 }.joined(separator: ", ")
            } else {
                count = "\(actions.count) of \(level.actions)"
            }
            return "\(level.level) (\(count))"
        }.joined(separator: "; ")
    }

    /// Per access level: the services all of whose actions of that level are in the group, and
    /// those some of whose are.
    private static func summedUp(_ group: [(detail: String, service: ServiceReach, level: LevelReach, actions: [String])]) -> [String] {
        let titles = AccessLevel.reviewOrder.map(\.title)
        return titles.compactMap { title in
            var all: [String] = [], some: [String] = []
            var counted: [String: Int] = [:]
            var totals: [String: Int] = [:]
            for entry in group where entry.level.level == title {
                counted[entry.service.service, default: 0] += entry.actions.count
                totals[entry.service.service] = entry.level.actions
            }
            for (service, count) in counted.sorted(by: { $0.key < $1.key }) {
                if count == totals[service] { all.append(service) } else { some.append(service) }
            }
            guard !all.isEmpty || !some.isEmpty else { return nil }
            func names(_ list: [String]) -> String {
                let shown = 6
                return "\(list.count) service\(list.count == 1 ? "" : "s") (" + list.prefix(shown).joined(separator: ", ") + (list.count > shown ? ", …" : "") + ")"
            }
            let parts = (all.isEmpty ? [] : ["all actions of " + names(all)]) + (some.isEmpty ? [] : ["some of " + names(some)])
            return "\(title): " + parts.joined(separator: "; ")
        } + ["(--per-service lists each service)"]
    }
}
