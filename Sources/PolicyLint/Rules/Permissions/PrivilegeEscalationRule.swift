import RoleGenCore

/// IAM actions that let a role raise its own (or another principal's) permissions, on every
/// resource they act on (`*`, NotResource, `arn:aws:iam::*:role/*`), through Action or NotAction.
struct PrivilegeEscalationRule: LintRule {
    /// The published single-action escalation methods.
    static let escalationActions = [
        "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
        "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
        "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
        "iam:UpdateAssumeRolePolicy", "iam:CreateAccessKey",
        "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup",
    ]

    /// Those that change a role: on the role's own ARN they escalate too.
    static let roleActions: Set = ["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"]

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
            .permissions("- allow: ↓iam:AttachRolePolicy\n  resources: arn:aws:iam::*:role/*"),
            .permissions("- Effect: Allow\n  NotAction: ↓[s3:*, ec2:*]\n  Resource: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: iam:AttachRolePolicy\n  resources: arn:aws:iam::111122223333:role/app-*"),
            .permissions("- allow: iam:Get*\n  resources: \"*\""),
            .permissions("- deny: iam:Put*\n  resources: \"*\""),
            .permissions("- Effect: Allow\n  NotAction: iam:*\n  Resource: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement -> [Finding] in
            // `*` on every resource is RG3001's.
            guard statement.wildcardAction == nil || statement.wildcardResource == nil, statement.mayGrant(service: "iam"),
                  statement.mayReach(arnService: "iam") else { return [] }
            // Grouped by the written action (or NotAction list) that grants them, in written order.
            var groups: [(written: Located<String>, granted: [String], reach: ResourceReach)] = []
            for action in Self.escalationActions {
                guard let written = statement.granting(action),
                      let reach = statement.reachingEvery(action) ?? (role.isRole && Self.roleActions.contains(action) ? statement.reachingItself(role.role) : nil)
                else { continue }
                if let index = groups.firstIndex(where: { $0.written == written }) {
                    groups[index].granted.append(action)
                } else {
                    groups.append((written, [action], reach))
                }
            }
            return groups.sorted { $0.written.range.start.offset < $1.written.range.start.offset }.map { written, granted, reach in
                Finding("\(statement.source) allows \(granted.joined(separator: ", ")) on \(reach.description()), a privilege escalation path",
                        at: written.range)
            }
        }
    }
}
