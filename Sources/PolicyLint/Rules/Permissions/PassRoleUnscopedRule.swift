import RoleGenCore

/// iam:PassRole on any role, or to any service.
struct PassRoleUnscopedRule: LintRule {
    static let description = RuleDescription(
        id: "RG3003", name: "pass_role_unscoped", title: "iam:PassRole on any role or to any service", severity: .warning,
        rationale: "Whoever can pass a role to a service can run code with that role's permissions; passing any role, or to any service, lets the holder escalate to the most privileged role in the account. A Deny of iam:PassRole on those roles in any policy, the permissions boundary or an SCP (asked of the policy evaluation engine) silences the finding.",
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
            .permissions("- allow: iam:PassRole\n  resources: \"*\"\n- deny: iam:PassRole\n  resources: arn:aws:iam::*:role/*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.compactMap { statement in
            // Full admin is reported by RG3001; repeating it here adds noise.
            guard statement.wildcardAction == nil, statement.mayGrant(service: "iam"), let written = statement.granting("iam:PassRole") else { return nil }
            let reach = statement.mayReach(arnService: "iam") ? statement.reachingEvery("iam:PassRole") : nil
            guard reach != nil || !statement.hasCondition(key: "iam:PassedToService") else { return nil }
            // A Deny elsewhere (another policy, the boundary, an SCP) takes the grant away.
            if role.denies(EngineQuestion(action: "iam:PassRole", resource: role.probe("iam:PassRole", type: "role", reach: reach, statement: statement))) { return nil }
            if let reach {
                return Finding("\(statement.source) allows iam:PassRole on \(reach.description(every: "role"))", at: written.range)
            }
            return Finding("\(statement.source) allows iam:PassRole to any service (no iam:PassedToService condition)", at: written.range)
        }
    }
}
