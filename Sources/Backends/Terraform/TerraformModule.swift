import EffectiveAccess
import RoleGenCore

/// The roles, service-linked roles and customer policies that one Terraform module manages:
/// those of one account.
struct ModuleContents {
    /// The account the module applies to (a 12-digit id, or a string with a deploy-time input);
    /// nil for roles that name no account and policies no role with an account attaches.
    var account: Text?
    var roles: [Role] = []
    var serviceLinkedRoles: [ServiceLinkedRole] = []
    var policies: [CustomerPolicy] = []

    /// Splits the model by account, in the order accounts first appear (roles, service-linked
    /// roles, then policies). A customer policy goes to every account whose roles attach it or
    /// whose permission set assignments use it (`CustomerPolicy.accounts`).
    static func split(_ model: Model) -> [ModuleContents] {
        var modules: [ModuleContents] = []
        func index(_ account: Text?) -> Int {
            if let found = modules.firstIndex(where: { $0.account == account }) { return found }
            modules.append(ModuleContents(account: account))
            return modules.count - 1
        }
        for role in model.roles { modules[index(role.account)].roles.append(role) }
        for role in model.serviceLinkedRoles { modules[index(role.account)].serviceLinkedRoles.append(role) }
        for policy in model.policies {
            for account in policy.accounts.isEmpty ? [nil] : policy.accounts.map(Optional.some) {
                modules[index(account)].policies.append(policy)
            }
        }
        return modules
    }

    /// The folder of this module when a build has several: the account id, `any-account`, or
    /// for an account given by deploy-time inputs `account-` and the inputs' names.
    var directoryName: String {
        guard let account else { return "any-account" }
        if let literal = account.literal { return literal }
        return "account-" + account.parts.map {
            switch $0 {
            case .literal(let text): return String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            case .input(let name): return name
            }
        }.joined()
    }
}

/// Writes one module: versions.tf, variables.tf, account.tf, one file per customer policy and
/// per role, service-linked-roles.tf, outputs.tf and README.md.
struct TerraformModule {
    let contents: ModuleContents
    let sourceFiles: [String]
    /// Input name → module variable name, for the inputs this module uses.
    let variables: [String: String]
    let inputs: [DeployInput]
    let roleAddresses: [String: String]
    let policyAddresses: [String: String]
    /// By `ServiceLinkedRole.key`.
    let linkedRoleAddresses: [String: String]
    /// Every permission set of the build, for the README of the policies they name.
    let permissionSets: [PermissionSet]
    let lint: LintReport?
    /// What boundaries and SCPs take away from the roles they apply to, for the README.
    let limits: [String: RoleLimits]
    private let hcl: ModelHCL

    static let requiredTerraform = ">= 1.5.0"
    /// Tested with hashicorp/aws 5.100.0; every argument used exists throughout 5.x.
    static let awsProviderConstraint = "~> 5.0"

    init(_ contents: ModuleContents, model: Model, limits: [String: RoleLimits]) {
        self.contents = contents
        self.sourceFiles = model.sourceFiles
        var part = Model(roles: contents.roles, policies: contents.policies, inputs: [], sourceFiles: [])
        part.serviceLinkedRoles = contents.serviceLinkedRoles
        var used = part.inputNamesUsed
        if let account = contents.account { used.formUnion(account.inputNames) }
        self.inputs = model.inputs.filter { used.contains($0.name) }
        self.variables = TerraformNames.variableNames(for: inputs.map(\.name))
        self.roleAddresses = TerraformNames.addresses(for: contents.roles.map(\.name))
        self.policyAddresses = TerraformNames.addresses(for: contents.policies.map(\.name))
        self.linkedRoleAddresses = TerraformNames.linkedRoleAddresses(for: contents.serviceLinkedRoles)
        self.permissionSets = model.permissionSets
        self.lint = model.lint
        self.limits = limits
        self.hcl = ModelHCL(variables: variables)
    }

