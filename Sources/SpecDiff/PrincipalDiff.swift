import EffectiveAccess
import RoleGenCore

/// Pairs the roles (and permission sets) of two models by name and compares each pair. A role
/// whose policies, trust and settings are unchanged (same fingerprint) is passed over without
/// asking the engine: a one-role change to a spec of thousands stays cheap.
enum PrincipalDiff {
    static func roles(old: Model, new: Model, controlPoliciesChanged: Bool) -> [PrincipalChange] {
        let oldPolicies = customerDocuments(old), newPolicies = customerDocuments(new)
        let before = Dictionary(old.roles.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let afterNames = Set(new.roles.map { $0.name.lowercased() })
        // Every role's documents are encoded here: the bulk of a diff's own work on large specs.
        let oldPrints = old.roles.concurrentMap { Fingerprint.of($0, policies: oldPolicies) }
        let newPrints = new.roles.concurrentMap { Fingerprint.of($0, policies: newPolicies) }
        let removed = old.roles.indices.filter { !afterNames.contains(old.roles[$0].name.lowercased()) }
        var renameSources = Dictionary(removed.map { (oldPrints[$0], $0) }, uniquingKeysWith: { first, _ in first })
        var renamed = Set<Int>()

        var changes: [PrincipalChange] = []
        for (n, role) in new.roles.enumerated() {
            guard let o = before[role.name.lowercased()] else {
                // Same account, same content, new name: a rename, not a delete and an add.
                if let source = renameSources.removeValue(forKey: newPrints[n]) {
                    renamed.insert(source)
                    changes.append(PrincipalChange(kind: "role", name: role.name, change: .renamed, renamedFrom: old.roles[source].name,
                                                   trust: [], access: [], settings: []))
                    continue
                }
                changes.append(PrincipalChange(kind: "role", name: role.name, change: .added,
                                               trust: TrustDiff.changes(old: nil, new: role.trustPolicy),
                                               access: AccessDiff.changes(old: nil, new: EffectivePolicies(named: role.name, in: new)),
                                               settings: settings(old: nil, new: role)))
                continue
            }
            guard oldPrints[o] != newPrints[n] || controlPoliciesChanged else { continue }
            let was = old.roles[o]
            let change = PrincipalChange(kind: "role", name: role.name, change: .changed,
                                         trust: TrustDiff.changes(old: was.trustPolicy, new: role.trustPolicy),
                                         access: AccessDiff.changes(old: EffectivePolicies(named: was.name, in: old), new: EffectivePolicies(named: role.name, in: new)),
                                         settings: settings(old: was, new: role))
            if !change.trust.isEmpty || !change.access.isEmpty || !change.settings.isEmpty { changes.append(change) }
        }
        for o in removed where !renamed.contains(o) {
            let role = old.roles[o]
            changes.append(PrincipalChange(kind: "role", name: role.name, change: .removed,
                                           trust: TrustDiff.changes(old: role.trustPolicy, new: nil),
                                           access: AccessDiff.changes(old: EffectivePolicies(named: role.name, in: old), new: nil),
                                           settings: []))
        }
        return changes
    }

    static func permissionSets(old: Model, new: Model) -> [PrincipalChange] {
        let oldPolicies = customerDocuments(old), newPolicies = customerDocuments(new)
        let before = Dictionary(old.permissionSets.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let afterNames = Set(new.permissionSets.map { $0.name.lowercased() })
        var changes: [PrincipalChange] = []
        for set in new.permissionSets {
            guard let was = before[set.name.lowercased()] else {
                changes.append(PrincipalChange(kind: "permission set", name: set.name, change: .added, trust: [],
                                               access: AccessDiff.changes(old: nil, new: EffectivePolicies(named: set.name, in: new)),
                                               settings: settings(old: nil, new: set)))
                continue
            }
            guard Fingerprint.of(was, policies: oldPolicies) != Fingerprint.of(set, policies: newPolicies) else { continue }
            let change = PrincipalChange(kind: "permission set", name: set.name, change: .changed, trust: [],
                                         access: AccessDiff.changes(old: EffectivePolicies(named: was.name, in: old), new: EffectivePolicies(named: set.name, in: new)),
                                         settings: settings(old: was, new: set))
            if !change.access.isEmpty || !change.settings.isEmpty { changes.append(change) }
        }
        for set in old.permissionSets where !afterNames.contains(set.name.lowercased()) {
            changes.append(PrincipalChange(kind: "permission set", name: set.name, change: .removed, trust: [],
                                           access: AccessDiff.changes(old: EffectivePolicies(named: set.name, in: old), new: nil), settings: []))
        }
        return changes
    }

    private static func customerDocuments(_ model: Model) -> [String: String] {
        Dictionary(model.policies.map { ($0.name, CanonicalJSON.encode($0.document, pretty: false)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The settings a reviewer weighs besides trust and access.
    private static func settings(old: Role?, new: Role) -> [SettingChange] {
        func values(_ role: Role) -> [(String, String?)] {
            [("path", role.path),
             ("account", role.account?.shown),
             ("max session duration", "\(role.maxSessionDuration) s"),
             ("permissions boundary", role.permissionsBoundary?.arn.shown),
             ("policies", Fingerprint.attached(role)),
             ("tags", role.tags.isEmpty ? nil : Fingerprint.tags(role.tags)),
             ("instance profile", role.instanceProfile.map { $0.path + $0.name })]
        }
        return compare(old.map(values), values(new))
    }

    private static func settings(old: PermissionSet?, new: PermissionSet) -> [SettingChange] {
        func values(_ set: PermissionSet) -> [(String, String?)] {
            [("session duration", set.sessionDuration),
             ("permissions boundary", set.permissionsBoundary.map(Fingerprint.boundary)),
             ("policies", Fingerprint.attached(set)),
             ("tags", set.tags.isEmpty ? nil : Fingerprint.tags(set.tags)),
             ("assignments", set.assignments.isEmpty ? nil
                : set.assignments.map { "\($0.principalType) \($0.principalID.shown) in \($0.account.shown)" }.sorted().joined(separator: "; "))]
        }
        return compare(old.map(values), values(new))
    }

    /// Changed settings; for an added principal (no old values), the ones it sets.
    private static func compare(_ old: [(String, String?)]?, _ new: [(String, String?)]) -> [SettingChange] {
        new.enumerated().compactMap { n, entry in
            let before = old?[n].1
            if old == nil && entry.1 == nil { return nil }
            return before == entry.1 ? nil : SettingChange(setting: entry.0, before: before, after: entry.1)
        }
    }
}

/// What decides a principal's trust, access and settings, without its name or source
/// positions: equal fingerprints mean nothing to compare.
enum Fingerprint {
    static func of(_ role: Role, policies: [String: String]) -> String {
        var parts = [role.path, role.account?.shown ?? "", role.partition, "\(role.maxSessionDuration)",
                     CanonicalJSON.encode(role.trustPolicy, pretty: false), attached(role),
                     role.permissionsBoundary?.arn.shown ?? "", tags(role.tags),
                     // A profile named like its role is renamed with it.
                     role.instanceProfile.map { $0.path + ($0.name == role.name ? "(the role's name)" : $0.name) } ?? ""]
        parts += role.inlinePolicies.map { $0.name + "=" + CanonicalJSON.encode($0.document, pretty: false) }
        parts += referenced(role.managedPolicies + [role.permissionsBoundary].compactMap { $0 }, policies: policies)
        return parts.joined(separator: "\u{1F}")
    }

    static func of(_ set: PermissionSet, policies: [String: String]) -> String {
        var parts = [set.sessionDuration, attached(set), set.permissionsBoundary.map(boundary) ?? "", tags(set.tags),
                     set.inlinePolicy.map { CanonicalJSON.encode($0, pretty: false) } ?? ""]
        parts += set.assignments.map { "\($0.principalType) \($0.principalID.shown) \($0.account.shown)" }
        parts += set.customerManagedPolicies.map { policies[$0.name] ?? "" }
        if case .customer(let reference)? = set.permissionsBoundary { parts.append(policies[reference.name] ?? "") }
        return parts.joined(separator: "\u{1F}")
    }

    static func of(_ policies: [ServiceControlPolicy]) -> String {
        policies.map { $0.name + CanonicalJSON.encode($0.document, pretty: false) + $0.targets.map(target).joined(separator: ",") }
            .joined(separator: "\u{1F}")
    }

    /// The documents of the spec's policies a role attaches: editing one changes the role.
    private static func referenced(_ references: [PolicyReference], policies: [String: String]) -> [String] {
        references.compactMap { reference in
            if case .customer(let name) = reference.kind { return policies[name] ?? "" }
            return nil
        }
    }

    static func attached(_ role: Role) -> String {
        (role.inlinePolicies.map { "inline '\($0.name)'" } + role.managedPolicies.map { "managed \($0.arn.shown)" }).joined(separator: ", ")
    }

    static func attached(_ set: PermissionSet) -> String {
        ((set.inlinePolicy == nil ? [] : ["inline"]) + set.managedPolicies.map { "managed \($0.arn.shown)" }
            + set.customerManagedPolicies.map { "customer managed \($0.path)\($0.name)" }).joined(separator: ", ")
    }

    static func boundary(_ boundary: PermissionSet.Boundary) -> String {
        switch boundary {
        case .awsManaged(let arn): return arn.shown
        case .customer(let reference): return "customer managed \(reference.path)\(reference.name)"
        }
    }

    static func tags(_ tags: [Tag]) -> String { tags.map { "\($0.key)=\($0.value.shown)" }.joined(separator: ", ") }

    static func target(_ target: PolicyTarget) -> String {
        switch target {
        case .root: return "root"
        case .id(let id): return id.shown
        }
    }
}
