import RoleGenCore

/// `organization/apply.sh` and `organization/destroy.sh`: the build's service control policies
/// and IAM Identity Center permission sets. They belong to the organization, not to one of the
/// accounts the main scripts run in, so they are applied once, with the credentials of the
/// management account (or of a delegated administrator), and only when the build has them.
extension CLIScripts {
    static let organizationDirectory = "organization/"

    var hasOrganizationPieces: Bool { !model.serviceControlPolicies.isEmpty || !model.permissionSets.isEmpty }

    /// The main scripts' pointer to the organization scripts.
    var organizationNote: [String] {
        hasOrganizationPieces
            ? ["", "Service control policies and permission sets are applied by organization/apply.sh,",
               "with the credentials of the organization's management account (or a delegated",
               "administrator)."]
            : []
    }

    /// `service-control-policies/<name>/`, relative to the organization scripts; in model order.
    var serviceControlPolicyDirectories: [String] {
        OutputNames.fileNames(for: model.serviceControlPolicies.map(\.name)).map { "service-control-policies/\($0)/" }
    }

    static func permissionSetDirectory(_ permissionSet: PermissionSet) -> String { "permission-sets/\(permissionSet.name)/" }

    var organizationFiles: [OutputFile] {
        guard hasOrganizationPieces else { return [] }
        var files: [OutputFile] = []
        func add(_ path: String, _ contents: String, executable: Bool = false) {
            files.append(OutputFile(Self.organizationDirectory + path, contents, executable: executable))
        }
        for (policy, dir) in zip(model.serviceControlPolicies, serviceControlPolicyDirectories) {
            // Exactly the content create-policy sends: Organizations counts every character.
            add(dir + "content.json", CompactJSON.encode(CanonicalJSON.value(of: policy.document)))
            // Organizations requires a description; the members and their order are those
            // organization/apply.sh's describe-policy query asks for.
            add(dir + "settings.json", Self.json(.object([
                ("Name", .string(policy.name)), ("Description", .of(policy.description ?? "")),
            ])))
            if !policy.tags.isEmpty { add(dir + "tags.json", Self.json(Self.tagList(policy.tags))) }
        }
        for permissionSet in model.permissionSets {
            let dir = Self.permissionSetDirectory(permissionSet)
            // The members and their order are those of apply.sh's describe-permission-set query.
            var settings: [(String, JSONValue)] = []
            if let description = permissionSet.description { settings.append(("Description", .of(description))) }
            settings.append(("SessionDuration", .string(permissionSet.sessionDuration)))
            if let relayState = permissionSet.relayState { settings.append(("RelayState", .of(relayState))) }
            var create: [(String, JSONValue)] = [("Name", .string(permissionSet.name))] + settings
            if !permissionSet.tags.isEmpty { create.append(("Tags", Self.tagList(permissionSet.tags))) }
            add(dir + "create.json", Self.json(.object(create)))
            add(dir + "settings.json", Self.json(.object(settings)))
            if !permissionSet.tags.isEmpty { add(dir + "tags.json", Self.json(Self.tagList(permissionSet.tags))) }
            if let inline = permissionSet.inlinePolicy {
                // Exactly what put-inline-policy-to-permission-set sends.
                add(dir + "inline-policy.json", CompactJSON.encode(CanonicalJSON.value(of: inline)))
            }
            if let boundary = permissionSet.permissionsBoundary {
                add(dir + "boundary.json", Self.json(.object([("PermissionsBoundary", Self.boundaryValue(boundary))])))
            }
        }
        add("apply.sh", organizationApplyScript, executable: true)
        add("destroy.sh", organizationDestroyScript, executable: true)
        return files
    }

    static func tagList(_ tags: [Tag]) -> JSONValue {
        .array(tagsInQueryOrder(tags).map { .object([("Key", .string($0.key)), ("Value", .of($0.value))]) })
    }

    /// The `PermissionsBoundary` structure of sso-admin, members in its shape's order.
    static func boundaryValue(_ boundary: PermissionSet.Boundary) -> JSONValue {
        switch boundary {
        case .customer(let reference): return .object([("CustomerManagedPolicyReference", referenceValue(reference))])
        case .awsManaged(let arn): return .object([("ManagedPolicyArn", .of(arn))])
        }
    }

    static func referenceValue(_ reference: CustomerManagedPolicyReference) -> JSONValue {
        .object([("Name", .string(reference.name)), ("Path", .string(reference.path))])
    }

    /// The plan's first calls: the account, and the Identity Center instance when it is needed.
    private var organizationStart: String {
        "find_account\n" + (model.permissionSets.isEmpty ? "" : "find_instance\n")
    }

    private func policyComment(_ policy: ServiceControlPolicy) -> String {
        "# Service control policy \(ShellWords.comment(policy.name)) (\(ShellWords.comment(policy.specFile)))\n"
    }

    private func permissionSetComment(_ permissionSet: PermissionSet) -> String {
        "# Permission set \(permissionSet.name) (\(ShellWords.comment(permissionSet.specFile)))\n"
    }

