import RoleGenCore

/// `svc:*` on `*`: every action of a service, everywhere.
struct ServiceWildcardRule: LintRule {
    static let description = RuleDescription(
        id: "RG3002", name: "service_wildcard", title: "statement allows every action of a service on every resource", severity: .warning,
        rationale: "`svc:*` on `*` grants the service's write, delete and permissions-management actions on all of its resources, far beyond what a workload needs.",
        fix: "Name the actions (or a narrow pattern such as `s3:Get*`) and scope resources to ARNs.",
        documentation: AWSDocs.bestPractices,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: ↓s3:*\n  resources: \"*\""),
            .permissions("- allow: [sqs:SendMessage, ↓dynamodb:*]\n  resources: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: s3:*\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- allow: s3:Get*\n  resources: \"*\""),
            .permissions("- deny: s3:*\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement -> [Finding] in
            guard statement.wildcardResource != nil, let actions = statement.statement.action, !actions.negated else { return [] }
            return actions.values.filter { $0.value.hasSuffix(":*") }.map { written in
                let grants = statement.grants.filter { $0.written == written }
                let writes = grants.filter { $0.accessLevel == .write }.count
                let permissions = grants.filter { $0.accessLevel == .permissionsManagement }.count
                let detail = grants.isEmpty ? "" : " (\(grants.count) actions: \(writes) Write, \(permissions) Permissions management)"
                return Finding("\(statement.source) allows every \(written.value.dropLast(2)) action on every resource\(detail)", at: written.range)
            }
        }
    }
}