    func files() -> [OutputFile] {
        var files = [
            OutputFile("versions.tf", versionsFile()),
            OutputFile("variables.tf", variablesFile()),
        ]
        if contents.account != nil { files.append(OutputFile("account.tf", accountFile())) }
        for policy in contents.policies {
            files.append(OutputFile(Self.fileName(policy: policy.name), policyFile(policy)))
        }
        for role in contents.roles {
            files.append(OutputFile(Self.fileName(role: role.name), roleFile(role)))
        }
        if !contents.serviceLinkedRoles.isEmpty {
            files.append(OutputFile(Self.linkedRolesFileName, linkedRolesFile()))
        }
        files.append(OutputFile("outputs.tf", outputsFile()))
        files.append(OutputFile("README.md", ModuleReadme(module: self).text()))
        return files
    }

    static func fileName(role: String) -> String { "role-\(role).tf" }
    static func fileName(policy: String) -> String { "policy-\(policy).tf" }
    static let linkedRolesFileName = "service-linked-roles.tf"

    private var generatedHeader: String { Self.header(from: sourceFiles) }

    /// The comment that opens every file; README.md lists the spec files of long builds.
    static func header(from files: [String]) -> String {
        let source = files.count <= 3 ? files.joined(separator: ", ") : "\(files.count) spec files (see README.md)"
        return "Generated by rolegen from \(source). Change the spec and rebuild; do not edit."
    }

    // MARK: Strings

    func expression(_ text: Text) -> HCLExpression { hcl.expression(text) }
    func expression(_ text: String) -> HCLExpression { hcl.expression(text) }
    func templateParts(_ text: Text) -> [HCLTemplatePart] { hcl.templateParts(text) }
    func document(_ document: ModelDocument) -> HCLExpression { hcl.document(document) }
    private func tags(_ tags: [Tag]) -> HCLExpression { hcl.tags(tags) }

    // MARK: Files

    private func versionsFile() -> String { Self.versionsFile(header: generatedHeader) }

    static func versionsFile(header: String) -> String {
        HCL.file(header: [header], [
            .block("terraform", labels: [], [
                .attribute("required_version", .string(Self.requiredTerraform)),
                .blankLine,
                .block("required_providers", labels: [], [
                    .attribute("aws", .object([
                        HCLObjectItem("source", .string("hashicorp/aws")),
                        HCLObjectItem("version", .string(Self.awsProviderConstraint)),
                    ])),
                ]),
            ]),
        ])
    }

    private func variablesFile() -> String {
        var blocks: [HCLBodyItem] = [
            .block("variable", labels: ["tags"], [
                .attribute("description", .string("Tags for every role, customer policy and instance profile of this module. A role's own tags from the spec win over these.")),
                .attribute("type", .reference("map(string)")),
                .attribute("default", .object([])),
            ]),
        ]
        for input in inputs {
            var body: [HCLBodyItem] = []
            if let description = input.description { body.append(.attribute("description", .string(description))) }
            body.append(.attribute("type", .reference("string")))
            if let value = input.defaultValue { body.append(.attribute("default", .string(value))) }
            if input.sensitive { body.append(.attribute("sensitive", .reference("true"))) }
            blocks.append(.block("variable", labels: [variables[input.name]!], body))
        }
        return HCL.file(header: [generatedHeader], blocks)
    }

