/// Decodes the organization-level sections: `service_linked_roles:`,
/// `service_control_policies:` and `permission_sets:`.
extension SpecDecoder {
    static let serviceLinkedRoleKeys = ["service", "suffix", "description", "account"]
    /// Role keys whose values AWS fixes for a service-linked role.
    static let serviceLinkedRoleFixedKeys = [
        "name", "path", "trust", "managed_policies", "inline_policies", "permissions_boundary", "max_session_duration", "tags",
        "instance_profile",
    ]
    static let serviceControlPolicyKeys = ["name", "description", "statements", "document_file", "targets", "tags", "lint"]
    static let permissionSetKeys = [
        "name", "description", "session_duration", "relay_state", "managed_policies", "customer_managed_policies",
        "inline_policy", "permissions_boundary", "tags", "assignments", "lint",
    ]
    static let assignmentKeys = ["group", "user", "accounts"]
}

extension NodeDecoder {
    mutating func serviceLinkedRole(_ node: Node) -> ServiceLinkedRoleSpec? {
        guard var fields = mapping(node, "a service-linked role") else { return nil }
        let before = errorCount
        let service = required(&fields, "service").flatMap { nonEmptyString($0, "service") }
        let suffix = fields.take("suffix").flatMap { nonEmptyString($0, "suffix") }
        let description = fields.take("description").flatMap { string($0, "description") }
        let account = fields.take("account").flatMap { nonEmptyString($0, "account") }
        for key in SpecDecoder.serviceLinkedRoleFixedKeys where fields.has(key) {
            error(.conflictingKeys, "a service-linked role cannot set '\(key)': AWS fixes the name, path, trust and permissions of service-linked roles",
                  at: fields.keyRange(key)!, fixIt: "remove '\(key)', or describe an ordinary role under roles:")
            _ = fields.take(key)
        }
        finish(fields, allowed: SpecDecoder.serviceLinkedRoleKeys)
        guard errorCount == before, let service else { return nil }
        return ServiceLinkedRoleSpec(service: service, suffix: suffix, description: description, account: account, range: node.range)
    }

    mutating func serviceControlPolicy(_ node: Node) -> ServiceControlPolicySpec? {
        guard var fields = mapping(node, "a service control policy") else { return nil }
        let before = errorCount
        let name = required(&fields, "name").flatMap { nonEmptyString($0, "name") }
        let description = fields.take("description").flatMap { string($0, "description") }
        let body = policyBody(&fields, "a service control policy", .serviceControlPolicy)
        let targets = fields.take("targets").flatMap { strings($0, "a target") } ?? []
        let tagSpecs = fields.take("tags").map { self.tags($0) } ?? []
        if let lint = fields.take("lint") { lintBlock(lint, scope: node.range) }
        finish(fields, allowed: SpecDecoder.serviceControlPolicyKeys)
        guard errorCount == before, let name, let body else { return nil }
        return ServiceControlPolicySpec(name: name, description: description, body: body, targets: targets, tags: tagSpecs, range: node.range)
    }

    mutating func permissionSet(_ node: Node) -> PermissionSetSpec? {
        guard var fields = mapping(node, "a permission set") else { return nil }
        let before = errorCount
        let name = required(&fields, "name").flatMap { nonEmptyString($0, "name") }
        let description = fields.take("description").flatMap { nonEmptyString($0, "description") }
        let duration = fields.take("session_duration").flatMap { nonEmptyString($0, "session_duration") }
        let relayState = fields.take("relay_state").flatMap { nonEmptyString($0, "relay_state") }
        let managed = fields.take("managed_policies").flatMap { strings($0, "a managed policy reference") } ?? []
        let customer = fields.take("customer_managed_policies").flatMap { strings($0, "a customer managed policy reference") } ?? []
        var inline: PolicyBody?
        if let node = fields.take("inline_policy"), var inlineFields = mapping(node, "inline_policy") {
            inline = policyBody(&inlineFields, "inline_policy")
            finish(inlineFields, allowed: ["statements", "document_file"])
        }
        let boundary = fields.take("permissions_boundary").flatMap { nonEmptyString($0, "permissions_boundary") }
        let tagSpecs = fields.take("tags").map { self.tags($0) } ?? []
        var assignments: [AssignmentSpec] = []
        if let node = fields.take("assignments"), let items = list(node, "assignments") {
            assignments = items.compactMap { assignment($0) }
        }
        if let lint = fields.take("lint") { lintBlock(lint, scope: node.range) }
        finish(fields, allowed: SpecDecoder.permissionSetKeys)
        guard errorCount == before, let name else { return nil }
        return PermissionSetSpec(name: name, description: description, sessionDuration: duration, relayState: relayState,
                                 managedPolicies: managed, customerManagedPolicies: customer, inlinePolicy: inline,
                                 permissionsBoundary: boundary, tags: tagSpecs, assignments: assignments, range: node.range)
    }

    private mutating func assignment(_ node: Node) -> AssignmentSpec? {
        guard var fields = mapping(node, "an assignment") else { return nil }
        let before = errorCount
        let group = fields.take("group").flatMap { nonEmptyString($0, "group") }
        let user = fields.take("user").flatMap { nonEmptyString($0, "user") }
        let accounts = required(&fields, "accounts").flatMap { strings($0, "an account") }
        finish(fields, allowed: SpecDecoder.assignmentKeys)
        let principal: (AssignmentSpec.PrincipalType, Located<String>)?
        switch (group, user) {
        case (let group?, nil): principal = (.group, group)
        case (nil, let user?): principal = (.user, user)
        case (.some, .some):
            error(.conflictingKeys, "an assignment names either a group or a user, not both", at: node.range)
            principal = nil
        case (nil, nil):
            if errorCount == before {
                error(.missingKey, "an assignment needs a 'group' or a 'user' (its Identity Store id)", at: node.range)
            }
            principal = nil
        }
        guard errorCount == before, let principal, let accounts else { return nil }
        return AssignmentSpec(principalType: principal.0, principal: principal.1, accounts: accounts, range: node.range)
    }
}
