import RoleGenCore

/// IAM actions that let a role raise its own (or another principal's) permissions, on `*`.
struct PrivilegeEscalationRule: LintRule {
    /// The published single-action escalation methods.
    static let escalationActions = [
        "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
        "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
        "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
        "iam:UpdateAssumeRolePolicy", "iam:CreateAccessKey",
        "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup",
    ]

    static let description = RuleDescription(
        id: "RG3004", name: "privilege_escalation", title: "role can escalate its privileges", severity: .error,
        rationale: "Each of these IAM actions on any resource lets the holder grant itself more permissions: a new policy version, a policy attached to itself, a changed trust policy, or credentials of another user.",
        fix: "Remove the action, or scope Resource to the specific users, groups, roles or policies the workload manages and add a permissions boundary.",
        documentation: AWSDocs.escalation,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [iam:GetRole, ↓iam:AttachRolePolicy]\n  resources: \"*\""),
            .permissions("- allow: ↓iam:Put*\n  resources: \"*\""),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*\n- allow: ↓iam:CreatePolicyVersion\n  resources: \"*\"\n- allow: ↓iam:CreateAccessKey\n  resources: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: iam:AttachRolePolicy\n  resources: arn:aws:iam::111122223333:role/app-*"),
            .permissions("- allow: iam:Get*\n  resources: \"*\""),
            .permissions("- deny: iam:Put*\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement -> [Finding] in
            guard statement.wildcardAction == nil, statement.wildcardResource != nil,
                  let actions = statement.statement.action, !actions.negated else { return [] }
            return actions.values.compactMap { written in
                let granted = Self.escalationActions.filter { Wildcard.matches(written.value, $0) }
                guard !granted.isEmpty else { return nil }
                return Finding("\(statement.source) allows \(granted.joined(separator: ", ")) on every resource, a privilege escalation path",
                               at: written.range)
            }
        }
    }
}