    /// An SCP's name as apply.sh compares it: a JSON list of the name, one line whatever it holds.
    private static func nameJSON(_ policy: ServiceControlPolicy) -> String { CompactJSON.encode(.array([.string(policy.name)])) }

    private static func assignmentAccounts(_ permissionSet: PermissionSet) -> [Text] {
        var accounts: [Text] = []
        for assignment in permissionSet.assignments where !accounts.contains(assignment.account) { accounts.append(assignment.account) }
        return accounts
    }

    var organizationApplyScript: String {
        var plan = Plan(variables: variables)
        for (policy, dir) in zip(model.serviceControlPolicies, serviceControlPolicyDirectories) {
            plan.text += "\n" + policyComment(policy)
            plan.uses([policy.description ?? ""] + policy.tags.map(\.value) + Self.documentStrings(policy.document))
            plan.line("", ["service_control_policy", plan.word(Self.nameJSON(policy)), plan.word(String(dir.dropLast()))] + policy.targets.map {
                switch $0 {
                case .root: return plan.word("root")
                case .id(let id): return plan.word(id)
                }
            })
        }
        for permissionSet in model.permissionSets {
            let dir = Self.permissionSetDirectory(permissionSet)
            plan.text += "\n" + permissionSetComment(permissionSet)
            plan.uses([permissionSet.description ?? "", permissionSet.relayState ?? ""] + permissionSet.tags.map(\.value)
                      + (permissionSet.inlinePolicy.map(Self.documentStrings) ?? []))
            plan.line("", ["permission_set", plan.word(permissionSet.name), plan.word(String(dir.dropLast()))])
            plan.line("", ["permission_set_inline_policy", plan.word(permissionSet.inlinePolicy == nil ? "" : dir + "inline-policy.json")])
            plan.line("", ["permission_set_boundary", plan.word(permissionSet.permissionsBoundary == nil ? "" : dir + "boundary.json")])
            plan.line("", ["permission_set_managed_policies"] + permissionSet.managedPolicies.map { plan.word($0.arn) })
            plan.line("", ["permission_set_customer_policies"] + permissionSet.customerManagedPolicies.map {
                plan.word(CompactJSON.encode(Self.referenceValue($0)))
            })
            plan.line("", ["provision_permission_set"])
            plan.line("", ["account_assignments"] + permissionSet.assignments.flatMap {
                [plan.word($0.account), plan.word($0.principalType.rawValue), plan.word($0.principalID)]
            })
        }
        var text = header("organization/apply.sh", [
            "Creates or updates the organization's pieces of this build until AWS matches the spec:",
            "service control policies (content, name, description, tags, the targets they are",
            "attached to) and IAM Identity Center permission sets (description, session duration,",
            "relay state, tags, inline policy, permissions boundary, AWS and customer managed",
            "policies, account assignments). Run it with the credentials of the organization's",
            "management account (or a delegated administrator). Running it again changes nothing.",
        ] + instanceHelp + inputHelp(plan.allInputs))
        text += ScriptRuntime.prologue(script: "apply.sh", purpose: "Creates or updates the service control policies and permission sets of this build.") + "\n"
        text += ScriptRuntime.asyncFunctions + "\n" + ScriptRuntime.organizationLookups + "\n" + ScriptRuntime.organizationApply + "\n"
        text += inputSection(plan.allInputs, shellVariables: plan.wordInputs)
        text += organizationStart + plan.text + "\nfinish\n"
        return text
    }

    var organizationDestroyScript: String {
        var plan = Plan(variables: variables)
        for permissionSet in model.permissionSets.reversed() {
            plan.text += "\n" + permissionSetComment(permissionSet)
            plan.line("", ["destroy_permission_set", plan.word(permissionSet.name)] + Self.assignmentAccounts(permissionSet).map { plan.word($0) })
        }
        for policy in model.serviceControlPolicies.reversed() {
            plan.text += "\n" + policyComment(policy)
            plan.line("", ["destroy_service_control_policy", plan.word(Self.nameJSON(policy))])
        }
        var text = header("organization/destroy.sh", [
            "Deletes what organization/apply.sh creates: each permission set (after removing its",
            "account assignments) and each service control policy (after detaching it from its",
            "targets). Missing pieces are skipped, so it can run again.",
        ] + instanceHelp + inputHelp(plan.allInputs))
        text += ScriptRuntime.prologue(script: "destroy.sh", purpose: "Deletes the service control policies and permission sets of this build.") + "\n"
        text += ScriptRuntime.asyncFunctions + "\n" + ScriptRuntime.organizationLookups + "\n" + ScriptRuntime.organizationDestroy + "\n"
        text += inputSection(plan.allInputs, shellVariables: plan.wordInputs)
        text += organizationStart + plan.text + "\nfinish\n"
        return text
    }

    private var instanceHelp: [String] {
        model.permissionSets.isEmpty ? [] : [
            "", "SSO_INSTANCE_ARN: the ARN of the IAM Identity Center instance (required;",
            "aws sso-admin list-instances prints it).",
        ]
    }
}
