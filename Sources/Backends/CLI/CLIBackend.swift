import RoleGenCore

/// Bash scripts for the AWS CLI: `apply.sh` creates or updates the build's roles and
/// customer managed policies in the account of the current credentials, idempotently, and
/// `destroy.sh` removes them. Documents, descriptions and tags are JSON files next to the
/// scripts; deploy-time inputs are environment variables `ROLEGEN_VAR_<name>`.
///
/// A role or policy whose account the spec names is applied only with credentials for that
/// account, so one build of a multi-account spec is applied once per account.
public struct CLIBackend: Backend {
    public let name = "cli"
    public let summary = "bash apply.sh and destroy.sh for the AWS CLI, idempotent"
    public let rendersDeployInputs = true

    public init() {}

    public func render(_ model: Model) -> [OutputFile] {
        CLIScripts(model).files
    }
}

struct CLIScripts {
    let model: Model
    /// Input name → the shell variable that holds its value.
    let variables: [String: String]

    init(_ model: Model) {
        self.model = model
        var variables: [String: String] = [:]
        var used = Set<String>()
        for input in model.inputs {
            let base = "input_" + String(String.UnicodeScalarView(input.name.unicodeScalars.map { $0 == "-" ? "_" : $0 }))
            var name = base
            var n = 2
            while used.contains(name) {
                name = base + "_" + String(n)
                n += 1
            }
            used.insert(name)
            variables[input.name] = name
        }
        self.variables = variables
    }

    var files: [OutputFile] {
        var files: [OutputFile] = []
        for policy in model.policies {
            let dir = Self.policyDirectory(policy)
            files.append(OutputFile(dir + "document.json", Self.json(CanonicalJSON.value(of: policy.document))))
            var create: [(String, JSONValue)] = [("PolicyName", .string(policy.name)), ("Path", .string(policy.path))]
            if let description = policy.description { create.append(("Description", .of(description))) }
            files.append(OutputFile(dir + "create-policy.json", Self.json(.object(create))))
        }
        for role in model.roles {
            let dir = Self.roleDirectory(role)
            files.append(OutputFile(dir + "trust-policy.json", Self.json(CanonicalJSON.value(of: role.trustPolicy))))
            // The members and their order are those apply.sh's get-role query asks for.
            var settings: [(String, JSONValue)] = [("RoleName", .string(role.name))]
            if let description = role.description { settings.append(("Description", .of(description))) }
            settings.append(("MaxSessionDuration", .integer(role.maxSessionDuration)))
            files.append(OutputFile(dir + "role.json", Self.json(.object(settings))))
            if !role.tags.isEmpty {
                files.append(OutputFile(dir + "tags.json", Self.json(.array(Self.tagsInQueryOrder(role.tags).map {
                    .object([("Key", .string($0.key)), ("Value", .of($0.value))])
                }))))
            }
            for policy in role.inlinePolicies {
                files.append(OutputFile(dir + "inline/\(policy.name).json", Self.json(CanonicalJSON.value(of: policy.document))))
            }
        }
        for (linked, dir) in zip(model.serviceLinkedRoles, serviceLinkedRoleDirectories) {
            var create: [(String, JSONValue)] = [("AWSServiceName", .string(linked.service))]
            if let description = linked.description { create.append(("Description", .of(description))) }
            if let suffix = linked.suffix { create.append(("CustomSuffix", .string(suffix))) }
            files.append(OutputFile(dir + "create.json", Self.json(.object(create))))
            if let description = linked.description {
                files.append(OutputFile(dir + "description.json", Self.json(.object([("Description", .of(description))]))))
            }
        }
        files.append(OutputFile("apply.sh", applyScript, executable: true))
        files.append(OutputFile("destroy.sh", destroyScript, executable: true))
        files += organizationFiles
        return files
    }

    /// `service-linked-roles/<service>[_<suffix>]/`, the account added where a build has the
    /// same role in several accounts; in model order.
    var serviceLinkedRoleDirectories: [String] {
        let bases = model.serviceLinkedRoles.map { $0.service + ($0.suffix.map { "_" + $0 } ?? "") }
        let names = bases.map { base in
            bases.filter { $0.lowercased() == base.lowercased() }.count > 1 ? nil : base
        }
        let unique = zip(names, zip(bases, model.serviceLinkedRoles)).map { name, pair in
            name ?? pair.0 + "@" + (pair.1.account?.shown ?? "any-account")
        }
        return OutputNames.fileNames(for: unique).map { "service-linked-roles/\($0)/" }
    }

