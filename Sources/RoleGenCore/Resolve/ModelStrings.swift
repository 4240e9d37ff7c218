extension Model {
    /// The model with every deploy-time input replaced by a value, for backends that cannot
    /// leave values open (IAM JSON). `values` must answer for every input.
    public func substitutingInputs(_ values: [String: String]) -> Model {
        guard !inputs.isEmpty else { return self }
        var model = mapStrings { DeployInputs.substitute($0) { values[$0] ?? "" } }
        model.inputs = []
        return model
    }

    /// The model with `transform` applied to every string value (names, ARNs, documents, tags).
    public func mapStrings(_ transform: (String) -> String) -> Model {
        var model = self
        model.roles = roles.map { role in
            var role = role
            role.name = transform(role.name)
            role.path = transform(role.path)
            role.description = role.description.map(transform)
            role.account = role.account.map(transform)
            role.trustPolicy = role.trustPolicy.mapStrings(transform)
            role.managedPolicies = role.managedPolicies.map { $0.mapARN(transform) }
            role.permissionsBoundary = role.permissionsBoundary?.mapARN(transform)
            role.inlinePolicies = role.inlinePolicies.map {
                var policy = $0
                policy.name = transform(policy.name)
                policy.document = policy.document.mapStrings(transform)
                return policy
            }
            role.tags = role.tags.map { Tag(key: transform($0.key), value: transform($0.value)) }
            role.instanceProfile = role.instanceProfile.map { InstanceProfile(name: transform($0.name), path: transform($0.path)) }
            return role
        }
        model.policies = policies.map {
            var policy = $0
            policy.name = transform(policy.name)
            policy.path = transform(policy.path)
            policy.description = policy.description.map(transform)
            policy.document = policy.document.mapStrings(transform)
            return policy
        }
        return model
    }
}

extension PolicyReference {
    func mapARN(_ transform: (String) -> String) -> PolicyReference {
        var copy = self
        copy.arn = transform(arn)
        return copy
    }
}

extension PolicyDocument {
    public func mapStrings(_ transform: (String) -> String) -> PolicyDocument {
        func list(_ values: [Located<String>]) -> [Located<String>] { values.map { $0.map(transform) } }
        var document = self
        document.statements = statements.map { statement in
            var statement = statement
            statement.sid = statement.sid?.map(transform)
            if let action = statement.action { statement.action?.values = list(action.values) }
            if let resource = statement.resource { statement.resource?.values = list(resource.values) }
            if var principal = statement.principal, case .typed(let entries) = principal.content {
                principal.content = .typed(entries.map { ($0.type, list($0.values)) })
                statement.principal = principal
            }
            statement.conditions = statement.conditions.map {
                ConditionEntry(operator: $0.operator, key: $0.key.map(transform), values: list($0.values))
            }
            return statement
        }
        return document
    }
}
