import AWSCatalog
import RoleGenCore

/// One action a statement grants, after expanding its pattern against the catalog.
public struct ActionGrant: Sendable {
    /// The action as written in the spec (`iam:Put*`), with its range.
    public var written: Located<String>
    /// `service:Name` as the catalog spells it.
    public var action: String
    public var accessLevel: AccessLevel
}

/// A statement with its actions expanded and its source (`inline policy x`, `policy y`).
public struct LintStatement: Sendable {
    public var statement: Statement
    public var source: String
    /// Catalog actions granted; empty for `*` and NotAction (see `actionIsWildcard`).
    public var grants: [ActionGrant]

    init(_ statement: Statement, source: String, catalog: Catalog) {
        self.statement = statement
        self.source = source
        var grants: [ActionGrant] = []
        if let action = statement.action, !action.negated {
            for written in action.values where written.value != "*" {
                let parts = written.value.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let service = catalog.service(String(parts[0])) else { continue }
                for found in service.actions(matching: String(parts[1])) {
                    grants.append(ActionGrant(written: written, action: service.prefix + ":" + found.name, accessLevel: found.accessLevel))
                }
            }
        }
        self.grants = grants
    }

    public var isAllow: Bool { statement.effect.value == .allow }

    /// The written `*` action, when the statement lists one.
    public var wildcardAction: Located<String>? {
        guard let action = statement.action, !action.negated else { return nil }
        return action.values.first { $0.value == "*" }
    }

    /// The written `*` resource, when the statement applies to every resource.
    public var wildcardResource: Located<String>? {
        guard let resource = statement.resource, !resource.negated else { return nil }
        return resource.values.first { $0.value == "*" }
    }

    /// The written action that grants `action` (`iam:PassRole`), through `*`, a service wildcard
    /// or the catalog expansion; nil when none does.
    public func granting(_ action: String) -> Located<String>? {
        guard let list = statement.action, !list.negated else { return nil }
        return list.values.first { Wildcard.matches($0.value, action) }
    }

    public func hasCondition(key: String) -> Bool {
        statement.conditions.contains { $0.key.value.lowercased() == key.lowercased() }
    }
}

/// A role as lint rules see it: permission statements of its inline policies and of the
/// customer policies it attaches, its trust statements, managed policies and boundary.
public struct LintRole: Sendable {
    public var role: Role
    public var permissions: [LintStatement]
    public var trust: [Statement]
    /// The role's account and the accounts the specs declare under `accounts:`: the owner's own.
    public var ownAccounts: Set<String>

    init(_ role: Role, policies: [String: CustomerPolicy], ownAccounts: Set<String>, catalog: Catalog) {
        self.role = role
        self.ownAccounts = ownAccounts.union(role.account.map { [$0] } ?? [])
        var permissions: [LintStatement] = []
        for inline in role.inlinePolicies {
            permissions += inline.document.statements.map { LintStatement($0, source: "inline policy '\(inline.name)'", catalog: catalog) }
        }
        for reference in role.managedPolicies {
            guard case .customer(let name) = reference.kind, let policy = policies[name] else { continue }
            permissions += policy.document.statements.map { LintStatement($0, source: "policy '\(name)'", catalog: catalog) }
        }
        self.permissions = permissions
        self.trust = role.trustPolicy.statements
    }

    public var allows: [LintStatement] { permissions.filter(\.isAllow) }
}

/// IAM's `*`/`?` matching, ignoring ASCII case as IAM does (action names are ASCII).
enum Wildcard {
    static func matches(_ pattern: String, _ value: String) -> Bool {
        Glob.matchesIgnoringCase(pattern.utf8.map(Glob.lower), value)
    }
}
