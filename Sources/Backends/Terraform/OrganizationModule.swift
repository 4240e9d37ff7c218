import RoleGenCore

/// The organization's service control policies and IAM Identity Center permission sets: a
/// module of their own, in the folder `organization/`. They belong to the organization's
/// management account (or a delegated administrator), not to the accounts the roles live in,
/// so they are applied with other credentials than any role module.
///
/// The Identity Center instance is a deploy-time value: the module variable `sso_instance_arn`,
/// declared only when there are permission sets. The root's id is looked up with the
/// `aws_organizations_organization` data source, only when a policy is attached to the root.
struct OrganizationModule {
    static let directoryName = "organization"
    static let instanceVariable = "sso_instance_arn"
    static let rootID = "data.aws_organizations_organization.current.roots[0].id"

    let controlPolicies: [ServiceControlPolicy]
    let permissionSets: [PermissionSet]
    let sourceFiles: [String]
    /// Input name → module variable name, for the inputs this module uses.
    let variables: [String: String]
    let inputs: [DeployInput]
    let controlPolicyAddresses: [String: String]
    let permissionSetAddresses: [String: String]
    /// The spec's customer policies, to tell which account modules create those a permission set names.
    let customerPolicies: [CustomerPolicy]
    let lint: LintReport?
    private let hcl: ModelHCL

    /// nil when the model has no service control policies and no permission sets.
    init?(_ model: Model) {
        guard !model.serviceControlPolicies.isEmpty || !model.permissionSets.isEmpty else { return nil }
        controlPolicies = model.serviceControlPolicies
        permissionSets = model.permissionSets
        sourceFiles = model.sourceFiles
        var part = Model(roles: [], policies: [], sourceFiles: [])
        part.serviceControlPolicies = controlPolicies
        part.permissionSets = permissionSets
        let used = part.inputNamesUsed
        inputs = model.inputs.filter { used.contains($0.name) }
        variables = TerraformNames.variableNames(for: inputs.map(\.name), alsoReserved: [Self.instanceVariable])
        controlPolicyAddresses = TerraformNames.addresses(for: controlPolicies.map(\.name))
        permissionSetAddresses = TerraformNames.addresses(for: permissionSets.map(\.name))
        customerPolicies = model.policies
        lint = model.lint
        hcl = ModelHCL(variables: variables)
    }

    var attachesToRoot: Bool { controlPolicies.contains { $0.targets.contains(.root) } }

    func files() -> [OutputFile] {
        var files = [
            OutputFile("versions.tf", TerraformModule.versionsFile(header: header)),
            OutputFile("variables.tf", variablesFile()),
        ]
        if attachesToRoot { files.append(OutputFile("organization.tf", organizationFile())) }
        for policy in controlPolicies {
            files.append(OutputFile(Self.fileName(controlPolicy: policy.name), controlPolicyFile(policy)))
        }
        for permissionSet in permissionSets {
            files.append(OutputFile(Self.fileName(permissionSet: permissionSet.name), permissionSetFile(permissionSet)))
        }
        files.append(OutputFile("outputs.tf", outputsFile()))
        files.append(OutputFile("README.md", OrganizationReadme(module: self).text()))
        return files
    }

    static func fileName(controlPolicy name: String) -> String { "scp-\(name).tf" }
    static func fileName(permissionSet name: String) -> String { "permission-set-\(name).tf" }

    private var header: String { TerraformModule.header(from: sourceFiles) }

    // MARK: Files

    private func variablesFile() -> String {
        var blocks: [HCLBodyItem] = [
            .block("variable", labels: ["tags"], [
                .attribute("description", .string("Tags for every service control policy and permission set of this module. Their own tags from the spec win over these.")),
                .attribute("type", .reference("map(string)")),
                .attribute("default", .object([])),
            ]),
        ]
        if !permissionSets.isEmpty {
            let variable = "var." + Self.instanceVariable
            blocks.append(.block("variable", labels: [Self.instanceVariable], [
                .attribute("description", .string("ARN of the IAM Identity Center instance of the permission sets (aws sso-admin list-instances).")),
                .attribute("type", .reference("string")),
                .blankLine,
                .block("validation", labels: [], [
                    .attribute("condition", .call("can", [.call("regex", [.string(Self.instanceARNPattern), .reference(variable)])])),
                    .attribute("error_message", .string("sso_instance_arn must be an IAM Identity Center instance ARN, such as arn:aws:sso:::instance/ssoins-0123456789abcdef.")),
                ]),
            ]))
        }
        for input in inputs {
            var body: [HCLBodyItem] = []
            if let description = input.description { body.append(.attribute("description", .string(description))) }
            body.append(.attribute("type", .reference("string")))
            if let value = input.defaultValue { body.append(.attribute("default", .string(value))) }
            if input.sensitive { body.append(.attribute("sensitive", .reference("true"))) }
            blocks.append(.block("variable", labels: [variables[input.name]!], body))
        }
        return HCL.file(header: [header], blocks)
    }

