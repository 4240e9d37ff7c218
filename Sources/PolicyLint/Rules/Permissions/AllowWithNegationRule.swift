import RoleGenCore

/// Allow with NotAction or NotResource.
struct AllowWithNegationRule: LintRule {
    static let description = RuleDescription(
        id: "RG3005", name: "allow_with_negation", title: "Allow statement with NotAction or NotResource", severity: .warning,
        rationale: "An Allow with NotAction grants every action but the listed ones, including actions AWS adds later; an Allow with NotResource grants every resource but the listed ones. Both grant far more than they appear to.",
        fix: "List the allowed actions and resources; keep NotAction and NotResource for Deny statements.",
        documentation: AWSDocs.notAction,
        accessAnalyzer: [],
        triggering: [
            .permissions("- Effect: Allow\n  NotAction: ↓iam:*\n  Resource: \"*\""),
            .permissions("- allow: s3:GetObject\n  not_resources: ↓arn:aws:s3:::secret/*"),
        ],
        nonTriggering: [
            .permissions("- deny: \"*\"\n  not_resources: arn:aws:s3:::shared-config"),
            .permissions("- Effect: Deny\n  NotAction: iam:*\n  Resource: \"*\""),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement -> [Finding] in
            var findings: [Finding] = []
            if let action = statement.statement.action, action.negated, let first = action.values.first {
                findings.append(Finding("\(statement.source) allows every action except those of NotAction", at: first.range))
            }
            if let resource = statement.statement.resource, resource.negated, let first = resource.values.first {
                findings.append(Finding("\(statement.source) allows every resource except those of NotResource", at: first.range))
            }
            return findings
        }
    }
}