    /// A guard against applying the module with credentials for another account. A `check`
    /// only warns, so the README also recommends `allowed_account_ids` on the provider.
    private func accountFile() -> String {
        let account = contents.account!
        let accountParts = templateParts(account)
        let caller = "data.aws_caller_identity.current.account_id"
        let condition: String
        if accountParts.count == 1, case .interpolation(let reference) = accountParts[0] {
            condition = "\(caller) == \(reference)"
        } else {
            condition = "\(caller) == \(HCL.quoted(accountParts))"
        }
        let message: [HCLTemplatePart] = [.literal("The roles of this module belong in account ")] + accountParts
            + [.literal(", but the AWS provider is signed in to account "), .interpolation(caller), .literal(".")]
        return HCL.file(header: [
            generatedHeader,
            "Every role here belongs in one account: warn when the provider's credentials are for another.",
        ], [
            .block("check", labels: ["account"], [
                .block("data", labels: ["aws_caller_identity", "current"], []),
                .blankLine,
                .block("assert", labels: [], [
                    .attribute("condition", .reference(condition)),
                    .attribute("error_message", .template(message)),
                ]),
            ]),
        ])
    }

    private func policyFile(_ policy: CustomerPolicy) -> String {
        var body: [HCLBodyItem] = [
            .attribute("name", .string(policy.name)),
            .attribute("path", expression(policy.path)),
        ]
        if let description = policy.description { body.append(.attribute("description", expression(description))) }
        body += [
            .blankLine,
            .attribute("policy", .call("jsonencode", [document(policy.document)])),
            .blankLine,
            .attribute("tags", .reference("var.tags")),
        ]
        return HCL.file(header: [generatedHeader], [.block("resource", labels: ["aws_iam_policy", policyAddresses[policy.name]!], body)])
    }

    private func roleFile(_ role: Role) -> String {
        let address = roleAddresses[role.name]!
        let roleName = HCLExpression.reference("aws_iam_role.\(address).name")
        var body: [HCLBodyItem] = [
            .attribute("name", .string(role.name)),
            .attribute("path", expression(role.path)),
        ]
        if let description = role.description { body.append(.attribute("description", expression(description))) }
        body.append(.attribute("max_session_duration", .reference(String(role.maxSessionDuration))))
        if let boundary = role.permissionsBoundary { body.append(.attribute("permissions_boundary", arn(of: boundary))) }
        body += [
            .blankLine,
            .attribute("assume_role_policy", .call("jsonencode", [document(role.trustPolicy)])),
            .blankLine,
            .attribute("tags", tags(role.tags)),
        ]
        var blocks: [HCLBodyItem] = [.block("resource", labels: ["aws_iam_role", address], body)]

        if !role.inlinePolicies.isEmpty {
            blocks.append(.block("resource", labels: ["aws_iam_role_policy", address], [
                .attribute("for_each", .object(role.inlinePolicies.map {
                    HCLObjectItem(key: .template([.literal($0.name)]), .call("jsonencode", [document($0.document)]))
                })),
                .blankLine,
                .attribute("name", .reference("each.key")),
                .attribute("role", roleName),
                .attribute("policy", .reference("each.value")),
            ]))
        }
        if !role.managedPolicies.isEmpty {
            blocks.append(.block("resource", labels: ["aws_iam_role_policy_attachment", address], [
                .attribute("for_each", .object(attachmentKeys(role.managedPolicies).map { key, reference in
                    HCLObjectItem(key: .template([.literal(key)]), arn(of: reference))
                })),
                .blankLine,
                .attribute("role", roleName),
                .attribute("policy_arn", .reference("each.value")),
            ]))
        }
        if let profile = role.instanceProfile {
            blocks.append(.block("resource", labels: ["aws_iam_instance_profile", address], [
                .attribute("name", .string(profile.name)),
                .attribute("path", expression(profile.path)),
                .attribute("role", roleName),
                .attribute("tags", .reference("var.tags")),
            ]))
        }
        return HCL.file(header: [Self.header(from: [role.specFile])], blocks)
    }

    /// A managed policy's ARN: from the `aws_iam_policy` resource for a policy of this module
    /// (so it is right in whatever account the module is applied to), else as resolved.
    func arn(of reference: PolicyReference) -> HCLExpression {
        if case .customer(let name) = reference.kind, let address = policyAddresses[name] {
            return .reference("aws_iam_policy.\(address).arn")
        }
        return expression(reference.arn)
    }

