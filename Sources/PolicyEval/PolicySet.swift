import RoleGenCore

/// A policy document together with the name a report should give it.
public struct NamedPolicy: Sendable {
    /// How a reader names the policy: "inline policy 'x'", "AWS managed policy 'AmazonS3FullAccess'".
    public var origin: String
    public var document: PolicyDocument

    public init(origin: String, document: PolicyDocument) {
        self.origin = origin
        self.document = document
    }
}

/// Every policy that takes part in deciding a request of one principal in one account.
public struct PolicySet: Sendable {
    /// Inline and attached policies of the principal (and of its groups, for a user).
    public var identityPolicies: [NamedPolicy]
    /// Caps what identity policies (and resource policies naming the role) can grant.
    public var permissionsBoundary: NamedPolicy?
    /// Service control policies by level of the organization, root first and the account last.
    /// Every level must allow; no levels means no SCP applies (the management account).
    public var serviceControlPolicies: [[NamedPolicy]]
    /// Resource control policies by level of the resource's account path, with the same rules.
    public var resourceControlPolicies: [[NamedPolicy]]
    /// The resource-based policy of the requested resource, in the principal's own account.
    public var resourcePolicy: NamedPolicy?

    public init(
        identityPolicies: [NamedPolicy], permissionsBoundary: NamedPolicy? = nil,
        serviceControlPolicies: [[NamedPolicy]] = [], resourceControlPolicies: [[NamedPolicy]] = [],
        resourcePolicy: NamedPolicy? = nil
    ) {
        self.identityPolicies = identityPolicies
        self.permissionsBoundary = permissionsBoundary
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.resourcePolicy = resourcePolicy
    }
}