    /// sso-admin's `InstanceArn` pattern (botocore), anchored.
    static let instanceARNPattern = "^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9.-]{16}$"

    private func organizationFile() -> String {
        HCL.file(header: [header, "The organization's root id, for the service control policies attached to the root."], [
            .block("data", labels: ["aws_organizations_organization", "current"], []),
        ])
    }

    private func controlPolicyFile(_ policy: ServiceControlPolicy) -> String {
        let address = controlPolicyAddresses[policy.name]!
        var body: [HCLBodyItem] = [.attribute("name", .string(policy.name))]
        if let description = policy.description { body.append(.attribute("description", hcl.expression(description))) }
        body += [
            .attribute("type", .string("SERVICE_CONTROL_POLICY")),
            .blankLine,
            .attribute("content", content(policy.document)),
            .blankLine,
            .attribute("tags", hcl.tags(policy.tags)),
        ]
        var blocks: [HCLBodyItem] = [.block("resource", labels: ["aws_organizations_policy", address], body)]
        if !policy.targets.isEmpty {
            blocks.append(.block("resource", labels: ["aws_organizations_policy_attachment", address], [
                .attribute("for_each", .object(policy.targets.map { target in
                    switch target {
                    case .root: return HCLObjectItem("root", .reference(Self.rootID))
                    case .id(let id): return HCLObjectItem(key: ModelHCL.key(id), hcl.expression(id))
                    }
                })),
                .blankLine,
                .attribute("policy_id", .reference("aws_organizations_policy.\(address).id")),
                .attribute("target_id", .reference("each.value")),
            ]))
        }
        return HCL.file(header: [TerraformModule.header(from: [policy.specFile])], blocks)
    }

    /// `jsonencode(…)`, which reviews best. jsonencode writes `<`, `>` and `&` as six-character
    /// escapes, and AWS Organizations counts every character it is sent against 5,120, so a
    /// document holding them is written as the compact JSON rolegen measured, as a string.
    /// (With deploy-time inputs the document stays in jsonencode, which escapes their values.)
    func content(_ document: ModelDocument) -> HCLExpression {
        var hasInputs = false, hasEscapedCharacters = false
        _ = document.map { (text: Text) -> Text in
            hasInputs = hasInputs || text.hasInputs
            hasEscapedCharacters = hasEscapedCharacters || text.shown.contains { $0 == "<" || $0 == ">" || $0 == "&" }
            return text
        }
        if hasEscapedCharacters && !hasInputs { return .string(CanonicalJSON.encode(document, pretty: false)) }
        return .call("jsonencode", [hcl.document(document)])
    }

