import RoleGenCore

/// A resource of a statement that another resource of the same statement already covers.
struct RedundantResourceRule: LintRule {
    static let description = RuleDescription(
        id: "RG3014", name: "redundant_resource", title: "resource covered by another resource of the statement", severity: .note,
        rationale: "A resource ARN that a wildcard ARN of the same list already matches (arn:aws:s3:::bucket/reports/* next to arn:aws:s3:::bucket/*), or that is listed twice, adds nothing; often the wildcard is broader than intended: `arn:aws:s3:::app-*` matches the objects `arn:aws:s3:::app-*/*` names as well. ARNs compare field by field and case-sensitively, as IAM matches them.",
        fix: "Remove the covered resource, or narrow the wildcard ARN to what the workload needs.",
        documentation: AWSDocs.policyChecks,
        accessAnalyzer: ["REDUNDANT_RESOURCE"],
        judgesGrants: false,
        triggering: [
            .permissions("- allow: s3:GetObject\n  resources: [arn:aws:s3:::bucket/*, ↓arn:aws:s3:::bucket/reports/*]"),
            .permissions("- allow: sqs:SendMessage\n  resources: [↓arn:aws:sqs:eu-west-1:111122223333:jobs, \"arn:aws:sqs:*:111122223333:*\"]"),
        ],
        nonTriggering: [
            .permissions("- allow: s3:ListBucket\n  resources: [arn:aws:s3:::bucket, arn:aws:s3:::bucket-logs]"),
            .permissions("- allow: s3:GetObject\n  resources: [arn:aws:s3:::bucket/*, arn:aws:s3:::Bucket/reports/*]"),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*\n- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/reports/*\n  conditions:\n    Bool: {aws:SecureTransport: \"true\"}"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.writtenPermissions.flatMap { statement -> [Finding] in
            guard let resources = statement.statement.resource else { return [] }
            let patterns = resources.values.map { CoveragePattern(resource: $0.value) }
            return Wildcard.redundant(patterns, in: resources.values).map { item, coveredBy in
                redundancyFinding(item, coveredBy: coveredBy, source: statement.source, ignoringCase: false)
            }
        }
    }
}
