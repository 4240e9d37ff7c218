import RoleGenCore

/// Actions that change a resource's own policy, ACL or sharing, on any resource.
struct ResourceExposureRule: LintRule {
    static let description = RuleDescription(
        id: "RG3010", name: "resource_exposure", title: "action that changes a resource's own policy", severity: .warning,
        rationale: "Whoever can rewrite a resource-based policy or ACL (s3:PutBucketPolicy, s3:PutBucketAcl, kms:PutKeyPolicy, lambda:AddPermission, sns:AddPermission, sqs:AddPermission, secretsmanager:PutResourcePolicy, ecr:SetRepositoryPolicy, glacier:SetVaultAccessPolicy, backup:PutBackupVaultAccessPolicy, elasticfilesystem:PutFileSystemPolicy, es:UpdateElasticsearchDomainConfig) or share a resource (ec2:ModifySnapshotAttribute, ram:AssociateResourceShare, sqs:SetQueueAttributes, sns:SetTopicAttributes, kms:CreateGrant) decides who may use it: it can grant itself, another account or the public any access to that resource, beyond what its own identity policies allow. That is an escalation even on one resource, so the rule reports the grant on any resource, naming it, and says so when it reaches every resource of the type. One rule rather than two: each grant is reported once, worded by how far it reaches. Included: Permissions management actions that put, set, add, update or attach a policy, ACL or permission; Put/Create/Update actions of a resource, permissions or access policy at any access level; and a short list of sharing actions. IAM's own actions change identity policies and are judged by RG3004 and RG3202. The policy evaluation engine is asked first: a Deny of the action, or a condition that pins the resource (aws:ResourceTag/…, service keys), silences the finding; other conditions are named in notes. `svc:*` and `*` on every resource are RG3002's and RG3001's.",
        fix: "Scope the action to the resources whose policies the workload must manage, or move policy changes to a deployment role; where the workload only uses the resource, leave the policy action out.",
        documentation: AWSDocs.resourceBasedPolicies,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [s3:PutObject, ↓s3:PutBucketPolicy]\n  resources: \"*\""),
            .permissions("- allow: [↓kms:PutKeyPolicy, ↓lambda:AddPermission, ↓sqs:SetQueueAttributes]\n  resources: \"*\""),
            .permissions("- allow: ↓s3:Put*Acl\n  resources: \"*\""),
            .permissions("- allow: [s3:GetObject, ↓s3:PutBucketPolicy]\n  resources: arn:aws:s3:::bucket"),
            .permissions("- allow: ↓sqs:*\n  resources: arn:aws:sqs:eu-west-1:111122223333:jobs"),
            .permissions("- allow: ↓secretsmanager:PutResourcePolicy\n  resources: arn:aws:secretsmanager:*:*:secret:*"),
            .permissions("- allow: ↓kms:CreateGrant\n  resources: \"*\"\n  conditions:\n    Bool: {aws:MultiFactorAuthPresent: \"true\"}"),
        ],
        nonTriggering: [
            .permissions("- allow: [s3:GetBucketPolicy, iam:GetRolePolicy, logs:PutRetentionPolicy]\n  resources: \"*\""),
            .permissions("- allow: kms:*\n  resources: \"*\""),
            .permissions("- deny: s3:PutBucketPolicy\n  resources: \"*\""),
            .permissions("- allow: s3:PutBucketPolicy\n  resources: arn:aws:s3:::bucket\n- deny: s3:PutBucket*\n  resources: \"*\""),
            .permissions("- allow: ecr:SetRepositoryPolicy\n  resources: \"*\"\n  conditions:\n    StringEquals: {aws:ResourceTag/team: web}"),
            .permissions("- allow: [s3:GetObject, s3:PutObject]\n  resources: arn:aws:s3:::bucket/*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        var cache: [EngineQuestion: EngineAnswer] = [:]
        return role.allows.flatMap { statement -> [Finding] in
            guard statement.wildcardAction == nil, statement.grants.contains(where: { $0.risk == .resourceExposure }) else { return [] }
            var groups: [(written: Located<String>, grants: [(grant: ActionGrant, reach: ResourceReach?)])] = []
            for grant in statement.grants where grant.risk == .resourceExposure && grant.takesResourceARNs {
                let reach = statement.reachingEvery(grant.action)
                // `svc:*` on every resource is RG3002's.
                if reach != nil, grant.written.value.hasSuffix(":*") { continue }
                if let last = groups.indices.last, groups[last].written == grant.written {
                    groups[last].grants.append((grant, reach))
                } else {
                    groups.append((grant.written, [(grant, reach)]))
                }
            }
            return groups.compactMap { written, grants in
                var kept: [ActionGrant] = [], notes: [Diagnostic.Note] = [], reach: ResourceReach?
                for (grant, grantReach) in grants {
                    let question = EngineQuestion(action: grant.action, resource: role.probe(grant.action, reach: grantReach, statement: statement))
                    let answer: EngineAnswer = role.engineCanOnlyAllow([statement]) ? .allowed(onlyIf: []) : role.ask([question], cache: &cache)
                    guard let onlyIf = answer.notes else { continue }
                    if kept.isEmpty { reach = grantReach }
                    kept.append(grant)
                    for note in onlyIf where !notes.contains(note) { notes.append(note) }
                }
                guard !kept.isEmpty else { return nil }
                if let reach {
                    return Finding("\(statement.source) allows \(ActionList(kept)) on \(reach.description()); the role can open any \(ActionList.resourceTypes(kept)) to itself, other accounts or the public",
                                   at: written.range, notes: notes)
                }
                return Finding("\(statement.source) allows \(ActionList(kept)) on \(Self.named(kept, in: statement)); the role can rewrite who may access \(kept.count == 1 && Self.resources(kept, in: statement).count == 1 ? "it" : "them"), itself and other accounts included",
                               at: written.range, notes: notes)
            }
        }
    }

    /// The statement's written resources that may hold resources of the actions: ARNs of their
    /// services (or with a wildcard service), and anything that is not an ARN.
    private static func resources(_ grants: [ActionGrant], in statement: LintStatement) -> [String] {
        let services = grants.reduce(into: Set<String>()) { $0.formUnion($1.resourceARNServices) }
        let values = statement.statement.resource?.values.map(\.value) ?? []
        let fitting = values.filter { value in
            let fields = value.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            return fields.count < 3 || fields[0] != "arn" || services.contains(String(fields[2])) || fields[2].contains("*")
        }
        return fitting.isEmpty ? values : fitting
    }

    /// `'arn:aws:s3:::bucket'`, `'a', 'b', 'c' and 2 more`.
    private static func named(_ grants: [ActionGrant], in statement: LintStatement) -> String {
        let all = resources(grants, in: statement)
        let names = all.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return all.count > 3 ? "\(names) and \(all.count - 3) more" : names
    }
}
