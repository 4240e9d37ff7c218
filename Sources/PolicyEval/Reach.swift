import RoleGenCore

/// How far a principal's policies let it take one action.
public enum Reach: Hashable, Sendable {
    /// Not on any resource.
    case none
    /// On the resources these patterns name (each under its own conditions), not on every one.
    case someResources([ResourceGrant])
    /// On every resource (`Resource: "*"`, or a NotResource grant), when the formula holds.
    case everyResource(when: Formula)
}

/// A resource pattern through which an action is allowed.
public struct ResourceGrant: Hashable, Sendable {
    /// The pattern as written (the probe replaced the policy variables the context knows).
    public var pattern: Located<String>
    /// The Allow statement (of an identity policy, the boundary or an SCP/RCP) that wrote it.
    public var statement: StatementReference
    public var when: Formula
}

/// The reach of one action.
public struct ActionReach: Hashable, Sendable {
    public var action: String
    public var reach: Reach
}

extension PolicySet {
    /// For each action, on which resources the identity side of the policy set allows it: a
    /// coarse answer for lint and review. The set is probed with the resource `*` (reached only
    /// through patterns that match everything) and with each `Resource` pattern of an Allow
    /// statement for the action, read as if it were a resource name; a probe that may be
    /// allowed is reached. Coarse by design: a Deny or a NotResource that carves out some
    /// resources does not narrow the reach, and the resource policy is not consulted.
    public func reach(of actions: [String], principal: Principal,
                      context: [String: [String]] = [:], contextIsComplete: Bool = false) -> [ActionReach] {
        var identitySide = self
        identitySide.resourcePolicy = nil
        return actions.map { action in
            func probe(_ resource: String) -> Formula? {
                let request = Request(action: action, resource: resource, principal: principal,
                                      context: context, contextIsComplete: contextIsComplete)
                switch identitySide.evaluate(request) {
                case .allowed: return .always
                case .allowedIf(let formula): return formula
                case .denied, .implicitlyDenied: return nil
                }
            }
            if let everywhere = probe("*") { return ActionReach(action: action, reach: .everyResource(when: everywhere)) }
            let facts = Facts(Request(action: action, resource: "*", principal: principal,
                                      context: context, contextIsComplete: contextIsComplete))
            var probed: Set<String> = []
            let grants = identitySide.allowedPatterns(for: action).compactMap { reference, pattern -> ResourceGrant? in
                let resource: String
                switch substitute(pattern.value, facts) {
                case .pattern(let substituted): resource = String(decoding: substituted.literalBytes, as: UTF8.self)
                case .unknown: resource = pattern.value
                case .noValue: return nil
                }
                guard probed.insert(resource).inserted, let when = probe(resource) else { return nil }
                return ResourceGrant(pattern: pattern, statement: reference, when: when)
            }
            return ActionReach(action: action, reach: grants.isEmpty ? .none : .someResources(grants))
        }
    }

    /// The `Resource` patterns of Allow statements for the action, identity policies first.
    private func allowedPatterns(for action: String) -> [(StatementReference, Located<String>)] {
        let policies = identityPolicies + [permissionsBoundary].compactMap { $0 }
            + serviceControlPolicies.flatMap { $0 } + resourceControlPolicies.flatMap { $0 }
        return policies.flatMap(\.referencedStatements).flatMap { reference, statement in
            guard statement.effect.value == .allow, matchesAction(statement, action),
                  let resource = statement.resource, !resource.negated else { return [(StatementReference, Located<String>)]() }
            return resource.values.map { (reference, $0) }
        }
    }
}
