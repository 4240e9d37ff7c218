import RoleGenCore

/// IAM JSON: per role the exact input of `aws iam create-role --cli-input-json`, its trust
/// policy, inline policies and managed policy ARNs; per customer policy its document; per
/// service-linked role, service control policy and permission set the input of its create
/// call and its documents exactly as sent; and a manifest that ties them together for scripts.
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
                files.append(OutputFile(dir + "managed-policies.txt", role.managedPolicies.map { $0.arn.shown + "\n" }.joined()))
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
            if let description = policy.description { entry.append(("Description", .of(description))) }
            entry.append(("DocumentFile", .string("policies/\(policy.name).json")))
            entry.append(("Accounts", .array(policy.accounts.map(JSONValue.of))))
            manifestPolicies.append(.object(entry))
        }
        var members: [(String, JSONValue)] = [
            ("Policies", .array(manifestPolicies)),
            ("Roles", .array(manifestRoles)),
        ]
        // Only builds with organization pieces list them, so other manifests stay as they were.
        if !model.serviceLinkedRoles.isEmpty {
            members.append(("ServiceLinkedRoles", .array(serviceLinkedRoles(model, into: &files))))
        }
        if !model.serviceControlPolicies.isEmpty {
            members.append(("ServiceControlPolicies", .array(serviceControlPolicies(model, into: &files))))
        }
        if !model.permissionSets.isEmpty {
            members.append(("PermissionSets", .array(permissionSets(model, into: &files))))
        }
        files.append(OutputFile("manifest.json", JSONValue.object(members).encoded()))
        return files
    }

    /// Per role the input of `aws iam create-service-linked-role --cli-input-json`.
    private func serviceLinkedRoles(_ model: Model, into files: inout [OutputFile]) -> [JSONValue] {
        let bases = model.serviceLinkedRoles.map { $0.service + ($0.suffix.map { "_" + $0 } ?? "") }
        let unique = zip(bases, model.serviceLinkedRoles).map { base, role in
            guard bases.filter({ $0.lowercased() == base.lowercased() }).count > 1 else { return base }
            return base + "@" + (role.account?.shown ?? "any-account")
        }
        return zip(model.serviceLinkedRoles, OutputNames.fileNames(for: unique)).map { role, name in
            let file = "service-linked-roles/\(name).json"
            var input: [(String, JSONValue)] = [("AWSServiceName", .string(role.service))]
            if let description = role.description { input.append(("Description", .of(description))) }
            if let suffix = role.suffix { input.append(("CustomSuffix", .string(suffix))) }
            files.append(OutputFile(file, JSONValue.object(input).encoded()))
            return .object([
                ("AWSServiceName", .string(role.service)),
                ("CustomSuffix", role.suffix.map(JSONValue.string) ?? .null),
                ("Path", .string(role.path)),
                ("Account", role.account.map(JSONValue.of) ?? .null),
                ("CreateServiceLinkedRoleInput", .string(file)),
                ("SpecFile", .string(role.specFile)),
            ])
        }
    }

    /// Per SCP its content exactly as `organizations create-policy` sends it (compact, no line
    /// break: Organizations counts every character) and the rest of create-policy's input.
    private func serviceControlPolicies(_ model: Model, into files: inout [OutputFile]) -> [JSONValue] {
        zip(model.serviceControlPolicies, OutputNames.fileNames(for: model.serviceControlPolicies.map(\.name))).map { policy, name in
            let dir = "service-control-policies/\(name)/"
            files.append(OutputFile(dir + "content.json", CanonicalJSON.encode(policy.document, pretty: false)))
            var input: [(String, JSONValue)] = [
                ("Name", .string(policy.name)),
                ("Description", .of(policy.description ?? "")),
                ("Type", .string("SERVICE_CONTROL_POLICY")),
            ]
            if !policy.tags.isEmpty { input.append(("Tags", tags(policy.tags))) }
            files.append(OutputFile(dir + "create-policy.json", JSONValue.object(input).encoded()))
            return .object([
                ("Name", .string(policy.name)),
                ("ContentFile", .string(dir + "content.json")),
                ("CreatePolicyInput", .string(dir + "create-policy.json")),
                // "root" is the organization's root, whose id is known only in the organization.
                ("Targets", .array(policy.targets.map {
                    switch $0 {
                    case .root: return .string("root")
                    case .id(let id): return .of(id)
                    }
                })),
                ("SpecFile", .string(policy.specFile)),
            ])
        }
    }

    /// Per permission set the input of `aws sso-admin create-permission-set --cli-input-json`
    /// (without InstanceArn, a deploy-time value: pass `--instance-arn`), its inline policy
    /// exactly as sent, and its policies, boundary and assignments in the manifest.
    private func permissionSets(_ model: Model, into files: inout [OutputFile]) -> [JSONValue] {
        model.permissionSets.map { set in
            let dir = "permission-sets/\(set.name)/"
            var input: [(String, JSONValue)] = [("Name", .string(set.name))]
            if let description = set.description { input.append(("Description", .of(description))) }
            input.append(("SessionDuration", .string(set.sessionDuration)))
            if let relayState = set.relayState { input.append(("RelayState", .of(relayState))) }
            if !set.tags.isEmpty { input.append(("Tags", tags(set.tags))) }
            files.append(OutputFile(dir + "create-permission-set.json", JSONValue.object(input).encoded()))
            if let inline = set.inlinePolicy {
                files.append(OutputFile(dir + "inline-policy.json", CanonicalJSON.encode(inline, pretty: false)))
            }
            let boundary: JSONValue
            switch set.permissionsBoundary {
            case nil: boundary = .null
            case .awsManaged(let arn)?: boundary = .object([("ManagedPolicyArn", .of(arn))])
            case .customer(let reference)?:
                boundary = .object([("CustomerManagedPolicyReference", .object([("Name", .string(reference.name)), ("Path", .string(reference.path))]))])
            }
            return .object([
                ("Name", .string(set.name)),
                ("CreatePermissionSetInput", .string(dir + "create-permission-set.json")),
                ("InlinePolicyFile", set.inlinePolicy == nil ? .null : .string(dir + "inline-policy.json")),
                ("ManagedPolicyArns", .array(set.managedPolicies.map { JSONValue.of($0.arn) })),
                ("CustomerManagedPolicyReferences", .array(set.customerManagedPolicies.map {
                    .object([("Name", .string($0.name)), ("Path", .string($0.path))])
                })),
                ("PermissionsBoundary", boundary),
                ("AccountAssignments", .array(set.assignments.map {
                    .object([("AccountId", .of($0.account)), ("PrincipalType", .string($0.principalType.rawValue)),
                             ("PrincipalId", .of($0.principalID))])
                })),
                ("SpecFile", .string(set.specFile)),
            ])
        }
    }

    private func tags(_ tags: [Tag]) -> JSONValue {
        .array(tags.map { .object([("Key", .string($0.key)), ("Value", .of($0.value))]) })
    }

    /// The shape `aws iam create-role --cli-input-json` accepts; the trust policy is a string.
    func createRoleInput(_ role: Role) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("RoleName", .string(role.name)),
            ("Path", .string(role.path)),
            ("AssumeRolePolicyDocument", .string(CanonicalJSON.encode(role.trustPolicy, pretty: false))),
        ]
        if let description = role.description { members.append(("Description", .of(description))) }
        members.append(("MaxSessionDuration", .integer(role.maxSessionDuration)))
        if let boundary = role.permissionsBoundary { members.append(("PermissionsBoundary", .of(boundary.arn))) }
        if !role.tags.isEmpty {
            members.append(("Tags", .array(role.tags.map { .object([("Key", .string($0.key)), ("Value", .of($0.value))]) })))
        }
        return .object(members)
    }

    private func manifestEntry(_ role: Role) -> JSONValue {
        let dir = "roles/\(role.name)/"
        var entry: [(String, JSONValue)] = [
            ("RoleName", .string(role.name)),
            ("Account", role.account.map(JSONValue.of) ?? .null),
            ("CreateRoleInput", .string(dir + "role.json")),
            ("InlinePolicies", .array(role.inlinePolicies.map {
                .object([("PolicyName", .string($0.name)), ("DocumentFile", .string(dir + "inline/\($0.name).json"))])
            })),
            ("ManagedPolicyArns", .array(role.managedPolicies.map { .of($0.arn) })),
        ]
        if let profile = role.instanceProfile {
            entry.append(("InstanceProfile", .object([("InstanceProfileName", .string(profile.name)), ("Path", .string(profile.path))])))
        }
        entry.append(("SpecFile", .string(role.specFile)))
        return .object(entry)
    }
}
