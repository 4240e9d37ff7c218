/// Decodes a spec file's YAML tree into a `SpecFile`. Pure: no file access, no resolution.
public enum SpecDecoder {
    public static let supportedVersion = 1

    public static func decode(_ root: Node, path: String) -> (SpecFile?, [Diagnostic]) {
        var decoder = NodeDecoder()
        decoder.readsLintSuppressions = true
        let spec = decoder.specFile(root, path: path)
        return (decoder.diagnostics.hasErrors ? nil : spec, decoder.closingDiagnostics(file: path))
    }

    public static let topLevelKeys = [
        "version", "variables", "accounts", "defaults", "policies", "roles",
        "service_linked_roles", "service_control_policies", "permission_sets",
    ]
    static let inputKeys = ["input", "description", "sensitive", "default"]
    static let defaultsKeys = ["account", "partition", "path", "max_session_duration", "permissions_boundary", "tags", "description_prefix"]
    static let policyKeys = ["name", "description", "path", "statements", "document_file"]
    static let inlinePolicyKeys = ["name", "statements", "document_file"]
    static let roleKeys = [
        "name", "description", "path", "account", "trust", "managed_policies", "inline_policies",
        "permissions_boundary", "max_session_duration", "tags", "instance_profile", "lint",
    ]
    static let trustKinds = ["service", "account", "saml", "web_identity", "github", "policy"]
}

extension NodeDecoder {
    mutating func specFile(_ root: Node, path: String) -> SpecFile? {
        guard var fields = mapping(root, "the spec file") else { return nil }
        guard let versionNode = required(&fields, "version"), let version = integer(versionNode, "version") else {
            return nil
        }
        guard version.value == SpecDecoder.supportedVersion else {
            error(.unsupportedVersion, "spec version \(version.value) is not supported; this rolegen reads version \(SpecDecoder.supportedVersion)",
                  at: version.range)
            return nil
        }
        var spec = SpecFile(path: path, version: version)
        if let node = fields.take("variables"), var variables = mapping(node, "variables") {
            for name in variables.keys {
                let nameRange = variables.keyRange(name)!
                guard let valueNode = variables.take(name) else { continue }
                if !Interpolation.isVariableName(name) {
                    error(.invalidValue, "variable name '\(name)' must start with a letter or _ and hold only letters, digits, _ and -",
                          at: nameRange)
                    continue
                }
                let value = valueNode.pairs != nil ? inputVariable(valueNode, name) : string(valueNode, "variable \(name)").map(VariableSpec.Value.value)
                if let value { spec.variables.append(VariableSpec(name: Located(name, nameRange), value: value)) }
            }
        }
        if let node = fields.take("accounts"), var accounts = mapping(node, "accounts") {
            for name in accounts.keys {
                let nameRange = accounts.keyRange(name)!
                guard let idNode = accounts.take(name), let id = string(idNode, "account \(name)") else { continue }
                if !AccountID.isValid(id.value) && !Interpolation.isSingleReference(id.value) {
                    error(.invalidValue, "account \(name) must be a 12-digit AWS account id or ${input}, found '\(id.value)'", at: id.range,
                          fixIt: AccountID.hint(for: idNode))
                    continue
                }
                spec.accounts.append((Located(name, nameRange), id))
            }
        }
        if let node = fields.take("defaults") { spec.defaults = defaults(node) }
        if let node = fields.take("policies"), let items = list(node, "policies") {
            spec.policies = items.compactMap { policy($0) }
        }
        if let node = fields.take("roles"), let items = list(node, "roles") {
            spec.roles = items.compactMap { role($0) }
        }
        if let node = fields.take("service_linked_roles"), let items = list(node, "service_linked_roles") {
            spec.serviceLinkedRoles = items.compactMap { serviceLinkedRole($0) }
        }
        if let node = fields.take("service_control_policies"), let items = list(node, "service_control_policies") {
            spec.serviceControlPolicies = items.compactMap { serviceControlPolicy($0) }
        }
        if let node = fields.take("permission_sets"), let items = list(node, "permission_sets") {
            spec.permissionSets = items.compactMap { permissionSet($0) }
        }
        finish(fields, allowed: SpecDecoder.topLevelKeys)
        spec.lintSuppressions = lintSuppressions
        return spec
    }

    /// `{input: true, description:, sensitive:, default:}`: a deploy-time input.
    private mutating func inputVariable(_ node: Node, _ name: String) -> VariableSpec.Value? {
        guard var fields = mapping(node, "variable \(name)") else { return nil }
        let before = errorCount
        let input = required(&fields, "input").flatMap { bool($0, "input") }
        let description = fields.take("description").flatMap { string($0, "description") }
        let sensitive = fields.take("sensitive").flatMap { bool($0, "sensitive") }
        let defaultValue = fields.take("default").flatMap { string($0, "default") }
        finish(fields, allowed: SpecDecoder.inputKeys)
        if input?.value == false {
            error(.invalidValue, "a variable written as a mapping is a deploy-time input: write input: true, or give the value as a plain string",
                  at: input!.range)
        }
        guard errorCount == before else { return nil }
        return .input(description: description, sensitive: sensitive?.value ?? false, defaultValue: defaultValue)
    }

