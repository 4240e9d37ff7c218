import AWSCatalog
/// Turns decoded spec files into the `Model`: expands variables, applies defaults, resolves
/// account names and policy references, builds trust policies and checks AWS's limits.
/// Pure: documents named by `document_file:` arrive already read, keyed by path.
public enum Resolver {
    public static func resolve(
        _ files: [SpecFile], documents: [String: Node], commandLineVariables: [String: String] = [:]
    ) -> (Model?, [Diagnostic]) {
        var resolver = ResolverState(files: files, documents: documents, commandLineVariables: commandLineVariables)
        let model = resolver.run()
        return (resolver.diagnostics.hasErrors ? nil : model, resolver.diagnostics)
    }

    /// Where a `document_file:` path written in `specPath` points.
    public static func documentPath(_ written: String, relativeTo specPath: String) -> String {
        if written.hasPrefix("/") { return written }
        guard let slash = specPath.lastIndex(of: "/") else { return written }
        return String(specPath[...slash]) + written
    }

    static let defaultPartition = "aws"
    static let partitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]
    static let defaultSessionDuration = 3600
}

struct ResolverState {
    let files: [SpecFile]
    let documents: [String: Node]
    let commandLineVariables: [String: String]
    var diagnostics: [Diagnostic] = []
    /// Errors so far; a part is dropped only when it added errors, never for warnings.
    var errorCount: Int { mutating get { errorCounter.count(in: diagnostics) } }
    private var errorCounter = ErrorCounter()

    /// Account name → id, across all files.
    var accounts: [String: Located<Text>] = [:]
    /// Accounts whose definition was already reported as wrong; uses stay quiet.
    var brokenAccounts: Set<String> = []
    /// Lower-cased expanded policy name → policy, across all files.
    var customerPolicies: [String: CustomerPolicy] = [:]
    /// Deploy-time inputs by name, across all files (a `--var` turns an input into a value).
    var inputs: [String: (input: DeployInput, range: SourceRange)] = [:]

    // The file being resolved.
    var file: SpecFile!
    var variables: [String: VariableSpec] = [:]
    var expandedVariables: [String: Text?] = [:]
    var expanding: Set<String> = []
    var partition = Resolver.defaultPartition
    /// Each file's partition, resolved (and any problem reported) on first entry.
    var partitionByFile: [String: String] = [:]

    init(files: [SpecFile], documents: [String: Node], commandLineVariables: [String: String]) {
        self.files = files
        self.documents = documents
        self.commandLineVariables = commandLineVariables
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange?, notes: [Diagnostic.Note] = [], fixIt: String? = nil) {
        diagnostics.append(.error(code, message, at: range, notes: notes, fixIt: fixIt))
    }

