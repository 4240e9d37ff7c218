/// The answer to one request.
public enum Decision: Hashable, Sendable {
    /// Allowed whatever the unknown keys hold; `by` lists the statements that grant it
    /// unconditionally (identity-policy and resource-policy Allows).
    case allowed(by: [StatementReference])
    /// Allowed exactly when the formula holds: the grants' conditions, and NOT the conditions
    /// of Deny statements that apply only conditionally.
    case allowedIf(Formula)
    /// An explicit Deny applies unconditionally.
    case denied(by: StatementReference)
    /// No explicit Deny, but a required Allow is missing.
    case implicitlyDenied(ImplicitDenial)
}

/// Which required Allow is missing, the first in AWS's order of evaluation.
public enum ImplicitDenial: Hashable, Sendable {
    /// No resource control policy at this level of the hierarchy (0 is the root) allows.
    case notAllowedByResourceControlPolicies(level: Int)
    /// No service control policy at this level of the hierarchy (0 is the root) allows.
    case notAllowedByServiceControlPolicies(level: Int)
    /// Neither an identity policy nor the resource policy allows.
    case noAllow
    /// Only identity policies (or a resource policy naming the role) allow, and the
    /// permissions boundary does not.
    case notAllowedByPermissionsBoundary
}

extension Decision {
    /// Allowed for some values of the unknown keys, or for all.
    public var mayBeAllowed: Bool {
        switch self {
        case .allowed, .allowedIf: true
        case .denied, .implicitlyDenied: false
        }
    }
}