    static func policyDirectory(_ policy: CustomerPolicy) -> String { "policies/\(policy.name)/" }
    static func roleDirectory(_ role: Role) -> String { "roles/\(role.name)/" }

    static func json(_ value: JSONValue) -> String { CompactJSON.encode(value) + "\n" }

    /// JMESPath's `sort_by(Tags, &Key)` compares keys by code point.
    static func tagsInQueryOrder(_ tags: [Tag]) -> [Tag] {
        tags.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) { $0.value < $1.value } }
    }

    // MARK: Grouping by account

    /// Roles and policies by the account the spec puts them in; `account` nil for those it
    /// does not (applied in whatever account the credentials belong to). Accounts in order of
    /// first appearance.
    struct Group {
        var account: Text?
        var policies: [CustomerPolicy] = []
        var roles: [Role] = []
        /// With their directories.
        var serviceLinkedRoles: [(role: ServiceLinkedRole, directory: String)] = []

        var isEmpty: Bool { policies.isEmpty && roles.isEmpty && serviceLinkedRoles.isEmpty }
    }

    var groups: [Group] {
        let linked = Array(zip(model.serviceLinkedRoles, serviceLinkedRoleDirectories))
        var unbound = Group(account: nil)
        unbound.policies = model.policies.filter { $0.accounts.isEmpty }
        unbound.roles = model.roles.filter { $0.account == nil }
        unbound.serviceLinkedRoles = linked.filter { $0.0.account == nil }
        var accounts: [Text] = []
        for account in model.roles.compactMap(\.account) + model.policies.flatMap(\.accounts) + model.serviceLinkedRoles.compactMap(\.account)
        where !accounts.contains(account) {
            accounts.append(account)
        }
        let bound = accounts.map { account in
            Group(account: account, policies: model.policies.filter { $0.accounts.contains(account) },
                  roles: model.roles.filter { $0.account == account }, serviceLinkedRoles: linked.filter { $0.0.account == account })
        }
        return (unbound.isEmpty ? [] : [unbound]) + bound
    }

    /// The suffixes of the group's other service-linked roles of the same service: how apply.sh
    /// tells the role without a suffix from those with one.
    static func otherSuffixes(of role: ServiceLinkedRole, in group: Group) -> [String] {
        group.serviceLinkedRoles.map(\.role).filter { $0.service == role.service && $0.suffix != role.suffix }.compactMap(\.suffix)
    }

    // MARK: Scripts

    var specList: String {
        model.sourceFiles.isEmpty ? "no spec files" : model.sourceFiles.joined(separator: ", ")
    }

    func header(_ script: String, _ lines: [String]) -> String {
        var text = "#!/usr/bin/env bash\n"
        text += "# \(script): generated by rolegen \(RoleGenVersion.current) from \(ShellWords.comment(specList)).\n"
        text += "# Do not edit: change the spec and run rolegen build again.\n#\n"
        text += lines.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
        return text
    }

    func inputHelp(_ names: Set<String>) -> [String] {
        let inputs = model.inputs.filter { names.contains($0.name) }
        guard !inputs.isEmpty else { return [] }
        return ["", "Deploy-time inputs (environment variables):"] + inputs.map { input in
            var notes = [input.defaultValue == nil ? "required" : "default " + input.defaultValue!]
            if input.sensitive { notes.append("sensitive") }
            let about = input.description.map { ShellWords.comment($0) + " " } ?? ""
            return "  ROLEGEN_VAR_\(input.name): \(about)(\(notes.joined(separator: ", ")))"
        }
    }

    /// Reads the inputs the plan needs; `shellVariables` those it also uses as words.
    func inputSection(_ names: Set<String>, shellVariables: Set<String>) -> String {
        let inputs = model.inputs.filter { names.contains($0.name) }
        guard !inputs.isEmpty else { return "" }
        var text = "# Deploy-time inputs.\n"
        for input in inputs {
            var call = "read_input \(ShellWords.quote(input.name)) \(ShellWords.quote(input.description ?? "deploy-time input \(input.name)"))"
            if let value = input.defaultValue { call += " " + ShellWords.quote(value) }
            text += call + "\n"
            if shellVariables.contains(input.name) { text += "\(variables[input.name]!)=$REPLY\n" }
        }
        return text + "check_inputs\n\n"
    }

    /// Collects the words of a plan and the inputs they use.
    struct Plan {
        let variables: [String: String]
        var text = ""
        /// Inputs used as shell words.
        var wordInputs = Set<String>()
        /// Inputs used anywhere (words and JSON files).
        var allInputs = Set<String>()

        mutating func word(_ value: Text) -> String {
            wordInputs.formUnion(value.inputNames)
            allInputs.formUnion(value.inputNames)
            return ShellWords.word(value, variables: variables)
        }

        mutating func word(_ value: String) -> String { word(Text(value)) }

        mutating func uses(_ texts: [Text]) {
            for text in texts { allInputs.formUnion(text.inputNames) }
        }

        mutating func line(_ indent: String, _ words: [String]) {
            text += indent + words.joined(separator: " ") + "\n"
        }
    }

    /// `body` writes one group's calls; groups of an account run only with its credentials.
    private func makePlan(_ body: (Group, String, inout Plan) -> Void) -> Plan {
        var plan = Plan(variables: variables)
        let groups = self.groups
        if !groups.contains(where: { $0.account == nil }) && !groups.isEmpty {
            var words = ["check_account"]
            for group in groups { words.append(plan.word(group.account!)) }
            plan.line("", words)
        }
        for group in groups {
            plan.text += "\n"
            if let account = group.account {
                plan.text += "# Account \(ShellWords.comment(account.shown))\n"
                plan.line("", ["if", "in_account", plan.word(account) + ";", "then"])
                body(group, "  ", &plan)
                plan.text += "fi\n"
            } else {
                plan.text += "# Any account\n"
                body(group, "", &plan)
            }
        }
        return plan
    }

    var applyScript: String {
        let plan = makePlan { group, indent, plan in
            for policy in group.policies {
                let dir = Self.policyDirectory(policy)
                plan.text += "\(indent)# Customer managed policy \(policy.name) (\(ShellWords.comment(policy.specFile)))\n"
                plan.uses(Self.strings(policy))
                plan.line(indent, ["managed_policy", plan.word(policy.name), plan.word(policy.path),
                                   plan.word(dir + "document.json"), plan.word(dir + "create-policy.json")])
            }
            for role in group.roles {
                let dir = Self.roleDirectory(role)
                plan.text += "\(indent)# Role \(role.name) (\(ShellWords.comment(role.specFile)))\n"
                plan.uses(Self.strings(role))
                plan.line(indent, ["role", plan.word(role.name), plan.word(role.path), plan.word(dir + "trust-policy.json"),
                                   plan.word(dir + "role.json"), plan.word(role.tags.isEmpty ? "" : dir + "tags.json"),
                                   plan.word(role.permissionsBoundary?.arn ?? "")])
                plan.line(indent, ["inline_policies", plan.word(role.name)] + role.inlinePolicies.flatMap {
                    [plan.word($0.name), plan.word(dir + "inline/\($0.name).json")]
                })
                plan.line(indent, ["managed_policies", plan.word(role.name)] + role.managedPolicies.map { plan.word($0.arn) })
                if let profile = role.instanceProfile {
                    plan.line(indent, ["instance_profile", plan.word(profile.name), plan.word(profile.path), plan.word(role.name)])
                }
            }
            for (linked, dir) in group.serviceLinkedRoles {
                plan.text += "\(indent)# Service-linked role of \(linked.service)\(linked.suffix.map { " with suffix " + ShellWords.comment($0) } ?? "") (\(ShellWords.comment(linked.specFile)))\n"
                plan.uses([linked.description ?? ""])
                plan.line(indent, ["service_linked_role", plan.word(linked.service), plan.word(linked.suffix ?? ""), plan.word(dir + "create.json"),
                                   plan.word(linked.description == nil ? "" : dir + "description.json")]
                          + Self.otherSuffixes(of: linked, in: group).map { plan.word($0) })
            }
        }
        let hasLinkedRoles = !model.serviceLinkedRoles.isEmpty
        var text = header("apply.sh", [
            "Creates or updates, in the account of the current AWS credentials, the roles and",
            "customer managed policies the spec puts in that account (and those it puts in no",
            "account), until IAM matches the spec: trust and inline policies, description,",
            "maximum session duration, permissions boundary, managed policies, tags and instance",
            "profiles. Running it again changes nothing. Documents, descriptions and tags are the",
            "JSON files next to this script.",
        ] + (hasLinkedRoles ? ["It also creates the service-linked roles the spec puts there, and sets their descriptions."] : [])
          + organizationNote + inputHelp(plan.allInputs))
        text += ScriptRuntime.prologue(script: "apply.sh", purpose: "Creates or updates the roles and policies of this build in the current account.") + "\n"
        text += ScriptRuntime.applyFunctions + "\n"
        if hasLinkedRoles {
            text += ScriptRuntime.serviceLinkedRoleLookup + "\n" + ScriptRuntime.serviceLinkedRoleApply + "\n"
        }
        text += inputSection(plan.allInputs, shellVariables: plan.wordInputs)
        text += "find_account\n" + plan.text + "\nfinish\n"
        return text
    }

    var destroyScript: String {
        let hasLinkedRoles = !model.serviceLinkedRoles.isEmpty
        let plan = makePlan { group, indent, plan in
            for (linked, _) in group.serviceLinkedRoles.reversed() {
                plan.text += "\(indent)# Service-linked role of \(linked.service)\(linked.suffix.map { " with suffix " + ShellWords.comment($0) } ?? "") (\(ShellWords.comment(linked.specFile)))\n"
                plan.line(indent, ["destroy_service_linked_role", plan.word(linked.service), plan.word(linked.suffix ?? "")]
                          + Self.otherSuffixes(of: linked, in: group).map { plan.word($0) })
            }
            for role in group.roles.reversed() {
                plan.text += "\(indent)# Role \(role.name) (\(ShellWords.comment(role.specFile)))\n"
                if let profile = role.instanceProfile {
                    plan.line(indent, ["destroy_instance_profile", plan.word(profile.name)])
                }
                plan.line(indent, ["destroy_role", plan.word(role.name)])
            }
            for policy in group.policies.reversed() {
                plan.text += "\(indent)# Customer managed policy \(policy.name) (\(ShellWords.comment(policy.specFile)))\n"
                plan.line(indent, ["destroy_managed_policy", plan.word(policy.name), plan.word(policy.path)])
            }
        }
        var text = header("destroy.sh", [
            "Deletes, in the account of the current AWS credentials, what apply.sh creates there:",
            "each role (after taking it out of its instance profiles, detaching its managed",
            "policies and deleting its inline policies), its instance profile, and each customer",
            "managed policy with all its versions. Missing pieces are skipped, so it can run again.",
        ] + (hasLinkedRoles ? ["Service-linked roles are deleted first, once no resource of their service uses them."] : [])
          + organizationNote + inputHelp(plan.allInputs))
        text += ScriptRuntime.prologue(script: "destroy.sh", purpose: "Deletes the roles and policies of this build from the current account.") + "\n"
        text += ScriptRuntime.destroyFunctions + "\n"
        if hasLinkedRoles {
            text += ScriptRuntime.asyncFunctions + "\n" + ScriptRuntime.serviceLinkedRoleLookup + "\n" + ScriptRuntime.serviceLinkedRoleDestroy + "\n"
        }
        text += inputSection(plan.allInputs, shellVariables: plan.wordInputs)
        text += "find_account\n" + plan.text + "\nfinish\n"
        return text
    }

    /// Every string of a role or policy that may hold an input and ends up in a JSON file.
    private static func strings(_ role: Role) -> [Text] {
        var strings = [role.description ?? ""] + role.tags.map(\.value) + documentStrings(role.trustPolicy)
        for policy in role.inlinePolicies { strings += documentStrings(policy.document) }
        return strings
    }

    private static func strings(_ policy: CustomerPolicy) -> [Text] {
        [policy.description ?? ""] + documentStrings(policy.document)
    }

    static func documentStrings(_ document: ModelDocument) -> [Text] {
        var strings: [Text] = []
        _ = document.map { strings.append($0); return $0 }
        return strings
    }
}