    mutating func run() -> Model {
        collectGlobalNames()
        // Policies first, each in its own file's scope, so roles in any file can refer to
        // them by their expanded names.
        var policies: [CustomerPolicy] = []
        for spec in files {
            enter(spec)
            for policySpec in spec.policies {
                guard let policy = customerPolicy(policySpec) else { continue }
                if let first = customerPolicies[policy.name.lowercased()] {
                    error(.duplicateName, "policy name '\(policy.name)' is already used (names are unique ignoring case)",
                          at: policySpec.name.range, notes: [.init("first defined here", at: first.range)])
                    continue
                }
                customerPolicies[policy.name.lowercased()] = policy
                policies.append(policy)
            }
        }
        var roles: [Role] = []
        var roleNames: [String: SourceRange] = [:]
        var profileNames: [String: SourceRange] = [:]
        for spec in files {
            enter(spec)
            for roleSpec in spec.roles {
                guard let role = role(roleSpec) else { continue }
                if let first = roleNames[role.name.lowercased()] {
                    error(.duplicateName, "role name '\(role.name)' is already used (IAM role names are unique ignoring case)",
                          at: roleSpec.name.range, notes: [.init("first defined here", at: first)])
                    continue
                }
                roleNames[role.name.lowercased()] = roleSpec.name.range
                if let profile = role.instanceProfile {
                    if let first = profileNames[profile.name.lowercased()] {
                        error(.duplicateName, "instance profile name '\(profile.name)' is already used", at: roleSpec.range,
                              notes: [.init("first defined here", at: first)])
                    }
                    profileNames[profile.name.lowercased()] = roleSpec.range
                }
                roles.append(role)
            }
        }
        var linkedRoles: [ServiceLinkedRole] = []
        var controlPolicies: [ServiceControlPolicy] = []
        var permissionSets: [PermissionSet] = []
        var linkedRoleKeys: [String: SourceRange] = [:]
        var controlPolicyNames: [String: SourceRange] = [:]
        var permissionSetNames: [String: SourceRange] = [:]
        for spec in files {
            enter(spec)
            for linkedSpec in spec.serviceLinkedRoles {
                guard let linked = serviceLinkedRole(linkedSpec) else { continue }
                let key = [linked.account?.shown ?? "", linked.service, linked.suffix ?? ""].joined(separator: " ").lowercased()
                if let first = linkedRoleKeys[key] {
                    error(.duplicateName, "service-linked role for \(linked.service)\(linked.suffix.map { " with suffix " + $0 } ?? "") is already defined",
                          at: linkedSpec.range, notes: [.init("first defined here", at: first)])
                    continue
                }
                linkedRoleKeys[key] = linkedSpec.range
                linkedRoles.append(linked)
            }
            for policySpec in spec.serviceControlPolicies {
                guard let policy = serviceControlPolicy(policySpec) else { continue }
                if let first = controlPolicyNames[policy.name] {
                    error(.duplicateName, "service control policy name '\(policy.name)' is already used", at: policySpec.name.range,
                          notes: [.init("first defined here", at: first)])
                    continue
                }
                controlPolicyNames[policy.name] = policySpec.name.range
                controlPolicies.append(policy)
            }
            for setSpec in spec.permissionSets {
                guard let permissionSet = permissionSet(setSpec) else { continue }
                if let first = permissionSetNames[permissionSet.name.lowercased()] {
                    error(.duplicateName, "permission set name '\(permissionSet.name)' is already used", at: setSpec.name.range,
                          notes: [.init("first defined here", at: first)])
                    continue
                }
                permissionSetNames[permissionSet.name.lowercased()] = setSpec.name.range
                permissionSets.append(permissionSet)
            }
        }
        // A customer policy is created in every account whose roles attach it, and in every
        // account a permission set that names it is assigned to.
        for index in policies.indices {
            let policy = policies[index]
            var accounts: [Text] = []
            for role in roles {
                let attached = (role.managedPolicies + [role.permissionsBoundary].compactMap { $0 })
                    .contains { $0.kind == .customer(name: policy.name) }
                if attached, let account = role.account, !accounts.contains(account) { accounts.append(account) }
            }
            for permissionSet in permissionSets {
                let reference = CustomerManagedPolicyReference(name: policy.name, path: policy.path)
                guard permissionSet.customerManagedPolicies.contains(reference) || permissionSet.permissionsBoundary == .customer(reference)
                else { continue }
                for assignment in permissionSet.assignments where !accounts.contains(assignment.account) {
                    accounts.append(assignment.account)
                }
            }
            policies[index].accounts = accounts
        }
        var model = Model(roles: roles, policies: policies, inputs: inputs.keys.sorted().map { inputs[$0]!.input },
                          sourceFiles: files.map(\.path))
        model.serviceLinkedRoles = linkedRoles
        model.serviceControlPolicies = controlPolicies
        model.permissionSets = permissionSets
        return model
    }

    private mutating func collectGlobalNames() {
        for spec in files {
            for variable in spec.variables where commandLineVariables[variable.name.value] == nil {
                guard case .input(let description, let sensitive, let defaultValue) = variable.value else { continue }
                let input = DeployInput(name: variable.name.value, description: description?.value,
                                        sensitive: sensitive, defaultValue: defaultValue?.value)
                if let first = inputs[input.name], first.input != input {
                    error(.duplicateName, "input '\(input.name)' is declared twice with different settings", at: variable.name.range,
                          notes: [.init("first declared here", at: first.range)])
                    continue
                }
                inputs[input.name] = (input, variable.name.range)
            }
        }
        for spec in files {
            for (name, written) in spec.accounts {
                var id = written.map { Text($0) }
                if Interpolation.isSingleReference(written.value) {
                    let variable = String(written.value.dropFirst(2).dropLast())
                    if let value = commandLineVariables[variable] {
                        id.value = Text(value)
                    } else if let input = inputs[variable]?.input {
                        id.value = .input(variable)
                        if let value = input.defaultValue, !AccountID.isValid(value) {
                            error(.invalidValue, "account \(name.value) uses input '\(variable)', whose default '\(value)' is not a 12-digit account id",
                                  at: written.range)
                        }
                    } else {
                        error(.undefinedVariable, "account \(name.value) refers to '\(variable)', which is not a deploy-time input",
                              at: written.range, fixIt: "declare it under variables: as {input: true}, or pass --var \(variable)=ACCOUNT_ID")
                        brokenAccounts.insert(name.value)
                        continue
                    }
                    if let literal = id.value.literal, !AccountID.isValid(literal) {
                        error(.invalidValue, "account \(name.value) must be a 12-digit AWS account id, got '\(literal)' from --var \(variable)",
                              at: written.range)
                        brokenAccounts.insert(name.value)
                        continue
                    }
                }
                if let first = accounts[name.value] {
                    if first.value != id.value {
                        error(.duplicateName, "account '\(name.value)' is defined twice with different ids", at: name.range,
                              notes: [.init("first defined here", at: first.range)])
                    }
                    continue
                }
                accounts[name.value] = id
            }
        }
    }

