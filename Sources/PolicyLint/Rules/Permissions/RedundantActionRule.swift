import RoleGenCore

/// An action of a statement that another action of the same statement already covers.
struct RedundantActionRule: LintRule {
    static let description = RuleDescription(
        id: "RG3013", name: "redundant_action", title: "action covered by another action of the statement", severity: .note,
        rationale: "An action that a wildcard of the same list already matches (iam:GetRole next to iam:Get*), or that is listed twice, adds nothing; it makes the statement look narrower or broader than it is, and it costs policy size.",
        fix: "Remove the covered action, or replace the wildcard by the actions the workload needs.",
        documentation: AWSDocs.policyChecks,
        accessAnalyzer: ["REDUNDANT_ACTION"],
        judgesGrants: false,
        triggering: [
            .permissions("- allow: [iam:Get*, ↓iam:GetRole, iam:ListRoles]\n  resources: \"*\""),
            .permissions("- allow: [s3:GetObject, s3:PutObject, ↓s3:getobject]\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- deny: [↓s3:DeleteObjectVersion, s3:Delete*]\n  resources: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: [iam:GetRole, iam:ListRoles]\n  resources: \"*\""),
            .permissions("- allow: [s3:Get*, s3:*Object]\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- allow: iam:Get*\n  resources: \"*\"\n- allow: iam:GetRole\n  resources: arn:aws:iam::111122223333:role/app"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.writtenPermissions.flatMap { statement -> [Finding] in
            guard let actions = statement.statement.action else { return [] }
            let patterns = actions.values.map { CoveragePattern(action: $0.value) }
            return Wildcard.redundant(patterns, in: actions.values).map { item, coveredBy in
                redundancyFinding(item, coveredBy: coveredBy, source: statement.source, ignoringCase: true)
            }
        }
    }
}

/// The finding for a list item another item of the same list covers.
func redundancyFinding(_ item: Located<String>, coveredBy: Located<String>, source: String, ignoringCase: Bool) -> Finding {
    let same = ignoringCase ? item.value.lowercased() == coveredBy.value.lowercased() : item.value == coveredBy.value
    if same {
        return Finding("\(source): \(item.value) is listed twice in the statement", at: item.range,
                       notes: [.init("listed first here", at: coveredBy.range)])
    }
    return Finding("\(source): \(item.value) is already covered by \(coveredBy.value) in the same statement", at: item.range,
                   notes: [.init("covered by \(coveredBy.value)", at: coveredBy.range)])
}
