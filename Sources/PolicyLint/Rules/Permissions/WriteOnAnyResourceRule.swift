import RoleGenCore

/// Write and Permissions management actions on `*` that could name their resources.
struct WriteOnAnyResourceRule: LintRule {
    static let description = RuleDescription(
        id: "RG3007", name: "write_on_any_resource", title: "Write or Permissions management action on every resource", severity: .warning,
        rationale: "An action that acts on resource ARNs (per the Service Authorization Reference) but is allowed on `*`, NotResource or an ARN pattern covering every resource of its type (`arn:*:cloudtrail:*:*:trail/*`) can change or delete every such resource in the account, not just the workload's own. Actions that take only `*` (ec2:DescribeInstances, s3:ListAllMyBuckets) are left out, as are Permissions management actions that only read (Describe…, Get…, List…: quicksight:DescribeDashboardPermissions), statements scoped by a test of the resource's tags (ABAC), `*` and `svc:*` (RG3001, RG3002) and the actions more specific rules report: privilege escalation (RG3004), iam:PassRole (RG3003), credentials exposure (RG3008), data exfiltration (RG3009) and resource exposure (RG3010).",
        fix: "Scope Resource to the ARNs the workload changes (a bucket, a table, a name prefix); put actions that need `*` in a statement of their own.",
        documentation: AWSDocs.resourceLevelPermissions,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [s3:ListAllMyBuckets, ↓s3:PutObject]\n  resources: \"*\""),
            .permissions("- allow: [↓dynamodb:Update*, ec2:DescribeInstances]\n  resources: \"*\""),
            .permissions("- Effect: Allow\n  Action: [↓sqs:SendMessage, ↓sns:Publish]\n  Resource: \"*\""),
            .permissions("- allow: ↓ec2:StopInstances\n  resources: \"*\"\n  conditions:\n    StringEqualsIfExists: {aws:ResourceTag/app: web}"),
            .permissions("- allow: [cloudtrail:DescribeTrails, ↓cloudtrail:StopLogging]\n  resources: arn:*:cloudtrail:*:*:trail/*"),
        ],
        nonTriggering: [
            .permissions("- allow: s3:PutObject\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- allow: [ec2:DescribeInstances, s3:ListAllMyBuckets, s3:GetBucketLocation]\n  resources: \"*\""),
            .permissions("- allow: s3:*\n  resources: \"*\""),
            .permissions("- allow: quicksight:Describe*\n  resources: \"*\""),
            .permissions("- deny: s3:PutObject\n  resources: \"*\""),
            .permissions("- allow: [ec2:StartInstances, ec2:StopInstances]\n  resources: \"*\"\n  conditions:\n    StringEquals: {aws:ResourceTag/app: web}"),
        ])

    /// SecurityAudit's `quicksight:Describe*` reads who may access dashboards; AWS grades such
    /// actions Permissions management, but they change nothing.
    static func reads(_ grant: ActionGrant) -> Bool {
        let name = grant.action.drop { $0 != ":" }.dropFirst()
        return ["Describe", "Get", "List"].contains { name.hasPrefix($0) }
    }

    func check(_ role: LintRole) -> [Finding] {
        role.allows.filter { !Self.isScopedByResourceTag($0.statement) }.flatMap { statement in
            statement.unscopedGrants(Self.description.id) { $0.risk == nil && ($0.accessLevel == .write || ($0.accessLevel == .permissionsManagement && !Self.reads($0))) }
                .map { written, grants, reach in
                    let example = grants[0]
                    let types = example.resourceTypes.prefix(3).joined(separator: ", ")
                    if grants.count == 1 {
                        return Finding("\(statement.source) allows \(example.action) (\(example.accessLevel.rawValue)) on \(reach.description()), though it can be scoped to \(types) ARNs",
                                       at: written.range)
                    }
                    return Finding("\(statement.source) allows \(written.value) on \(reach.description()): \(grants.count) Write or Permissions management actions that can be scoped to resource ARNs, such as \(example.action) (\(types))",
                                   at: written.range)
                }
        }
    }

    /// Attribute-based access control: a test of the resource's tags (`aws:ResourceTag/…`,
    /// `ec2:ResourceTag/…`) that admits only its values scopes `*` to the resources that carry
    /// them; `…IfExists` does not, as an untagged resource passes it.
    static func isScopedByResourceTag(_ statement: Statement) -> Bool {
        statement.conditions.contains { $0.key.value.lowercased().contains(":resourcetag/") && $0.admitsOnlyItsValues }
    }
}