    /// `for_each` keys of a role's attachments, known at plan time even when the ARN is not:
    /// the spec policy's name, an AWS managed policy's `path/Name`, or an ARN as written
    /// (inputs shown as `${name}`). The three kinds cannot collide: names hold no `/` or `:`.
    func attachmentKeys(_ references: [PolicyReference]) -> [(String, PolicyReference)] {
        var seen: Set<String> = []
        return references.map { reference in
            var key: String
            switch reference.kind {
            case .customer(let name): key = name
            case .awsManaged(let path, let name): key = String(path.dropFirst()) + name
            case .arn: key = reference.arn.shown
            }
            let base = key
            var counter = 2
            while !seen.insert(key).inserted {
                key = "\(base) (\(counter))"
                counter += 1
            }
            return (key, reference)
        }
    }

    /// AWS names each service-linked role and fixes its trust and permissions; the spec chooses
    /// the service, the suffix and the description. They take no tags: CloudFormation cannot
    /// tag them either, and the other targets should create the same role.
    private func linkedRolesFile() -> String {
        HCL.file(header: [generatedHeader], contents.serviceLinkedRoles.map { role in
            var body: [HCLBodyItem] = [.attribute("aws_service_name", expression(role.service))]
            if let suffix = role.suffix { body.append(.attribute("custom_suffix", expression(suffix))) }
            if let description = role.description { body.append(.attribute("description", expression(description))) }
            return .block("resource", labels: ["aws_iam_service_linked_role", linkedRoleAddresses[role.key]!], body)
        })
    }

    private func outputsFile() -> String {
        func map(_ items: [(String, String)]) -> HCLExpression {
            .object(items.map { HCLObjectItem(key: .template([.literal($0.0)]), .reference($0.1)) })
        }
        let roles = contents.roles.map { ($0.name, roleAddresses[$0.name]!) }
        let profiles = contents.roles.filter { $0.instanceProfile != nil }.map { ($0.name, roleAddresses[$0.name]!) }
        let policies = contents.policies.map { ($0.name, policyAddresses[$0.name]!) }
        func output(_ name: String, _ description: String, _ value: HCLExpression) -> HCLBodyItem {
            .block("output", labels: [name], [.attribute("description", .string(description)), .attribute("value", value)])
        }
        return HCL.file(header: [generatedHeader], [
            output("role_arns", "ARN of each role, by role name.", map(roles.map { ($0.0, "aws_iam_role.\($0.1).arn") })),
            output("role_names", "Name of each role, in the order of the spec.", .list(roles.map { .reference("aws_iam_role.\($0.1).name") })),
            output("instance_profile_names", "Name of each instance profile, by role name.",
                   map(profiles.map { ($0.0, "aws_iam_instance_profile.\($0.1).name") })),
            output("policy_arns", "ARN of each customer managed policy, by policy name.", map(policies.map { ($0.0, "aws_iam_policy.\($0.1).arn") })),
        ] + linkedRoleOutputs(output))
    }

    /// Only in modules with service-linked roles, so other modules stay as they were.
    private func linkedRoleOutputs(_ output: (String, String, HCLExpression) -> HCLBodyItem) -> [HCLBodyItem] {
        guard !contents.serviceLinkedRoles.isEmpty else { return [] }
        func map(_ attribute: String) -> HCLExpression {
            .object(contents.serviceLinkedRoles.map {
                HCLObjectItem(key: ModelHCL.key($0.key),
                              .reference("aws_iam_service_linked_role.\(linkedRoleAddresses[$0.key]!).\(attribute)"))
            })
        }
        return [
            output("service_linked_role_names", "Name AWS gave each service-linked role, by service (and /suffix).", map("name")),
            output("service_linked_role_arns", "ARN of each service-linked role, by service (and /suffix).", map("arn")),
        ]
    }
}
