import RoleGenCore

/// What a policy document is attached to; each kind has its own grammar rules and quota.
public enum PolicyKind: String, CaseIterable, Sendable {
    /// Attached to a user, group or role (inline or managed).
    case identity
    /// A role's trust policy (AssumeRolePolicyDocument).
    case trust
    /// Attached to a resource: bucket, queue, key, topic, ….
    case resource
    /// An AWS Organizations service control policy.
    case scp
    /// A permissions boundary (a managed policy used as a boundary).
    case boundary
    /// An AWS Organizations resource control policy.
    case rcp

    /// Whether statements name a Principal.
    var hasPrincipal: Bool { self == .trust || self == .resource || self == .rcp }

    /// The size quota IAM (or Organizations) applies, in characters without whitespace.
    var sizeQuota: Int {
        switch self {
        case .identity, .boundary: return PolicyQuota.managedPolicy
        case .trust: return PolicyQuota.trustPolicy
        case .resource: return 20_480
        case .scp, .rcp: return 5_120
        }
    }

    /// The kind a document's content implies: a Principal and only STS actions with no
    /// Resource make a trust policy, any other Principal a resource policy, none an identity policy.
    public static func detect(_ document: PolicyDocument) -> PolicyKind {
        let withPrincipal = document.statements.filter { $0.principal != nil }
        guard !withPrincipal.isEmpty else { return .identity }
        // No Resource and STS actions (`sts:AssumeRole`, `sts:AssumeRole*`, `sts:*`), or NotAction.
        let trustLike = document.statements.allSatisfy { statement in
            statement.resource == nil && (statement.action?.negated == true
                || (statement.action?.values ?? []).allSatisfy { $0.value.lowercased().hasPrefix("sts:") })
        }
        return trustLike ? .trust : .resource
    }
}
