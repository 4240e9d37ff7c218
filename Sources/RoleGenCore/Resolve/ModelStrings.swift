extension Model {
    /// The model with every deploy-time input replaced by a value, for backends that cannot
    /// leave values open (IAM JSON). `values` must answer for every input.
    public func substitutingInputs(_ values: [String: String]) -> Model {
        guard !inputs.isEmpty else { return self }
        var model = mapTexts { Text($0.rendered { values[$0] ?? "" }) }
        model.inputs = []
        return model
    }

    /// The names of the deploy-time inputs the model's texts refer to.
    public var inputNamesUsed: Set<String> {
        var used: Set<String> = []
        _ = mapTexts { text in
            used.formUnion(text.inputNames)
            return text
        }
        return used
    }

    /// The model with `transform` applied to every text that may hold a deploy-time input
    /// (descriptions, accounts, ARNs, documents, tag values, assignments).
    public func mapTexts(_ transform: (Text) -> Text) -> Model {
        var model = self
        model.roles = roles.map { role in
            var role = role
            role.description = role.description.map(transform)
            role.account = role.account.map(transform)
            role.trustPolicy = role.trustPolicy.map(transform)
            role.managedPolicies = role.managedPolicies.map { $0.mapARN(transform) }
            role.permissionsBoundary = role.permissionsBoundary?.mapARN(transform)
            role.inlinePolicies = role.inlinePolicies.map {
                var policy = $0
                policy.document = policy.document.map(transform)
                return policy
            }
            role.tags = role.tags.map { $0.mapValue(transform) }
            return role
        }
        model.policies = policies.map {
            var policy = $0
            policy.description = policy.description.map(transform)
            policy.document = policy.document.map(transform)
            policy.accounts = policy.accounts.map(transform)
            return policy
        }
        model.serviceLinkedRoles = serviceLinkedRoles.map {
            var role = $0
            role.description = role.description.map(transform)
            role.account = role.account.map(transform)
            return role
        }
        model.serviceControlPolicies = serviceControlPolicies.map {
            var policy = $0
            policy.description = policy.description.map(transform)
            policy.document = policy.document.map(transform)
            policy.targets = policy.targets.map {
                guard case .id(let id) = $0 else { return $0 }
                return .id(transform(id))
            }
            policy.tags = policy.tags.map { $0.mapValue(transform) }
            return policy
        }
        model.permissionSets = permissionSets.map {
            var set = $0
            set.description = set.description.map(transform)
            set.relayState = set.relayState.map(transform)
            set.managedPolicies = set.managedPolicies.map { $0.mapARN(transform) }
            set.inlinePolicy = set.inlinePolicy?.map(transform)
            if case .awsManaged(let arn)? = set.permissionsBoundary { set.permissionsBoundary = .awsManaged(arn: transform(arn)) }
            set.tags = set.tags.map { $0.mapValue(transform) }
            set.assignments = set.assignments.map {
                var assignment = $0
                assignment.principalID = transform(assignment.principalID)
                assignment.account = transform(assignment.account)
                return assignment
            }
            return set
        }
        return model
    }
}

extension PolicyReference {
    func mapARN(_ transform: (Text) -> Text) -> PolicyReference {
        var copy = self
        copy.arn = transform(arn)
        return copy
    }
}

extension Tag {
    func mapValue(_ transform: (Text) -> Text) -> Tag { Tag(key: key, value: transform(value)) }
}
