import AWSCatalog

/// Why an action on `*` is a risk, for actions a specific rule reports. Each catalog action
/// gets at most one, so the rules that report them (and RG3007, which reports the rest of the
/// Write and Permissions management actions) never report the same action twice.
public enum ActionRisk: Sendable, Equatable {
    /// RG3004: the action belongs to an escalation method without iam:PassRole (see `EscalationMethod`).
    case privilegeEscalation
    /// RG3003: iam:PassRole.
    case passRole
    /// RG3008: the action returns credentials, passwords or keys.
    case credentialsExposure
    /// RG3009: the action reads stored data, secrets or decrypts.
    case dataExfiltration
    /// RG3010: the action changes who may access a resource.
    case resourceExposure

    /// Cloudsplaining's list of actions that return credentials, less the STS calls a role's
    /// policy does not govern: AssumeRoleWithSAML and AssumeRoleWithWebIdentity are decided by
    /// the trust policy of the role assumed, GetSessionToken needs no permission, and roles
    /// cannot call GetFederationToken. iam:CreateAccessKey, CreateLoginProfile and
    /// UpdateLoginProfile are escalation paths (RG3004).
    static let credentialsExposureActions = [
        "chime:CreateApiKey", "codepipeline:PollForJobs",
        "cognito-identity:GetCredentialsForIdentity", "cognito-identity:GetOpenIdToken",
        "cognito-identity:GetOpenIdTokenForDeveloperIdentity", "cognito-idp:GetSigningCertificate",
        "connect:GetFederationToken", "ec2:GetPasswordData", "ecr:GetAuthorizationToken",
        "gamelift:GetInstanceAccess", "gamelift:RequestUploadCredentials",
        "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential", "iam:UpdateAccessKey",
        "lightsail:DownloadDefaultKeyPair", "lightsail:GetInstanceAccessDetails",
        "lightsail:GetRelationalDatabaseMasterUserPassword",
        "mediapackage:RotateChannelCredentials", "mediapackage:RotateIngestEndpointCredentials",
        "rds-db:connect", "redshift:GetClusterCredentials", "redshift:GetClusterCredentialsWithIAM",
        "sts:AssumeRole",
    ]

    /// Cloudsplaining's read-only data-exfiltration actions, and kms:Decrypt.
    static let dataExfiltrationActions = [
        "s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
        "secretsmanager:GetSecretValue", "kms:Decrypt",
    ]

    /// Actions that share a resource or open it up without a policy or ACL in their name.
    static let sharingActions = [
        "ec2:ModifyFpgaImageAttribute", "ec2:ModifyImageAttribute", "ec2:ModifySnapshotAttribute",
        "kms:CreateGrant", "lakeformation:BatchGrantPermissions", "lakeformation:GrantPermissions",
        "ram:AssociateResourceShare", "ram:CreateResourceShare", "ram:UpdateResourceShare",
        "rds:ModifyDBClusterSnapshotAttribute", "rds:ModifyDBSnapshotAttribute",
        "redshift:AuthorizeDataShare", "redshift:AuthorizeSnapshotAccess",
        "s3:PutAccessPointPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
        "servicecatalog:CreatePortfolioShare", "sns:SetTopicAttributes", "sqs:SetQueueAttributes",
    ]

    private static let changeVerbs = ["Put", "Set", "Update", "Add", "Create", "Modify", "Attach", "Replace"]
    private static let accessNouns = ["Policy", "Policies", "Acl", "ACL", "Permission", "Permissions"]
    /// Resource-based policies the catalog grades Write rather than Permissions management.
    private static let resourcePolicyNouns = ["ResourcePolicy", "PermissionsPolicy", "AccessPolicy"]

    /// The risk of each listed action by lower-cased `service:action`. Where two lists name
    /// an action, the earlier in this order wins: escalation, PassRole, credentials,
    /// exfiltration, sharing.
    private static let listed: [String: ActionRisk] = {
        var risks: [String: ActionRisk] = [:]
        let lists: [([String], ActionRisk)] = [
            (PrivilegeEscalationRule.escalationActions, .privilegeEscalation), (["iam:PassRole"], .passRole),
            (credentialsExposureActions, .credentialsExposure), (dataExfiltrationActions, .dataExfiltration),
            // IAM's own actions change identity policies: RG3004 and RG3202 judge them.
            (sharingActions.filter { !$0.hasPrefix("iam:") }, .resourceExposure),
        ]
        for (names, risk) in lists {
            for name in names where risks[name.lowercased()] == nil { risks[name.lowercased()] = risk }
        }
        return risks
    }()

    /// Whether an action changes who may access a resource, by its name: a Permissions
    /// management action that puts, sets or adds a policy, ACL or permission
    /// (s3:PutBucketPolicy, lambda:AddPermission), or a resource-based policy graded Write
    /// (codeartifact:PutRepositoryPermissionsPolicy). IAM's own actions change identity
    /// policies; RG3004 and RG3202 judge them.
    private static func changesResourceAccess(service: String, action: String, accessLevel: AccessLevel) -> Bool {
        guard service != "iam", changeVerbs.contains(where: { action.utf8.starts(with: $0.utf8) }) else { return false }
        func endsWith(_ suffix: String) -> Bool { action.utf8.reversed().starts(with: suffix.utf8.reversed()) }
        if accessLevel == .permissionsManagement, accessNouns.contains(where: endsWith) { return true }
        return resourcePolicyNouns.contains(where: endsWith)
    }

    /// The risk of a catalog action (`service:Name`), or nil when no specific rule reports it.
    init?(action: String, accessLevel: AccessLevel) {
        let colon = action.firstIndex(of: ":") ?? action.startIndex
        if let risk = Self.listed[action.lowercased()] {
            self = risk
        } else if Self.changesResourceAccess(service: String(action[..<colon]), action: String(action[action.index(after: colon)...]),
                                             accessLevel: accessLevel) {
            self = .resourceExposure
        } else {
            return nil
        }
    }
}
