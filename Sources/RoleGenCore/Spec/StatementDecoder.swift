/// Decodes policy statements in both spellings rolegen accepts: the short form
/// (`allow:`/`deny:`, `resources:`, `conditions:`) and raw IAM JSON keys
/// (`Effect`, `Action`, …). Also decodes whole IAM policy documents read from files.
extension NodeDecoder {
    enum StatementContext {
        /// Identity policies: Resource required, Principal not allowed.
        case identity
        /// Role trust policies: Principal required, Resource not allowed.
        case trust
        /// Service control policies: as identity policies, under their own name in messages.
        case serviceControlPolicy
    }

    static let shortFormKeys = ["sid", "allow", "deny", "resources", "not_resources", "conditions"]
    static let rawKeys = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]

    mutating func statements(_ node: Node, _ context: StatementContext, _ what: String) -> [Statement]? {
        guard let items = list(node, what) else { return nil }
        if items.isEmpty {
            error(.emptyList, "\(what) is an empty list; a policy needs at least one statement", at: node.range)
            return nil
        }
        let decoded = items.compactMap { statement($0, context) }
        return decoded.count == items.count ? decoded : nil
    }

    mutating func statement(_ node: Node, _ context: StatementContext) -> Statement? {
        guard var fields = mapping(node, "a statement") else { return nil }
        if readsLintSuppressions, let lint = fields.take("lint") { lintBlock(lint, scope: node.range) }
        let isRaw = fields.keys.contains { $0.first?.isUppercase == true }
        let isShort = fields.keys.contains { Self.shortFormKeys.contains($0) }
        if isRaw && isShort {
            error(.conflictingKeys, "a statement uses either the short form (allow/deny, resources) or IAM keys (Effect, Action, Resource), not both",
                  at: node.range)
            return nil
        }
        if context == .trust && !isRaw {
            error(.wrongType, "a trust policy statement is written with IAM keys: Effect, Principal, Action (and optional Condition)",
                  at: node.range, fixIt: "for the common cases use a trust entry such as service:, account: or github: instead of policy:")
            return nil
        }
        return isRaw ? rawStatement(&fields, context) : shortStatement(&fields)
    }

    private mutating func shortStatement(_ fields: inout Fields) -> Statement? {
        let before = errorCount
        let sid = fields.take("sid").flatMap { nonEmptyString($0, "sid") }
        let allow = fields.take("allow"), deny = fields.take("deny")
        var effect: Located<Effect>?
        var action: ElementList?
        switch (allow, deny) {
        case (let node?, nil), (nil, let node?):
            let isAllow = allow != nil
            let key = isAllow ? "allow" : "deny"
            effect = Located(isAllow ? .allow : .deny, fields.keyRange(key) ?? node.range)
            if let actions = strings(node, "'\(key)' (a list of actions)") {
                action = ElementList(actions, range: node.range)
            }
        case (.some, .some):
            error(.conflictingKeys, "a statement has either 'allow' or 'deny', not both; write two statements", at: fields.range)
        case (nil, nil):
            error(.missingKey, "a statement needs 'allow' or 'deny' with a list of actions", at: fields.range)
        }
        let resources = fields.take("resources"), notResources = fields.take("not_resources")
        var resource: ElementList?
        switch (resources, notResources) {
        case (let node?, nil), (nil, let node?):
            let key = resources != nil ? "resources" : "not_resources"
            if let values = strings(node, "'\(key)'") {
                resource = ElementList(values, negated: notResources != nil, range: node.range)
            }
        case (.some, .some):
            error(.conflictingKeys, "a statement has either 'resources' or 'not_resources', not both", at: fields.range)
        case (nil, nil):
            error(.missingKey, "a statement needs 'resources'", at: fields.range,
                  fixIt: "name the resources; write resources: \"*\" only when the actions support no narrower scope")
        }
        let conditions = fields.take("conditions").flatMap { conditionBlock($0) } ?? []
        finish(fields, allowed: Self.shortFormKeys)
        guard errorCount == before, let effect else { return nil }
        return Statement(sid: sid, effect: effect, action: action, resource: resource, conditions: conditions, range: fields.range)
    }

    private mutating func rawStatement(_ fields: inout Fields, _ context: StatementContext) -> Statement? {
        let before = errorCount
        let sid = fields.take("Sid").flatMap { string($0, "Sid") }
        var effect: Located<Effect>?
        if let node = required(&fields, "Effect"), let text = string(node, "Effect") {
            if let value = Effect(rawValue: text.value) {
                effect = Located(value, node.range)
            } else {
                error(.invalidValue, "Effect must be \"Allow\" or \"Deny\", found '\(text.value)'", at: node.range,
                      fixIt: Effect(rawValue: text.value.capitalized).map { "write \"\($0.rawValue)\" (IAM is case-sensitive here)" })
            }
        }
        let principal = principalElement(&fields, context)
        let action = elementList(&fields, "Action", "NotAction", required: true)
        let resource = elementList(&fields, "Resource", "NotResource", required: context != .trust)
        if context == .trust, let resource {
            error(.policyDocument, "a trust policy statement has no \(resource.negated ? "NotResource" : "Resource")", at: resource.range)
        }
        let conditions = fields.take("Condition").flatMap { conditionBlock($0) } ?? []
        finish(fields, allowed: Self.rawKeys)
        guard errorCount == before, let effect else { return nil }
        return Statement(sid: sid, effect: effect, principal: principal, action: action, resource: resource,
                         conditions: conditions, range: fields.range)
    }

    private mutating func principalElement(_ fields: inout Fields, _ context: StatementContext) -> PrincipalElement? {
        let keyRange = fields.keyRange("Principal") ?? fields.keyRange("NotPrincipal")
        let positive = fields.take("Principal"), negative = fields.take("NotPrincipal")
        guard let node = positive ?? negative else {
            if context == .trust {
                error(.missingKey, "a trust policy statement needs 'Principal'", at: fields.range)
            }
            return nil
        }
        if positive != nil && negative != nil {
            error(.conflictingKeys, "a statement has either Principal or NotPrincipal, not both", at: fields.range)
            return nil
        }
        let key = positive != nil ? "Principal" : "NotPrincipal"
        if context != .trust {
            let policy = context == .identity ? "an identity policy; it belongs in trust and resource policies"
                : "a service control policy; target principals with the aws:PrincipalArn condition key"
            error(.policyDocument, "\(key) is not allowed in \(policy)", at: keyRange ?? node.range)
            return nil
        }
        if let scalar = node.scalar {
            guard scalar.value == "*" else {
                error(.invalidValue, "\(key) must be \"*\" or a mapping such as {AWS: …, Service: …, Federated: …}", at: node.range)
                return nil
            }
            return PrincipalElement(.wildcard, negated: negative != nil, range: node.range)
        }
        guard var principals = mapping(node, key) else { return nil }
        var entries: [(type: Located<String>, values: [Located<String>])] = []
        for type in principals.keys {
            let typeRange = principals.keyRange(type)!
            guard let valueNode = principals.take(type), let values = strings(valueNode, "\(key) \(type)") else { continue }
            entries.append((Located(type, typeRange), values))
        }
        if entries.isEmpty {
            error(.emptyList, "\(key) has no principals", at: node.range)
            return nil
        }
        return PrincipalElement(.typed(entries), negated: negative != nil, range: node.range)
    }

    private mutating func elementList(_ fields: inout Fields, _ key: String, _ notKey: String, required: Bool) -> ElementList? {
        let positive = fields.take(key), negative = fields.take(notKey)
        switch (positive, negative) {
        case (let node?, nil), (nil, let node?):
            let name = positive != nil ? key : notKey
            guard let values = strings(node, name) else { return nil }
            return ElementList(values, negated: negative != nil, range: node.range)
        case (.some, .some):
            error(.conflictingKeys, "a statement has either \(key) or \(notKey), not both", at: fields.range)
        case (nil, nil):
            if required { error(.missingKey, "a statement needs '\(key)' or '\(notKey)'", at: fields.range) }
        }
        return nil
    }

    /// `operator: {key: value-or-list}`, in either form of statement.
    mutating func conditionBlock(_ node: Node) -> [ConditionEntry]? {
        guard var operators = mapping(node, "a condition block") else { return nil }
        var entries: [ConditionEntry] = []
        for op in operators.keys {
            let opRange = operators.keyRange(op)!
            guard let keysNode = operators.take(op), var keys = mapping(keysNode, "condition operator \(op)") else { continue }
            if keys.keys.isEmpty {
                error(.emptyList, "condition operator \(op) has no keys", at: keysNode.range)
            }
            for key in keys.keys {
                let keyRange = keys.keyRange(key)!
                guard let valuesNode = keys.take(key) else { continue }
                guard let values = conditionValues(valuesNode, key) else { continue }
                entries.append(ConditionEntry(operator: Located(op, opRange), key: Located(key, keyRange), values: values))
            }
        }
        return entries
    }

    /// Condition values are strings to IAM; numbers and booleans are kept as written.
    private mutating func conditionValues(_ node: Node, _ key: String) -> [Located<String>]? {
        let items = node.items ?? [node]
        if items.isEmpty {
            error(.emptyList, "condition key \(key) has an empty list of values", at: node.range)
            return nil
        }
        var values: [Located<String>] = []
        for item in items {
            guard let scalar = item.scalar, !scalar.isNull else {
                error(.wrongType, "condition values for \(key) must be strings, found \(item.kindDescription)", at: item.range)
                return nil
            }
            values.append(Located(scalar.value, item.range))
        }
        return values
    }

    /// A whole IAM policy document (`Version`, `Id`, `Statement`), e.g. from `document_file:`.
    mutating func policyDocument(_ node: Node, _ context: StatementContext) -> PolicyDocument? {
        guard var fields = mapping(node, "a policy document") else { return nil }
        let before = errorCount
        let version = fields.take("Version").flatMap { string($0, "Version") }
        let id = fields.take("Id").flatMap { string($0, "Id") }
        var statements: [Statement] = []
        if let statementNode = required(&fields, "Statement") {
            let items = statementNode.items ?? [statementNode]
            if items.isEmpty {
                error(.emptyList, "Statement is an empty list", at: statementNode.range)
            }
            statements = items.compactMap { item in
                guard var itemFields = mapping(item, "a statement") else { return nil }
                return rawStatement(&itemFields, context)
            }
        }
        finish(fields, allowed: ["Version", "Id", "Statement"])
        guard errorCount == before else { return nil }
        return PolicyDocument(version: version, id: id, statements: statements, range: node.range)
    }
}
