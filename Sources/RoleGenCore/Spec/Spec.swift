/// One spec file as written: every value keeps its source range. Nothing here is resolved
/// yet — variables, account names and policy references are still as the author wrote them.
public struct SpecFile: Sendable {
    public var path: String
    public var version: Located<Int>
    public var variables: [VariableSpec] = []
    public var accounts: [(name: Located<String>, id: Located<String>)] = []
    public var defaults = Defaults()
    public var policies: [PolicySpec] = []
    public var roles: [RoleSpec] = []
    public var serviceLinkedRoles: [ServiceLinkedRoleSpec] = []
    public var serviceControlPolicies: [ServiceControlPolicySpec] = []
    public var permissionSets: [PermissionSetSpec] = []
    /// Every `lint: {ignore: […]}` entry of the file, on roles and statements.
    public var lintSuppressions: [LintSuppression] = []

    public init(path: String, version: Located<Int>) {
        self.path = path
        self.version = version
    }
}

/// A spec variable: a value known at build time, or a deploy-time input that each backend
/// leaves open (a Terraform variable, a CloudFormation parameter, an environment variable).
public struct VariableSpec: Sendable {
    public enum Value: Sendable {
        case value(Located<String>)
        case input(description: Located<String>?, sensitive: Bool, defaultValue: Located<String>?)
    }

    public var name: Located<String>
    public var value: Value
}

public struct Defaults: Sendable {
    public var account: Located<String>?
    public var partition: Located<String>?
    public var path: Located<String>?
    public var maxSessionDuration: Located<Int>?
    public var permissionsBoundary: Located<String>?
    public var tags: [TagSpec] = []
    public var descriptionPrefix: Located<String>?

    public init() {}
}

public struct TagSpec: Sendable {
    public var key: Located<String>
    public var value: Located<String>
}

/// Where a policy's statements come from.
public enum PolicyBody: Sendable {
    case statements([Statement])
    /// A JSON (or YAML) policy document next to the spec, path as written.
    case documentFile(Located<String>)
}

/// A reusable customer-managed policy (`policies:`).
public struct PolicySpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var path: Located<String>?
    public var body: PolicyBody
    public var range: SourceRange
}

public struct InlinePolicySpec: Sendable {
    public var name: Located<String>
    public var body: PolicyBody
    public var range: SourceRange
}

public enum InstanceProfileSpec: Sendable {
    /// `instance_profile: true`: named like the role.
    case sameNameAsRole(SourceRange)
    case named(Located<String>)
}

public struct RoleSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var path: Located<String>?
    public var account: Located<String>?
    public var trust: [TrustEntry] = []
    public var managedPolicies: [Located<String>] = []
    public var inlinePolicies: [InlinePolicySpec] = []
    public var permissionsBoundary: Located<String>?
    public var maxSessionDuration: Located<Int>?
    public var tags: [TagSpec] = []
    public var instanceProfile: InstanceProfileSpec?
    public var range: SourceRange

    public init(name: Located<String>, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// One entry of a role's `trust:` list; each becomes one statement of the trust policy.
public struct TrustEntry: Sendable {
    public enum Kind: Sendable {
        case service([Located<String>])
        case account(principals: [Located<String>], externalId: Located<String>?, requireMFA: Located<Bool>?)
        case saml(provider: Located<String>, providerAccount: Located<String>?, audience: Located<String>?)
        case webIdentity(WebIdentity)
        case github(GitHub)
        case policy([Statement])
    }

    public struct WebIdentity: Sendable {
        /// `cognito`, `google`, `facebook`, `amazon`, an OIDC issuer host or a provider ARN.
        public var provider: Located<String>
        public var providerAccount: Located<String>?
        public var audience: [Located<String>]
        public var subject: [Located<String>]
        public var amr: Located<String>?
    }

    public struct GitHub: Sendable {
        /// `owner/repo` patterns.
        public var repositories: [Located<String>]
        public var branches: [Located<String>]
        public var environments: [Located<String>]
        /// Full git refs such as `refs/tags/v*`.
        public var refs: [Located<String>]
        public var pullRequest: Located<Bool>?
        public var providerAccount: Located<String>?
    }

    public var kind: Kind
    /// Extra `conditions:` written on the entry, merged into its statement.
    public var conditions: [ConditionEntry]
    public var range: SourceRange
}

/// A service-linked role (`service_linked_roles:`): AWS fixes its name, trust and permissions;
/// the spec chooses only the service, an optional name suffix and a description.
public struct ServiceLinkedRoleSpec: Sendable {
    /// The service principal, e.g. `autoscaling.amazonaws.com`.
    public var service: Located<String>
    public var suffix: Located<String>?
    public var description: Located<String>?
    public var account: Located<String>?
    public var range: SourceRange
}

/// A service control policy (`service_control_policies:`) and where it is attached.
public struct ServiceControlPolicySpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var body: PolicyBody
    /// `root`, an OU id (`ou-…`), a 12-digit account id or a name under `accounts:`.
    public var targets: [Located<String>]
    public var tags: [TagSpec]
    public var range: SourceRange
}

/// An IAM Identity Center permission set (`permission_sets:`) and its account assignments.
public struct PermissionSetSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    /// ISO-8601 duration such as `PT8H`.
    public var sessionDuration: Located<String>?
    public var relayState: Located<String>?
    /// AWS managed policies by name or ARN.
    public var managedPolicies: [Located<String>]
    /// Customer managed policies by name (a spec policy) or `path/name`, present in each account.
    public var customerManagedPolicies: [Located<String>]
    public var inlinePolicy: PolicyBody?
    public var permissionsBoundary: Located<String>?
    public var tags: [TagSpec]
    public var assignments: [AssignmentSpec]
    public var range: SourceRange
}

/// `{group: ID, accounts: [...]}` or `{user: ID, accounts: [...]}` under a permission set.
public struct AssignmentSpec: Sendable {
    public enum PrincipalType: String, Sendable {
        case group = "GROUP"
        case user = "USER"
    }

    public var principalType: PrincipalType
    /// The Identity Store id of the group or user.
    public var principal: Located<String>
    public var accounts: [Located<String>]
    public var range: SourceRange
}
