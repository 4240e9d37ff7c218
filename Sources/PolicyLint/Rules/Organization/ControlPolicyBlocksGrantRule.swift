import PolicyEval
import RoleGenCore

/// A role grants an action that a service control policy over its account takes away.
struct ControlPolicyBlocksGrantRule: LintRule {
    static let description = RuleDescription(
        id: "RG3403", name: "scp_blocks_granted_action", title: "granted action is blocked by a service control policy", severity: .warning,
        rationale: "An SCP attached to the organization's root or to the role's account caps what the role can do: an unconditional Deny, or an allow-list SCP that does not name the action, makes the grant dead. The role will fail at run time although its policy looks right. The SCPs are judged by rolegen's evaluation engine (docs/evaluation.md): at the root and at the account, some SCP must allow the action, and no unconditional Deny may match it. (OU membership is not in the spec, so SCPs on OUs are not considered; a level whose SCPs allow nothing is taken to keep AWS's FullAWSAccess, and allow-list SCPs to replace it, as they must to have effect.)",
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
            // Two allow-lists at one level: either allowing the action is enough.
            .permissions("- allow: [s3:GetObject, dynamodb:GetItem]\n  resources: \"*\"", role: "account: \"111122223333\"")
                .withTop("service_control_policies:\n  - name: storage\n    targets: [root]\n    statements:\n      - allow: s3:*\n        resources: \"*\"\n  - name: tables\n    targets: [root]\n    statements:\n      - allow: dynamodb:*\n        resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        let levels = role.effective.policies.serviceControlPolicies
        guard !role.controlPolicies.isEmpty, !levels.isEmpty else { return [] }
        // The SCPs alone, over a principal allowed everything: what they take away.
        let scps = PolicySet(identityPolicies: [Self.allowEverything], serviceControlPolicies: levels)
        var verdicts: [String: (String, [LintServiceControlPolicy])?] = [:]
        var findings: [Finding] = []
        for statement in role.allows {
            // One finding per written action: the first of its actions that an SCP blocks.
            var reported = Set<String>()
            for grant in statement.grants where !reported.contains(grant.written.value) {
                if verdicts[grant.action] == nil {
                    verdicts[grant.action] = .some(blocker(of: grant.action, scps, role))
                }
                guard let (reason, policies) = verdicts[grant.action]!, let first = policies.first else { continue }
                reported.insert(grant.written.value)
                let names = policies.map { "'\($0.policy.name)'" }.joined(separator: ", ")
                findings.append(Finding("\(grant.action) is granted here but \(reason) by service control polic\(policies.count == 1 ? "y" : "ies") \(names) (attached to \(first.attachment))",
                                        at: grant.written.range, notes: policies.map { .init("the service control policy", at: $0.policy.range) }))
            }
        }
        return findings
    }

    /// Why the SCPs stop `action` on an unnamed resource, and which: an unconditional Deny, or
    /// no Allow at one level (the root's or the account's). Nil when they let it through, also
    /// when only under conditions.
    private func blocker(of action: String, _ scps: PolicySet, _ role: LintRole) -> (String, [LintServiceControlPolicy])? {
        let decision = scps.evaluate(Request(action: action, resource: "*", principal: role.effective.principal))
        func policy(_ origin: String) -> LintServiceControlPolicy? {
            role.controlPolicies.first { origin == "service control policy '\($0.policy.name)'" }
        }
        switch decision {
        case .denied(let statement):
            return policy(statement.origin).map { ("denied", [$0]) }
        case .implicitlyDenied(.notAllowedByServiceControlPolicies(let level)):
            let blocking = scps.serviceControlPolicies[level].compactMap { policy($0.origin) }
            return blocking.isEmpty ? nil : ("not allowed", blocking)
        case .allowed, .allowedIf, .implicitlyDenied:
            return nil
        }
    }

    private static let allowEverything = NamedPolicy(origin: "every action", document: PolicyDocument(
        version: nil,
        statements: [Statement(effect: Located(.allow, .file("")), action: ElementList([Located("*", .file(""))], range: .file("")),
                               resource: ElementList([Located("*", .file(""))], range: .file("")), range: .file(""))],
        range: .file("")))
}
