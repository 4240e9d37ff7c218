import RoleGenCore

/// An SCP with no Deny and an unconditional Allow of everything: it caps nothing.
struct ControlPolicyRestrictsNothingRule: LintRule {
    static let description = RuleDescription(
        id: "RG3401", name: "scp_restricts_nothing", title: "service control policy restricts nothing", severity: .warning,
        rationale: "An SCP only sets the maximum permissions of the accounts under it. One that denies nothing and allows every action everywhere (like AWS's own FullAWSAccess) changes nothing, so the guardrail its author meant is missing.",
        fix: "Add the Deny statements the policy is meant to enforce, or turn it into an allow-list that names the permitted services.",
        documentation: AWSDocs.scpEvaluation,
        triggering: [
            .serviceControlPolicy("- allow: ↓\"*\"\n  resources: \"*\""),
            .serviceControlPolicy("- allow: s3:*\n  resources: \"*\"\n- Effect: Allow\n  Action: ↓\"*\"\n  Resource: \"*\""),
        ],
        nonTriggering: [
            .serviceControlPolicy("- allow: \"*\"\n  resources: \"*\"\n- deny: organizations:LeaveOrganization\n  resources: \"*\""),
            .serviceControlPolicy("- allow: [s3:*, ec2:*]\n  resources: \"*\""),
            .serviceControlPolicy("- allow: \"*\"\n  resources: \"*\"\n  conditions:\n    StringEquals: {aws:RequestedRegion: eu-west-1}"),
        ])

    func check(_ policy: LintServiceControlPolicy) -> [Finding] {
        guard !policy.statements.contains(where: { !$0.isAllow }) else { return [] }
        return policy.statements.compactMap { statement in
            guard statement.statement.conditions.isEmpty, statement.wildcardResource != nil, let action = statement.wildcardAction else { return nil }
            return Finding("\(statement.source) allows every action and denies nothing: it restricts nothing", at: action.range)
        }
    }
}
