import RoleGenCore

/// An SCP that unconditionally denies everything, or sts:AssumeRole, in member accounts.
struct ControlPolicyLockoutRule: LintRule {
    /// Denying any of these without an exception locks administrators out of member accounts.
    static let administrationActions = ["sts:AssumeRole"]

    static let description = RuleDescription(
        id: "RG3402", name: "scp_admin_lockout", title: "service control policy locks out the organization's administrators", severity: .error,
        rationale: "SCPs bind every principal of the accounts under them, including the OrganizationAccountAccessRole that the management account uses to administer members. An unconditional Deny of every action, or of sts:AssumeRole, leaves nobody able to work in — or repair — those accounts; only the management account can undo it.",
        fix: "Add a condition that exempts the administration roles, e.g. ArnNotLike on aws:PrincipalArn with arn:aws:iam::*:role/OrganizationAccountAccessRole, or narrow the denied actions.",
        documentation: AWSDocs.scpExamples,
        triggering: [
            .serviceControlPolicy("- deny: ↓\"*\"\n  resources: \"*\""),
            .serviceControlPolicy("- deny: [s3:DeleteBucket, ↓sts:AssumeRole]\n  resources: \"*\""),
            .serviceControlPolicy("- Effect: Deny\n  NotAction: [↓s3:*, ec2:*]\n  Resource: \"*\""),
        ],
        nonTriggering: [
            .serviceControlPolicy("- deny: \"*\"\n  resources: \"*\"\n  conditions:\n    ArnNotLike: {aws:PrincipalArn: \"arn:aws:iam::*:role/OrganizationAccountAccessRole\"}"),
            .serviceControlPolicy("- deny: [organizations:LeaveOrganization, cloudtrail:StopLogging]\n  resources: \"*\""),
            .serviceControlPolicy("- Effect: Deny\n  NotAction: [sts:*, iam:*]\n  Resource: \"*\""),
        ])

    func check(_ policy: LintServiceControlPolicy) -> [Finding] {
        policy.statements.compactMap { statement in
            guard !statement.isAllow, statement.statement.conditions.isEmpty, statement.wildcardResource != nil,
                  let actions = statement.statement.action else { return nil }
            let denied = Self.administrationActions.filter(statement.covers)
            guard let action = denied.first else { return nil }
            let everything = !actions.negated && actions.values.contains { $0.value == "*" }
            let what = everything ? "every action" : action
            return Finding("\(statement.source) denies \(what) to every principal under \(policy.attachment), including the organization's administrators",
                           at: (actions.negated ? actions.values.first : actions.values.first { Wildcard.matches($0.value, action) })?.range ?? actions.range)
        }
    }
}
