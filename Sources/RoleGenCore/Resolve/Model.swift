/// The resolved model every backend renders: variables expanded, account names and policy
/// references turned into ARNs, defaults applied, AWS limits checked.
public struct Model: Sendable {
    public var roles: [Role]
    public var policies: [CustomerPolicy]
    public var serviceLinkedRoles: [ServiceLinkedRole] = []
    public var serviceControlPolicies: [ServiceControlPolicy] = []
    public var permissionSets: [PermissionSet] = []
    /// Deploy-time inputs, sorted by name; the model's `Text` values refer to them by name.
    public var inputs: [DeployInput]
    /// The spec files this model was built from, in the order given.
    public var sourceFiles: [String]
    /// What lint found and what the spec suppressed; nil when lint did not run.
    public var lint: LintReport?

    public init(roles: [Role], policies: [CustomerPolicy], inputs: [DeployInput] = [], sourceFiles: [String]) {
        self.roles = roles
        self.policies = policies
        self.inputs = inputs
        self.sourceFiles = sourceFiles
    }
}

/// A reference to a managed policy, resolved to its ARN.
public struct PolicyReference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An AWS managed policy, e.g. path `/job-function/`, name `ViewOnlyAccess`.
        case awsManaged(path: String, name: String)
        /// A policy from the spec's `policies:`.
        case customer(name: String)
        /// An ARN written in the spec.
        case arn
    }

    public var kind: Kind
    public var arn: Text
    public var range: SourceRange

    public static func == (lhs: PolicyReference, rhs: PolicyReference) -> Bool {
        lhs.kind == rhs.kind && lhs.arn == rhs.arn
    }
}

public struct Tag: Sendable, Equatable {
    public var key: String
    public var value: Text

    public init(key: String, value: Text) {
        self.key = key
        self.value = value
    }
}

public struct InlinePolicy: Sendable {
    public var name: String
    public var document: ModelDocument
    public var range: SourceRange
}

public struct InstanceProfile: Sendable, Equatable {
    public var name: String
    public var path: String
}

public struct Role: Sendable {
    public var name: String
    public var path: String
    public var description: Text?
    /// The 12-digit account the role lives in, when the spec says.
    public var account: Text?
    public var partition: String
    public var trustPolicy: ModelDocument
    public var managedPolicies: [PolicyReference]
    public var inlinePolicies: [InlinePolicy]
    public var permissionsBoundary: PolicyReference?
    public var maxSessionDuration: Int
    /// Where max_session_duration was written (the role or `defaults:`); nil when IAM's default applies.
    public var maxSessionDurationRange: SourceRange?
    /// Sorted by key.
    public var tags: [Tag]
    public var instanceProfile: InstanceProfile?
    public var specFile: String
    public var range: SourceRange

    public init(name: String, path: String = "/", description: Text? = nil, account: Text? = nil, partition: String = "aws",
                trustPolicy: ModelDocument, managedPolicies: [PolicyReference] = [], inlinePolicies: [InlinePolicy] = [],
                permissionsBoundary: PolicyReference? = nil, maxSessionDuration: Int = 3600, maxSessionDurationRange: SourceRange? = nil,
                tags: [Tag] = [], instanceProfile: InstanceProfile? = nil, specFile: String, range: SourceRange) {
        self.name = name
        self.path = path
        self.description = description
        self.account = account
        self.partition = partition
        self.trustPolicy = trustPolicy
        self.managedPolicies = managedPolicies
        self.inlinePolicies = inlinePolicies
        self.permissionsBoundary = permissionsBoundary
        self.maxSessionDuration = maxSessionDuration
        self.maxSessionDurationRange = maxSessionDurationRange
        self.tags = tags
        self.instanceProfile = instanceProfile
        self.specFile = specFile
        self.range = range
    }
}

/// A customer-managed policy from `policies:`.
public struct CustomerPolicy: Sendable {
    public var name: String
    public var path: String
    public var description: Text?
    public var document: ModelDocument
    /// The 12-digit accounts of the roles that attach it: where it must be created.
    public var accounts: [Text] = []
    public var specFile: String
    public var range: SourceRange
}

/// A service-linked role: AWS names it and fixes its trust and permissions.
public struct ServiceLinkedRole: Sendable {
    /// The service principal, e.g. `autoscaling.amazonaws.com`.
    public var service: String
    public var suffix: String?
    public var description: Text?
    public var account: Text?
    public var specFile: String
    public var range: SourceRange

    /// The path AWS gives the role; its name is chosen by the service.
    public var path: String { "/aws-service-role/\(service)/" }
}

/// Where a service control policy is attached.
public enum PolicyTarget: Sendable, Equatable, Hashable {
    /// The organization's root, whose id is looked up at deploy time.
    case root
    /// A root id (`r-…`), an OU id (`ou-…`) or a 12-digit account id.
    case id(Text)
}

/// A service control policy from `service_control_policies:`.
public struct ServiceControlPolicy: Sendable {
    public var name: String
    public var description: Text?
    public var document: ModelDocument
    public var targets: [PolicyTarget]
    /// Sorted by key.
    public var tags: [Tag]
    public var specFile: String
    public var range: SourceRange

    public init(name: String, description: Text? = nil, document: ModelDocument, targets: [PolicyTarget], tags: [Tag],
                specFile: String, range: SourceRange) {
        self.name = name
        self.description = description
        self.document = document
        self.targets = targets
        self.tags = tags
        self.specFile = specFile
        self.range = range
    }
}

/// A customer managed policy a permission set names; it must exist in every assigned account.
public struct CustomerManagedPolicyReference: Sendable, Equatable {
    public var name: String
    public var path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }
}

/// An IAM Identity Center permission set from `permission_sets:`.
public struct PermissionSet: Sendable {
    public enum Boundary: Sendable, Equatable {
        case awsManaged(arn: Text)
        case customer(CustomerManagedPolicyReference)
    }

    public struct Assignment: Sendable, Equatable {
        public var principalType: AssignmentSpec.PrincipalType
        public var principalID: Text
        public var account: Text
    }

    public var name: String
    public var description: Text?
    /// ISO-8601, e.g. `PT8H`; AWS's default is `PT1H`.
    public var sessionDuration: String
    public var relayState: Text?
    /// AWS managed policies, by ARN.
    public var managedPolicies: [PolicyReference]
    public var customerManagedPolicies: [CustomerManagedPolicyReference]
    public var inlinePolicy: ModelDocument?
    public var permissionsBoundary: Boundary?
    /// Sorted by key.
    public var tags: [Tag]
    public var assignments: [Assignment]
    public var specFile: String
    public var range: SourceRange
}
