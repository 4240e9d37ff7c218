import AWSCatalog
import EffectiveAccess
import RoleGenCore

/// What a change from one resolved model to another grants: per role and permission set, the
/// principals that may newly (or no longer) assume it, the actions newly (or no longer)
/// allowed through all its policies, and its changed settings; per customer policy and SCP,
/// whether it was added, removed or changed; lint findings new and fixed. Access is compared
/// on what the evaluation engine decides per catalog action (EffectiveAccessReport), not on
/// the policy text, so a policy swapped for an equivalent one shows no access change.
public struct SpecDiff: Sendable, Encodable {
    /// Version of the JSON schema (docs/diff.md).
    public var version = 1
    /// In the new spec's order, then removed ones in the old spec's order.
    public var principals: [PrincipalChange]
    public var policies: [DocumentChange]
    public var serviceControlPolicies: [DocumentChange]
    public var lint: LintChange

    public init(old: Model, new: Model) {
        let oldSCPs = Fingerprint.of(old.serviceControlPolicies), newSCPs = Fingerprint.of(new.serviceControlPolicies)
        principals = PrincipalDiff.roles(old: old, new: new, controlPoliciesChanged: oldSCPs != newSCPs)
            + PrincipalDiff.permissionSets(old: old, new: new)
        policies = DocumentChange.list(old: old.policies.map { ($0.name, [CanonicalJSON.encode($0.document, pretty: false)]) },
                                       new: new.policies.map { ($0.name, [CanonicalJSON.encode($0.document, pretty: false)]) },
                                       parts: ["document"])
        func scp(_ policy: ServiceControlPolicy) -> (String, [String]) {
            (policy.name, [CanonicalJSON.encode(policy.document, pretty: false), policy.targets.map(Fingerprint.target).joined(separator: ", "),
                           Fingerprint.tags(policy.tags)])
        }
        serviceControlPolicies = DocumentChange.list(old: old.serviceControlPolicies.map(scp), new: new.serviceControlPolicies.map(scp),
                                                     parts: ["document", "targets", "tags"])
        lint = LintChange(old: old.lint, new: new.lint)
    }

    /// Nothing changed that this diff reports.
    public var isEmpty: Bool {
        principals.isEmpty && policies.isEmpty && serviceControlPolicies.isEmpty && lint.new.isEmpty && lint.fixed.isEmpty
    }

    /// What `--fail-on` gates on.
    public enum Gate: String, Sendable, CaseIterable {
        /// An action newly allowed, or allowed more widely, to a role or permission set.
        case newAccess = "new-access"
        /// A principal newly allowed to assume a role, or with looser conditions.
        case newTrust = "new-trust"
        /// Any change at all.
        case any
    }

    /// Whether the change trips the gate; `allowed` exempts roles, permission sets and
    /// services (by name or prefix, ignoring case).
    public func trips(_ gate: Gate, allowing allowed: Set<String> = []) -> Bool {
        let exempt = Set(allowed.map { $0.lowercased() })
        let watched = principals.filter { !exempt.contains($0.name.lowercased()) }
        switch gate {
        case .newAccess:
            return watched.contains { $0.access.contains { $0.widens && !exempt.contains($0.service.lowercased()) } }
        case .newTrust:
            return watched.contains { $0.trust.contains(where: \.widens) }
        case .any:
            return !watched.isEmpty || !policies.isEmpty || !serviceControlPolicies.isEmpty || !lint.new.isEmpty || !lint.fixed.isEmpty
        }
    }
}

