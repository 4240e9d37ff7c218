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
        let shared = Memo<[String]>()
        let limits = limited.concurrentMap { role, effective in
            RoleLimits(hasBoundary: role.permissionsBoundary != nil,
                       hasServiceControlPolicies: !effective.policies.serviceControlPolicies.isEmpty,
                       removed: removed(from: effective, shared: shared),
                       notes: effective.assumptions)
        }
        return Dictionary(zip(limited.map(\.0.name), limits), uniquingKeysWith: { first, _ in first })
    }

    /// Policy by policy: what the boundary and SCPs remove from one policy does not depend on
    /// the role's other policies, so a customer or AWS managed policy attached to many roles
    /// under the same boundary and SCPs is worked out once (a thousand roles attaching
    /// ReadOnlyAccess under PowerUserAccess took minutes role by role).
    private static func removed(from effective: EffectivePolicies, shared: Memo<[String]>) -> [String] {
        let policies = effective.policies
        let limitsKey = [policies.permissionsBoundary?.origin ?? "",
                         policies.serviceControlPolicies.map { $0.map(\.origin).joined(separator: ",") }.joined(separator: "|"),
                         effective.principal.account,
                         (effective.principal.tags ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")]
            .joined(separator: "\u{1}")
        return policies.identityPolicies.flatMap { policy -> [String] in
            var alone = effective
            alone.policies.identityPolicies = [policy]
            func work() -> [String] {
                EffectiveAccessReport(kind: "role", name: "", location: nil, effective: alone).removedLines().map { "\(policy.origin): \($0)" }
            }
            // Inline policies belong to one role; policies with their own name may be shared.
            return policy.origin.hasPrefix("inline ") ? work() : shared.value(for: policy.origin + "\u{1}" + limitsKey, work)
        }
    }

    /// "the boundary", "the service control policies" or both, for a sentence.
    public var removers: String {
        [hasBoundary ? "the permissions boundary" : nil, hasServiceControlPolicies ? "the service control policies" : nil]
            .compactMap { $0 }.joined(separator: " and ")
    }
}