    private mutating func defaults(_ node: Node) -> Defaults {
        var result = Defaults()
        guard var fields = mapping(node, "defaults") else { return result }
        result.account = fields.take("account").flatMap { nonEmptyString($0, "account") }
        result.partition = fields.take("partition").flatMap { nonEmptyString($0, "partition") }
        result.path = fields.take("path").flatMap { string($0, "path") }
        result.maxSessionDuration = fields.take("max_session_duration").flatMap { integer($0, "max_session_duration") }
        result.permissionsBoundary = fields.take("permissions_boundary").flatMap { nonEmptyString($0, "permissions_boundary") }
        result.tags = fields.take("tags").map { tags($0) } ?? []
        result.descriptionPrefix = fields.take("description_prefix").flatMap { string($0, "description_prefix") }
        finish(fields, allowed: SpecDecoder.defaultsKeys)
        return result
    }

    mutating func tags(_ node: Node) -> [TagSpec] {
        guard var fields = mapping(node, "tags") else { return [] }
        var result: [TagSpec] = []
        for key in fields.keys {
            let keyRange = fields.keyRange(key)!
            guard let valueNode = fields.take(key), let value = string(valueNode, "tag \(key)") else { continue }
            result.append(TagSpec(key: Located(key, keyRange), value: value))
        }
        return result
    }

    mutating func policyBody(_ fields: inout Fields, _ what: String, _ context: StatementContext = .identity) -> PolicyBody? {
        let statementsNode = fields.take("statements"), fileNode = fields.take("document_file")
        switch (statementsNode, fileNode) {
        case (let node?, nil):
            return statements(node, context, "statements").map(PolicyBody.statements)
        case (nil, let node?):
            return nonEmptyString(node, "document_file").map(PolicyBody.documentFile)
        case (.some, .some):
            error(.conflictingKeys, "\(what) has either 'statements' or 'document_file', not both", at: fields.range)
        case (nil, nil):
            error(.missingKey, "\(what) needs 'statements' or 'document_file'", at: fields.range)
        }
        return nil
    }

    private mutating func policy(_ node: Node) -> PolicySpec? {
        guard var fields = mapping(node, "a policy") else { return nil }
        let before = errorCount
        let name = required(&fields, "name").flatMap { nonEmptyString($0, "name") }
        let description = fields.take("description").flatMap { string($0, "description") }
        let path = fields.take("path").flatMap { string($0, "path") }
        let body = policyBody(&fields, "a policy")
        finish(fields, allowed: SpecDecoder.policyKeys)
        guard errorCount == before, let name, let body else { return nil }
        return PolicySpec(name: name, description: description, path: path, body: body, range: node.range)
    }

    private mutating func inlinePolicy(_ node: Node) -> InlinePolicySpec? {
        guard var fields = mapping(node, "an inline policy") else { return nil }
        let before = errorCount
        let name = required(&fields, "name").flatMap { nonEmptyString($0, "name") }
        let body = policyBody(&fields, "an inline policy")
        finish(fields, allowed: SpecDecoder.inlinePolicyKeys)
        guard errorCount == before, let name, let body else { return nil }
        return InlinePolicySpec(name: name, body: body, range: node.range)
    }

    private mutating func role(_ node: Node) -> RoleSpec? {
        guard var fields = mapping(node, "a role") else { return nil }
        let before = errorCount
        guard let name = required(&fields, "name").flatMap({ nonEmptyString($0, "name") }) else { return nil }
        var role = RoleSpec(name: name, range: node.range)
        role.description = fields.take("description").flatMap { string($0, "description") }
        role.path = fields.take("path").flatMap { string($0, "path") }
        role.account = fields.take("account").flatMap { nonEmptyString($0, "account") }
        if let trustNode = required(&fields, "trust"), let entries = list(trustNode, "trust") {
            if entries.isEmpty {
                error(.emptyList, "role \(name.value) has an empty trust list; nobody could assume it", at: trustNode.range)
            }
            role.trust = entries.compactMap { trustEntry($0) }
        }
        if let node = fields.take("managed_policies"), let items = list(node, "managed_policies") {
            role.managedPolicies = items.compactMap { nonEmptyString($0, "a managed policy reference") }
        }
        if let node = fields.take("inline_policies"), let items = list(node, "inline_policies") {
            role.inlinePolicies = items.compactMap { inlinePolicy($0) }
        }
        role.permissionsBoundary = fields.take("permissions_boundary").flatMap { nonEmptyString($0, "permissions_boundary") }
        role.maxSessionDuration = fields.take("max_session_duration").flatMap { integer($0, "max_session_duration") }
        role.tags = fields.take("tags").map { tags($0) } ?? []
        if let node = fields.take("instance_profile") {
            if let scalar = node.scalar, scalar.style == .plain, NodeDecoder.booleanLike.contains(scalar.value) {
                role.instanceProfile = bool(node, "instance_profile").flatMap { $0.value ? .sameNameAsRole(node.range) : nil }
            } else if let profileName = nonEmptyString(node, "instance_profile (true or a name)") {
                role.instanceProfile = .named(profileName)
            }
        }
        if let node = fields.take("lint") { lintBlock(node, scope: fields.range) }
        finish(fields, allowed: SpecDecoder.roleKeys)
        return errorCount == before ? role : nil
    }
}
