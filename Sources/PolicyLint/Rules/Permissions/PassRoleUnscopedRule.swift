import RoleGenCore

/// iam:PassRole on any role, or to any service.
struct PassRoleUnscopedRule: LintRule {
    static let description = RuleDescription(
        id: "RG3003", name: "pass_role_unscoped", title: "iam:PassRole on any role or to any service", severity: .warning,
        rationale: "Whoever can pass a role to a service can run code with that role's permissions; passing any role, or to any service, lets the holder escalate to the most privileged role in the account.",
        fix: "Scope Resource to the role ARNs the workload passes and add `StringEquals: {iam:PassedToService: <service principal>}`.",
        documentation: AWSDocs.passRole,
        accessAnalyzer: ["PASS_ROLE_WITH_STAR_IN_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
                         "PASS_ROLE_WITH_NOT_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                         "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"],
        triggering: [
            .permissions("- allow: ↓iam:PassRole\n  resources: \"*\""),
            .permissions("- allow: [ec2:RunInstances, ↓iam:Pass*]\n  resources: arn:aws:iam::111122223333:role/app"),
            .permissions("- allow: ↓iam:PassRole\n  not_resources: arn:aws:iam::111122223333:role/admin\n  conditions:\n    StringEquals: {iam:PassedToService: ec2.amazonaws.com}"),
            .permissions("- allow: ↓iam:PassRole\n  resources: arn:aws:iam::*:role/*\n  conditions:\n    StringEquals: {iam:PassedToService: ec2.amazonaws.com}"),
        ],
        nonTriggering: [
            .permissions("- allow: iam:PassRole\n  resources: arn:aws:iam::111122223333:role/app\n  conditions:\n    StringEquals: {iam:PassedToService: ec2.amazonaws.com}"),
            .permissions("- allow: iam:GetRole\n  resources: \"*\""),
            .permissions("- deny: iam:PassRole\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.compactMap { statement in
            // Full admin is reported by RG3001; repeating it here adds noise.
            guard statement.wildcardAction == nil, statement.mayGrant(service: "iam"), let written = statement.granting("iam:PassRole") else { return nil }
            if statement.mayReach(arnService: "iam"), let reach = statement.reachingEvery("iam:PassRole") {
                return Finding("\(statement.source) allows iam:PassRole on \(reach.description(every: "role"))", at: written.range)
            }
            if !statement.hasCondition(key: "iam:PassedToService") {
                return Finding("\(statement.source) allows iam:PassRole to any service (no iam:PassedToService condition)", at: written.range)
            }
            return nil
        }
    }
}
