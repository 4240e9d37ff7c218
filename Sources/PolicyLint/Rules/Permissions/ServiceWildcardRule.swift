import RoleGenCore

/// `svc:*` on `*` (or `arn:aws:s3:::*`): every action of a service, on all of its resources.
struct ServiceWildcardRule: LintRule {
    static let description = RuleDescription(
        id: "RG3002", name: "service_wildcard", title: "statement allows every action of a service on every resource", severity: .warning,
        rationale: "`svc:*` on `*` (or on an ARN pattern covering every resource of one of the service's types, `arn:aws:dynamodb:*:*:table/*`) grants the service's write, delete and permissions-management actions on all of its resources, far beyond what a workload needs.",
        fix: "Name the actions (or a narrow pattern such as `s3:Get*`) and scope resources to ARNs.",
        documentation: AWSDocs.bestPractices,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: ↓s3:*\n  resources: \"*\""),
            .permissions("- allow: [sqs:SendMessage, ↓dynamodb:*]\n  resources: \"*\""),
            .permissions("- allow: ↓s3:*\n  resources: arn:aws:s3:::*"),
            .permissions("- allow: ↓dynamodb:*\n  resources: arn:aws:dynamodb:*:*:table/*"),
        ],
        nonTriggering: [
            .permissions("- allow: s3:*\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- allow: s3:Get*\n  resources: \"*\""),
            .permissions("- deny: s3:*\n  resources: \"*\""),
            .permissions("- allow: dynamodb:*\n  resources: arn:aws:dynamodb:*:*:table/app-*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement -> [Finding] in
            guard let actions = statement.statement.action, !actions.negated, let resources = statement.statement.resource,
                  !resources.negated else { return [] }
            // `*:*` is every action: RG3001's.
            return actions.values.filter { $0.value.hasSuffix(":*") && !LintStatement.isEveryAction($0.value) }.compactMap { written in
                let service = written.value.dropLast(2)
                let grants = statement.grants.filter { $0.written == written }
                guard let reach = resources.values.first(where: { Self.reachesEvery(service, $0.value) }) else {
                    return Self.everyOfType(grants, resources.values).map { pattern, type in
                        Finding("\(statement.source) allows every \(service) action on every \(type) ('\(pattern.value)')", at: written.range)
                    }
                }
                let writes = grants.filter { $0.accessLevel == .write }.count
                let permissions = grants.filter { $0.accessLevel == .permissionsManagement }.count
                let detail = grants.isEmpty ? "" : " (\(grants.count) actions: \(writes) Write, \(permissions) Permissions management)"
                let target = reach.value == "*" ? "every resource" : "every \(service) resource ('\(reach.value)')"
                return Finding("\(statement.source) allows every \(service) action on \(target)\(detail)", at: written.range)
            }
        }
    }

    /// The first written ARN pattern that covers every resource of a type the grants act on
    /// (`arn:aws:dynamodb:*:*:table/*`), with the type; each type is tested once.
    static func everyOfType(_ grants: [ActionGrant], _ resources: [Located<String>]) -> (Located<String>, String)? {
        let patterns = resources.filter { $0.value.hasPrefix("arn:") && $0.value.contains("*") }
        guard !patterns.isEmpty else { return nil }
        var tested: Set<String> = []
        for grant in grants {
            for (name, format) in grant.resourceFormats where tested.insert(name).inserted {
                if let pattern = patterns.first(where: { ResourceReach.covers($0.value, every: format) }) { return (pattern, name) }
            }
        }
        return nil
    }

    /// Whether a written resource covers every resource of `service`: `*`, or an ARN of that
    /// service (or `*`) whose region, account and resource are wildcards or empty (`arn:aws:s3:::*`).
    static func reachesEvery(_ service: Substring, _ resource: String) -> Bool {
        if resource == "*" { return true }
        let fields = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        func isWildcard(_ field: Substring) -> Bool { !field.isEmpty && field.allSatisfy { $0 == "*" } }
        return fields.count == 6 && fields[0] == "arn" && (fields[2] == service || isWildcard(fields[2]))
            && (fields[3].isEmpty || isWildcard(fields[3])) && (fields[4].isEmpty || isWildcard(fields[4])) && isWildcard(fields[5])
    }
}