    private func permissionSetFile(_ permissionSet: PermissionSet) -> String {
        let address = permissionSetAddresses[permissionSet.name]!
        let instance = HCLExpression.reference("var." + Self.instanceVariable)
        let setARN = HCLExpression.reference("aws_ssoadmin_permission_set.\(address).arn")
        var body: [HCLBodyItem] = [.attribute("name", .string(permissionSet.name))]
        if let description = permissionSet.description { body.append(.attribute("description", hcl.expression(description))) }
        body += [
            .attribute("instance_arn", instance),
            .attribute("session_duration", hcl.expression(permissionSet.sessionDuration)),
        ]
        if let relayState = permissionSet.relayState { body.append(.attribute("relay_state", hcl.expression(relayState))) }
        body += [.blankLine, .attribute("tags", hcl.tags(permissionSet.tags))]
        var blocks: [HCLBodyItem] = [.block("resource", labels: ["aws_ssoadmin_permission_set", address], body)]
        let target: [HCLBodyItem] = [.attribute("instance_arn", instance), .attribute("permission_set_arn", setARN)]
        // What the assignments must wait for: provisioning copies the policies into each account.
        var policyResources: [String] = []

        if !permissionSet.managedPolicies.isEmpty {
            blocks.append(.block("resource", labels: ["aws_ssoadmin_managed_policy_attachment", address], [
                .attribute("for_each", .object(permissionSet.managedPolicies.map { reference in
                    HCLObjectItem(key: ModelHCL.key(Self.managedPolicyKey(reference.arn.shown)), hcl.expression(reference.arn))
                })),
                .blankLine,
            ] + target + [.attribute("managed_policy_arn", .reference("each.value"))]))
            policyResources.append("aws_ssoadmin_managed_policy_attachment.\(address)")
        }
        if !permissionSet.customerManagedPolicies.isEmpty {
            blocks.append(.block("resource", labels: ["aws_ssoadmin_customer_managed_policy_attachment", address], [
                .attribute("for_each", .object(permissionSet.customerManagedPolicies.map { policy in
                    HCLObjectItem(key: ModelHCL.key(policy.path + policy.name), .object([
                        HCLObjectItem("name", hcl.expression(policy.name)),
                        HCLObjectItem("path", hcl.expression(policy.path)),
                    ]))
                })),
                .blankLine,
            ] + target + [
                .blankLine,
                .block("customer_managed_policy_reference", labels: [], [
                    .attribute("name", .reference("each.value.name")),
                    .attribute("path", .reference("each.value.path")),
                ]),
            ]))
            policyResources.append("aws_ssoadmin_customer_managed_policy_attachment.\(address)")
        }
        if let inline = permissionSet.inlinePolicy {
            blocks.append(.block("resource", labels: ["aws_ssoadmin_permission_set_inline_policy", address], target + [
                .blankLine,
                .attribute("inline_policy", .call("jsonencode", [hcl.document(inline)])),
            ]))
            policyResources.append("aws_ssoadmin_permission_set_inline_policy.\(address)")
        }
        if let boundary = permissionSet.permissionsBoundary {
            let reference: HCLBodyItem
            switch boundary {
            case .awsManaged(let arn):
                reference = .attribute("managed_policy_arn", hcl.expression(arn))
            case .customer(let policy):
                reference = .block("customer_managed_policy_reference", labels: [], [
                    .attribute("name", hcl.expression(policy.name)),
                    .attribute("path", hcl.expression(policy.path)),
                ])
            }
            blocks.append(.block("resource", labels: ["aws_ssoadmin_permissions_boundary_attachment", address], target + [
                .blankLine,
                .block("permissions_boundary", labels: [], [reference]),
            ]))
            policyResources.append("aws_ssoadmin_permissions_boundary_attachment.\(address)")
        }
        if !permissionSet.assignments.isEmpty {
            var body: [HCLBodyItem] = [
                .attribute("for_each", .object(permissionSet.assignments.map { assignment in
                    HCLObjectItem(key: ModelHCL.key(Self.assignmentKey(assignment)), .object([
                        HCLObjectItem("principal_type", .string(assignment.principalType.rawValue)),
                        HCLObjectItem("principal_id", hcl.expression(assignment.principalID)),
                        HCLObjectItem("account", hcl.expression(assignment.account)),
                    ]))
                })),
                .blankLine,
            ] + target + [
                .attribute("principal_type", .reference("each.value.principal_type")),
                .attribute("principal_id", .reference("each.value.principal_id")),
                .attribute("target_type", .string("AWS_ACCOUNT")),
                .attribute("target_id", .reference("each.value.account")),
            ]
            if !policyResources.isEmpty {
                body += [.blankLine, .attribute("depends_on", .list(policyResources.map(HCLExpression.reference)))]
            }
            blocks.append(.block("resource", labels: ["aws_ssoadmin_account_assignment", address], body))
        }
        return HCL.file(header: [TerraformModule.header(from: [permissionSet.specFile])], blocks)
    }

    /// `job-function/ViewOnlyAccess` for `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`.
    static func managedPolicyKey(_ arn: String) -> String {
        guard let range = arn.range(of: ":policy/") else { return arn }
        return String(arn[range.upperBound...])
    }

    /// `GROUP/<id>/<account>`: unique per assignment, and known at plan time.
    static func assignmentKey(_ assignment: PermissionSet.Assignment) -> String {
        "\(assignment.principalType.rawValue)/\(assignment.principalID)/\(assignment.account)"
    }

    private func outputsFile() -> String {
        func output(_ name: String, _ description: String, _ value: HCLExpression) -> HCLBodyItem {
            .block("output", labels: [name], [.attribute("description", .string(description)), .attribute("value", value)])
        }
        return HCL.file(header: [header], [
            output("service_control_policy_ids", "Id of each service control policy, by policy name.", .object(controlPolicies.map {
                HCLObjectItem(key: .template([.literal($0.name)]), .reference("aws_organizations_policy.\(controlPolicyAddresses[$0.name]!).id"))
            })),
            output("permission_set_arns", "ARN of each permission set, by permission set name.", .object(permissionSets.map {
                HCLObjectItem(key: .template([.literal($0.name)]), .reference("aws_ssoadmin_permission_set.\(permissionSetAddresses[$0.name]!).arn"))
            })),
        ])
    }
}