    private mutating func enter(_ spec: SpecFile) {
        file = spec
        variables = [:]
        expandedVariables = [:]
        for variable in spec.variables { variables[variable.name.value] = variable }
        partition = Resolver.defaultPartition
        if let known = partitionByFile[spec.path] {
            partition = known
            return
        }
        defer { partitionByFile[spec.path] = partition }
        if let written = spec.defaults.partition, let value = literal(written, "partition", code: .invalidValue) {
            if Resolver.partitions.contains(value) {
                partition = value
            } else {
                error(.invalidValue, "unknown AWS partition '\(value)'", at: written.range,
                      fixIt: Nearest.closest(to: value, in: Resolver.partitions).map { "did you mean '\($0)'?" }
                        ?? "one of: " + Resolver.partitions.joined(separator: ", "))
            }
        }
    }

    // MARK: Variables

    /// The string with variables expanded, or nil after reporting why not.
    mutating func text(_ located: Located<String>) -> Text? {
        do {
            return try Interpolation.expand(located.value) { try lookup($0) }
        } catch let failure as Interpolation.Failure {
            error(failure.code, failure.message, at: Self.range(of: failure.offset, length: failure.length, in: located), fixIt: failure.fixIt)
        } catch {}
        return nil
    }

    mutating func texts(_ values: [Located<String>]) -> [Text]? {
        let expanded = values.compactMap { text($0) }
        return expanded.count == values.count ? expanded : nil
    }

    /// The string with variables expanded when it needs no deploy-time input: names, paths and
    /// keys must be known at build time. Nil after reporting why not.
    mutating func literal(_ located: Located<String>, _ what: String, code: DiagnosticCode = .nameLimit) -> String? {
        guard let value = text(located) else { return nil }
        if let literal = value.literal { return literal }
        error(code, "\(what) '\(value.shown)' uses a deploy-time input; it must be known at build time", at: located.range,
              fixIt: "give the variable a value, or pass it with --var")
        return nil
    }

    /// The same located value with variables expanded, keeping its range.
    mutating func located(_ value: Located<String>) -> Located<Text>? {
        text(value).map { Located($0, value.range) }
    }

    private mutating func lookup(_ name: String) throws -> Interpolation.Lookup {
        if name.hasPrefix("accounts.") {
            let account = String(name.dropFirst("accounts.".count))
            if let id = accounts[account] { return .value(id.value) }
            return .undefined(suggestion: Nearest.closest(to: account, in: accounts.keys).map { "accounts." + $0 })
        }
        if let value = commandLineVariables[name] { return .value(Text(value)) }
        if let known = expandedVariables[name] { return .value(known ?? "") }
        guard let variable = variables[name] else {
            return .undefined(suggestion: Nearest.closest(to: name, in: Array(variables.keys) + Array(commandLineVariables.keys)))
        }
        guard case .value(let raw) = variable.value else { return .value(.input(name)) }
        if expanding.contains(name) {
            throw Interpolation.Failure(message: "variable '\(name)' refers to itself through other variables",
                                        code: .variableCycle, offset: 0, fixIt: nil)
        }
        expanding.insert(name)
        defer { expanding.remove(name) }
        // Problems inside a variable's value are reported once, at its definition.
        let value = text(raw)
        expandedVariables[name] = .some(value)
        return .value(value ?? Text(""))
    }

    /// The range of the character at `offset` inside a scalar when it can be placed exactly
    /// (single-line plain or quoted scalars); otherwise the whole scalar.
    static func range(of offset: Int, length: Int, in located: Located<String>) -> SourceRange {
        var range = located.range
        guard range.start.line == range.end.line else { return range }
        let width = range.end.column - range.start.column
        let count = located.value.count
        let quote = width == count ? 0 : width == count + 2 ? 1 : -1
        guard quote >= 0 else { return range }
        range.start.column += offset + quote
        range.start.offset += located.value.prefix(offset).utf8.count + quote
        range.end = range.start
        range.end.column += length
        range.end.offset += located.value.dropFirst(offset).prefix(length).utf8.count
        return range
    }

    // MARK: Accounts

    /// A 12-digit id from an id or a name in `accounts:`.
    mutating func accountID(_ written: Located<String>) -> Text? {
        guard let text = text(written) else { return nil }
        guard let value = text.literal, !AccountID.isValid(value) else { return text }
        if let id = accounts[value] { return id.value }
        if brokenAccounts.contains(value) { return nil }
        error(.unknownAccount, "'\(value)' is neither a 12-digit account id nor a name under accounts:", at: written.range,
              fixIt: Nearest.closest(to: value, in: accounts.keys).map { "did you mean '\($0)'?" })
        return nil
    }

    /// The account that ARNs for a role's own resources need (providers, customer policies).
    mutating func requireAccount(_ account: Text?, for what: String, at range: SourceRange) -> Text? {
        if let account { return account }
        error(.accountRequired, "\(what) needs an account id to form its ARN", at: range,
              fixIt: "set account: on the role, or defaults.account, or write the full ARN")
        return nil
    }
}
