import RoleGenCore

/// What a role's permissions boundary and the service control policies over it take away from
/// what its policies allow, for review outputs (the Terraform README, review-md).
public struct RoleLimits: Sendable {
    public var hasBoundary: Bool
    public var hasServiceControlPolicies: Bool
    /// `rolegen access`'s "removed" lines: service, access levels, actions, and what removes them.
    public var removed: [String]
    /// What the policy set leaves out or assumes.
    public var notes: [String]

    /// By role name: only the roles a boundary or an SCP applies to (the engine's work is the
    /// expensive part of a review output, so the others are not asked).
    public static func of(_ model: Model) -> [String: RoleLimits] {
        guard model.roles.contains(where: { $0.permissionsBoundary != nil }) || !model.serviceControlPolicies.isEmpty else { return [:] }
        let limited = zip(model.roles, EffectivePolicies.ofRoles(in: model)).filter { role, effective in
            role.permissionsBoundary != nil || !effective.policies.serviceControlPolicies.isEmpty
        }
        let limits = limited.concurrentMap { role, effective in
            RoleLimits(hasBoundary: role.permissionsBoundary != nil,
                       hasServiceControlPolicies: !effective.policies.serviceControlPolicies.isEmpty,
                       removed: EffectiveAccessReport(kind: "role", name: role.name, location: nil, effective: effective).removedLines(),
                       notes: effective.assumptions)
        }
        return Dictionary(zip(limited.map(\.0.name), limits), uniquingKeysWith: { first, _ in first })
    }

    /// "the boundary", "the service control policies" or both, for a sentence.
    public var removers: String {
        [hasBoundary ? "the permissions boundary" : nil, hasServiceControlPolicies ? "the service control policies" : nil]
            .compactMap { $0 }.joined(separator: " and ")
    }
}
