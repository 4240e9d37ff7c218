import RoleGenCore

/// A Deny statement that can match no request: its actions do not exist, or none of them acts
/// on a resource of the services its ARNs name.
struct DenyMatchesNothingRule: LintRule {
    static let description = RuleDescription(
        id: "RG3011", name: "deny_matches_nothing", title: "Deny statement that denies nothing", severity: .warning,
        rationale: "A Deny is a guard rail: when none of its actions exists (a typo, or a wildcard that matches nothing), or when all its resources are ARNs of services none of its actions acts on, it matches no request and protects nothing, silently. The rule is conservative: it judges only statements whose every action belongs to a service the catalog knows, and compares ARN services, not resource types (RG1213 compares types where they are certain); actions that take only `*`, actions the catalog knows by name alone, and ARNs with a wildcard in the service field are never judged.",
        fix: "Correct the action names, or name resources of the services the actions act on (`*` when the Deny is meant for every resource).",
        documentation: AWSDocs.policyEvaluation,
        accessAnalyzer: [],
        judgesGrants: false,
        triggering: [
            .permissions("- ↓deny: [s3:DeleteObjekt, s3:DeleteBuckett]\n  resources: \"*\""),
            .permissions("- ↓deny: s3:DeleteObject\n  resources: arn:aws:dynamodb:eu-west-1:111122223333:table/orders"),
            .permissions("- Effect: ↓Deny\n  Action: [dynamodb:DeleteItem, s3:DeleteObject*]\n  Resource: [arn:aws:sqs:*:111122223333:jobs, arn:aws:sns:*:111122223333:alerts]"),
        ],
        nonTriggering: [
            .permissions("- deny: s3:DeleteObject\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- deny: [s3:DeleteObjekt, s3:DeleteBucket]\n  resources: \"*\""),
            .permissions("- deny: [ssm:SendCommand]\n  resources: arn:aws:ec2:*:111122223333:instance/*"),
            .permissions("- deny: ec2:DescribeInstances\n  resources: arn:aws:s3:::bucket"),
            .permissions("- allow: s3:GetObjekt\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.writtenPermissions.compactMap { statement -> Finding? in
            guard !statement.isAllow, let actions = statement.statement.action, !actions.negated,
                  statement.wildcardAction == nil, !actions.values.isEmpty,
                  statement.actionsNameDocumentedServices else { return nil }
            let effect = statement.statement.effect.range
            if statement.grants.isEmpty {
                return Finding("\(statement.source) denies \(names(actions.values)), which match\(actions.values.count == 1 ? "es" : "") no action of the catalog, so the statement denies nothing",
                               at: effect, notes: actions.values.map { .init("matches no action", at: $0.range) })
            }
            guard let resources = statement.statement.resource, !resources.negated, statement.wildcardResource == nil,
                  !resources.values.isEmpty else { return nil }
            let services = resources.values.map { Self.arnService($0.value) }
            // Every written action must match something and every match must name its
            // resource types; otherwise the statement may apply and is not judged.
            let matched = Set(statement.grants.map(\.written.range))
            guard services.allSatisfy({ $0 != nil }),
                  actions.values.allSatisfy({ matched.contains($0.range) }),
                  statement.grants.allSatisfy(\.takesResourceARNs) else { return nil }
            let named = Set(services.compactMap { $0 })
            guard !statement.grants.contains(where: { !$0.resourceARNServices.isDisjoint(with: named) }) else { return nil }
            let acted = statement.grants.reduce(into: Set<String>()) { $0.formUnion($1.resourceARNServices) }.sorted()
            return Finding("\(statement.source) denies \(names(actions.values)) only on \(named.sorted().joined(separator: ", ")) resources, which \(actions.values.count == 1 ? "it does" : "they do") not act on (\(acted.joined(separator: ", ")) ARNs), so the statement denies nothing",
                           at: effect, notes: [.init("a resource of service \(services[0]!)", at: resources.values[0].range)])
        }
    }

    private func names(_ values: [Located<String>]) -> String {
        let shown = values.prefix(3).map(\.value).joined(separator: ", ")
        return values.count > 3 ? "\(shown) and \(values.count - 3) more" : shown
    }

    /// The service field of an ARN, or nil when it is not an ARN or the field has a wildcard.
    static func arnService(_ value: String) -> String? {
        let fields = value.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "arn" else { return nil }
        let service = fields[2]
        guard !service.isEmpty, !service.contains(where: { "*?$".contains($0) }) else { return nil }
        return String(service)
    }
}
