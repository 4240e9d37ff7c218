import RoleGenCore

/// IAM JSON: per role the exact input of `aws iam create-role --cli-input-json`, its trust
/// policy, inline policies and managed policy ARNs; per customer policy its document; and a
/// manifest that ties them together for scripts.
public struct IAMJSONBackend: Backend {
    public let name = "iam-json"
    public let summary = "IAM JSON documents and create-role --cli-input-json files"

    public init() {}

    public func render(_ model: Model) -> [OutputFile] {
        var files: [OutputFile] = []
        var manifestRoles: [JSONValue] = []
        for role in model.roles {
            let dir = "roles/\(role.name)/"
            files.append(OutputFile(dir + "role.json", createRoleInput(role).encoded()))
            files.append(OutputFile(dir + "trust-policy.json", CanonicalJSON.encode(role.trustPolicy)))
            for policy in role.inlinePolicies {
                files.append(OutputFile(dir + "inline/\(policy.name).json", CanonicalJSON.encode(policy.document)))
            }
            if !role.managedPolicies.isEmpty {
                files.append(OutputFile(dir + "managed-policies.txt", role.managedPolicies.map { $0.arn + "\n" }.joined()))
            }
            if let profile = role.instanceProfile {
                files.append(OutputFile(dir + "instance-profile.json", JSONValue.object([
                    ("InstanceProfileName", .string(profile.name)), ("Path", .string(profile.path)),
                ]).encoded()))
            }
            manifestRoles.append(manifestEntry(role))
        }
        var manifestPolicies: [JSONValue] = []
        for policy in model.policies {
            files.append(OutputFile("policies/\(policy.name).json", CanonicalJSON.encode(policy.document)))
            var entry: [(String, JSONValue)] = [("PolicyName", .string(policy.name)), ("Path", .string(policy.path))]
            if let description = policy.description { entry.append(("Description", .string(description))) }
            entry.append(("DocumentFile", .string("policies/\(policy.name).json")))
            entry.append(("Accounts", .array(policy.accounts.map(JSONValue.string))))
            manifestPolicies.append(.object(entry))
        }
        let manifest = JSONValue.object([
            ("Policies", .array(manifestPolicies)),
            ("Roles", .array(manifestRoles)),
        ])
        files.append(OutputFile("manifest.json", manifest.encoded()))
        return files
    }

    /// The shape `aws iam create-role --cli-input-json` accepts; the trust policy is a string.
    func createRoleInput(_ role: Role) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("RoleName", .string(role.name)),
            ("Path", .string(role.path)),
            ("AssumeRolePolicyDocument", .string(CanonicalJSON.encode(role.trustPolicy, pretty: false))),
        ]
        if let description = role.description { members.append(("Description", .string(description))) }
        members.append(("MaxSessionDuration", .integer(role.maxSessionDuration)))
        if let boundary = role.permissionsBoundary { members.append(("PermissionsBoundary", .string(boundary.arn))) }
        if !role.tags.isEmpty {
            members.append(("Tags", .array(role.tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) })))
        }
        return .object(members)
    }

    private func manifestEntry(_ role: Role) -> JSONValue {
        let dir = "roles/\(role.name)/"
        var entry: [(String, JSONValue)] = [
            ("RoleName", .string(role.name)),
            ("Account", role.account.map(JSONValue.string) ?? .null),
            ("CreateRoleInput", .string(dir + "role.json")),
            ("InlinePolicies", .array(role.inlinePolicies.map {
                .object([("PolicyName", .string($0.name)), ("DocumentFile", .string(dir + "inline/\($0.name).json"))])
            })),
            ("ManagedPolicyArns", .array(role.managedPolicies.map { .string($0.arn) })),
        ]
        if let profile = role.instanceProfile {
            entry.append(("InstanceProfile", .object([("InstanceProfileName", .string(profile.name)), ("Path", .string(profile.path))])))
        }
        entry.append(("SpecFile", .string(role.specFile)))
        return .object(entry)
    }
}