/// `added`, `removed`, `changed` or `renamed`.
public enum ChangeKind: String, Sendable, Encodable, Comparable {
    case added, removed, changed, renamed

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool {
        let order: [ChangeKind] = [.added, .changed, .removed, .renamed]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// One role or permission set that was added, removed, renamed or changed.
public struct PrincipalChange: Sendable, Encodable {
    /// `role` or `permission set`.
    public var kind: String
    public var name: String
    public var change: ChangeKind
    /// For a rename: the old name.
    public var renamedFrom: String?
    public var trust: [TrustChange]
    public var access: [AccessChange]
    public var settings: [SettingChange]

    public var grantsNewAccess: Bool { access.contains(where: \.widens) }
    public var grantsNewTrust: Bool { trust.contains(where: \.widens) }
}

/// A principal that may newly, or no longer, assume a role, or whose conditions changed.
public struct TrustChange: Sendable, Encodable {
    public var change: ChangeKind
    /// `AWS arn:aws:iam::111122223333:root`, `Service ec2.amazonaws.com`, `*`.
    public var principal: String
    /// `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, …
    public var action: String
    /// One list per statement that lets the principal in; an empty list means no conditions.
    public var conditionsBefore: [[String]]?
    public var conditionsAfter: [[String]]?
    /// Whether the principal gets in where it could not before.
    public var widens: Bool
}

/// Actions of one service and access level whose reach changed the same way.
public struct AccessChange: Sendable, Encodable {
    public var change: ChangeKind
    /// The service prefix; `*` for an Allow of NotAction or a service wildcard, summed up as written.
    public var service: String
    /// List, Read, Tagging, Write, Permissions management or Unclassified; `*` for broad grants.
    public var level: String
    /// Action names without the prefix, sorted; for broad grants, the grant as written.
    public var actions: [String]
    /// `on every resource`, `on arn:…, arn:…`, `if <condition>`; absent when not allowed.
    public var before: String?
    public var after: String?
    /// Whether the actions are allowed where they were not before.
    public var widens: Bool
}

/// A setting of a role or permission set, before and after (absent: not set).
public struct SettingChange: Sendable, Encodable {
    public var setting: String
    public var before: String?
    public var after: String?
}

/// A customer managed policy or SCP added, removed or changed, with the parts that changed.
public struct DocumentChange: Sendable, Encodable {
    public var name: String
    public var change: ChangeKind
    /// For a change: `document`, `targets`, `tags`.
    public var parts: [String]

    static func list(old: [(String, [String])], new: [(String, [String])], parts names: [String]) -> [DocumentChange] {
        let before = Dictionary(old, uniquingKeysWith: { first, _ in first })
        let after = Set(new.map(\.0))
        var changes: [DocumentChange] = []
        for (name, values) in new {
            guard let was = before[name] else {
                changes.append(DocumentChange(name: name, change: .added, parts: []))
                continue
            }
            let parts = zip(names, zip(was, values)).filter { $0.1.0 != $0.1.1 }.map(\.0)
            if !parts.isEmpty { changes.append(DocumentChange(name: name, change: .changed, parts: parts)) }
        }
        changes += old.filter { !after.contains($0.0) }.map { DocumentChange(name: $0.0, change: .removed, parts: []) }
        return changes
    }
}

/// Lint findings the new spec has and the old did not, and the reverse; compared by rule,
/// part and message, not by line (an edit above a finding moves it).
public struct LintChange: Sendable, Encodable {
    public struct Finding: Sendable, Encodable, Hashable {
        public var code: String
        public var severity: String
        /// `role app`, `policy x`; absent for findings of the spec as a whole.
        public var part: String?
        public var message: String
        /// `file:line:col` in the spec that has it.
        public var location: String
    }

    public var new: [Finding]
    public var fixed: [Finding]

    init(old: LintReport?, new: LintReport?) {
        func findings(_ report: LintReport?) -> [Finding] {
            (report?.findings ?? []).map { Finding(code: $0.code, severity: "\($0.severity)", part: $0.part?.description, message: $0.message, location: $0.location) }
        }
        func key(_ finding: Finding) -> String { [finding.code, finding.part ?? "", finding.message].joined(separator: "\u{1F}") }
        let before = findings(old), after = findings(new)
        let beforeKeys = Set(before.map(key)), afterKeys = Set(after.map(key))
        self.new = after.filter { !beforeKeys.contains(key($0)) }
        fixed = before.filter { !afterKeys.contains(key($0)) }
    }
}
