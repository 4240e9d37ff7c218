import RoleGenCore

/// A role grants an action that a service control policy over its account takes away.
struct ControlPolicyBlocksGrantRule: LintRule {
    static let description = RuleDescription(
        id: "RG3403", name: "scp_blocks_granted_action", title: "granted action is blocked by a service control policy", severity: .warning,
        rationale: "An SCP attached to the organization's root or to the role's account caps what the role can do: an unconditional Deny, or an allow-list SCP that does not name the action, makes the grant dead. The role will fail at run time although its policy looks right. (OU membership is not in the spec, so SCPs on OUs are not considered; allow-list SCPs are assumed to replace FullAWSAccess, as they must to have effect.)",
        fix: "Remove the grant, or change the SCP (an exception condition, or the action added to the allow-list).",
        documentation: AWSDocs.scpEvaluation,
        scope: .role,
        triggering: [
            .permissions("- allow: [s3:GetObject, ↓iam:CreateUser]\n  resources: \"*\"",
                         role: "account: \"111122223333\"")
                .withTop("service_control_policies:\n  - name: no-users\n    targets: [root]\n    statements:\n      - deny: iam:CreateUser\n        resources: \"*\""),
            .permissions("- allow: ↓dynamodb:GetItem\n  resources: \"*\"", role: "account: \"111122223333\"")
                .withTop("service_control_policies:\n  - name: allow-list\n    targets: [\"111122223333\"]\n    statements:\n      - allow: [s3:*, ec2:*]\n        resources: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: iam:CreateUser\n  resources: \"*\"", role: "account: \"111122223333\"")
                .withTop("service_control_policies:\n  - name: other-account\n    targets: [\"444455556666\"]\n    statements:\n      - deny: iam:CreateUser\n        resources: \"*\""),
            .permissions("- allow: iam:CreateUser\n  resources: \"*\"", role: "account: \"111122223333\"")
                .withTop("service_control_policies:\n  - name: conditional\n    targets: [root]\n    statements:\n      - deny: iam:*\n        resources: \"*\"\n        conditions:\n          StringNotEquals: {aws:RequestedRegion: eu-west-1}"),
            .permissions("- allow: s3:GetObject\n  resources: \"*\"", role: "account: \"111122223333\"")
                .withTop("service_control_policies:\n  - name: allow-list\n    targets: [root]\n    statements:\n      - allow: s3:*\n        resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        guard !role.controlPolicies.isEmpty else { return [] }
        var findings: [Finding] = []
        for statement in role.allows {
            // One finding per written action: the first of its actions that an SCP blocks.
            var reported = Set<String>()
            for grant in statement.grants where !reported.contains(grant.written.value) {
                guard let (policy, reason) = blocker(of: grant.action, in: role.controlPolicies) else { continue }
                reported.insert(grant.written.value)
                findings.append(Finding("\(grant.action) is granted here but \(reason) by service control policy '\(policy.policy.name)' (attached to \(policy.attachment))",
                                        at: grant.written.range, notes: [.init("the service control policy", at: policy.policy.range)]))
            }
        }
        return findings
    }

    private func blocker(of action: String, in policies: [LintServiceControlPolicy]) -> (LintServiceControlPolicy, String)? {
        for policy in policies {
            if policy.statements.contains(where: { !$0.isAllow && $0.statement.conditions.isEmpty && $0.wildcardResource != nil && $0.covers(action) }) {
                return (policy, "denied")
            }
            let allows = policy.statements.filter(\.isAllow)
            if !allows.isEmpty, !allows.contains(where: { $0.covers(action) }) {
                return (policy, "not allowed")
            }
        }
        return nil
    }
}
