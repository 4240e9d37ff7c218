import RoleGenCore

/// Actions that change resource-based policies, ACLs or sharing, on `*`.
struct ResourceExposureRule: LintRule {
    static let description = RuleDescription(
        id: "RG3010", name: "resource_exposure", title: "action that changes resource policies on every resource", severity: .warning,
        rationale: "Whoever can rewrite a resource-based policy or ACL (s3:PutBucketPolicy, s3:PutObjectAcl, kms:PutKeyPolicy, lambda:AddPermission, sns:AddPermission, secretsmanager:PutResourcePolicy, ecr:SetRepositoryPolicy) or share a resource (ec2:ModifySnapshotAttribute, ram:AssociateResourceShare, sqs:SetQueueAttributes, kms:CreateGrant) can open any such resource to other accounts or the public. Included: Permissions management actions that put, set, add, update or attach a policy, ACL or permission; Put/Create/Update actions of a resource, permissions or access policy at any access level; and a short list of sharing actions. IAM's own actions change identity policies and are judged by RG3004 and RG3202.",
        fix: "Scope Resource to the resources whose policies the workload manages, or move policy changes to a deployment role.",
        documentation: AWSDocs.resourceBasedPolicies,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [s3:PutObject, ↓s3:PutBucketPolicy]\n  resources: \"*\""),
            .permissions("- allow: [↓kms:PutKeyPolicy, ↓lambda:AddPermission, ↓sqs:SetQueueAttributes]\n  resources: \"*\""),
            .permissions("- allow: ↓s3:Put*Acl\n  resources: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: s3:PutBucketPolicy\n  resources: arn:aws:s3:::bucket"),
            .permissions("- allow: [s3:GetBucketPolicy, iam:GetRolePolicy, logs:PutRetentionPolicy]\n  resources: \"*\""),
            .permissions("- allow: kms:*\n  resources: \"*\""),
            .permissions("- deny: s3:PutBucketPolicy\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement in
            statement.unscopedGrants { $0.risk == .resourceExposure }.map { written, grants in
                Finding("\(statement.source) allows \(ActionList(grants)) on every resource; the role can open any \(ActionList.resourceTypes(grants)) to other accounts",
                        at: written.range)
            }
        }
    }
}
