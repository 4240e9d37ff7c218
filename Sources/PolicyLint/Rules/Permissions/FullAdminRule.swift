import RoleGenCore

/// `*` (or `*:*`) on `*` (or `arn:aws:*:*:*:*`): the role can do anything in the account.
struct FullAdminRule: LintRule {
    static let description = RuleDescription(
        id: "RG3001", name: "full_admin", title: "statement allows every action on every resource", severity: .error,
        rationale: "Allowing `*` on `*` makes the role an administrator: it can read every secret, delete every resource and grant itself or anyone else any permission.",
        fix: "List the actions the workload calls and the resources it calls them on; attach a narrower AWS managed job-function policy if one fits.",
        documentation: AWSDocs.bestPractices,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: ↓\"*\"\n  resources: \"*\""),
            .permissions("- allow: [s3:GetObject, ↓\"*\"]\n  resources: [arn:aws:s3:::bucket/*, \"*\"]"),
            .permissions("- Effect: Allow\n  Action: ↓\"*\"\n  Resource: \"*\""),
            .permissions("- allow: ↓\"*:*\"\n  resources: \"*\""),
            .permissions("- allow: ↓\"*\"\n  resources: \"arn:aws:*:*:*:*\""),
        ],
        nonTriggering: [
            .permissions("- allow: \"*\"\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- deny: \"*\"\n  resources: \"*\""),
            .permissions("- allow: s3:*\n  resources: arn:aws:s3:::bucket"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.compactMap { statement in
            guard let action = statement.wildcardAction, statement.wildcardResource != nil else { return nil }
            return Finding("\(statement.source) allows every action on every resource", at: action.range)
        }
    }
}
