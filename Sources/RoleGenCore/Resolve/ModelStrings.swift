extension Model {
    /// The model with every deploy-time input replaced by a value, for backends that cannot
    /// leave values open (IAM JSON). `values` must answer for every input.
    public func substitutingInputs(_ values: [String: String]) -> Model {
        guard !inputs.isEmpty else { return self }
        var model = mapStrings { DeployInputs.substitute($0) { values[$0] ?? "" } }
        model.inputs = []
        return model
    }

    /// The names of the deploy-time inputs the model's strings refer to.
    public var inputNamesUsed: Set<String> {
        var used: Set<String> = []
        _ = mapStrings { text in
            for case .input(let name) in DeployInputs.segments(text) { used.insert(name) }
            return text
        }
        return used
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
        model.serviceLinkedRoles = serviceLinkedRoles.map {
            var role = $0
            role.service = transform(role.service)
            role.suffix = role.suffix.map(transform)
            role.description = role.description.map(transform)
            role.account = role.account.map(transform)
            return role
        }
        model.serviceControlPolicies = serviceControlPolicies.map {
            var policy = $0
            policy.name = transform(policy.name)
            policy.description = policy.description.map(transform)
            policy.document = policy.document.mapStrings(transform)
            policy.targets = policy.targets.map {
                guard case .id(let id) = $0 else { return $0 }
                return .id(transform(id))
            }
            policy.tags = policy.tags.map { Tag(key: transform($0.key), value: transform($0.value)) }
            return policy
        }
        model.permissionSets = permissionSets.map {
            var set = $0
            func reference(_ policy: CustomerManagedPolicyReference) -> CustomerManagedPolicyReference {
                CustomerManagedPolicyReference(name: transform(policy.name), path: transform(policy.path))
            }
            set.name = transform(set.name)
            set.description = set.description.map(transform)
            set.sessionDuration = transform(set.sessionDuration)
            set.relayState = set.relayState.map(transform)
            set.managedPolicies = set.managedPolicies.map(transform)
            set.customerManagedPolicies = set.customerManagedPolicies.map(reference)
            set.inlinePolicy = set.inlinePolicy?.mapStrings(transform)
            switch set.permissionsBoundary {
            case .awsManaged(let arn)?: set.permissionsBoundary = .awsManaged(arn: transform(arn))
            case .customer(let policy)?: set.permissionsBoundary = .customer(reference(policy))
            case nil: break
            }
            set.tags = set.tags.map { Tag(key: transform($0.key), value: transform($0.value)) }
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
