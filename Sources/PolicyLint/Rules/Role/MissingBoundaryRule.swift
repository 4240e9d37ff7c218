import RoleGenCore

/// A role that can create or change IAM principals without a permissions boundary.
struct MissingBoundaryRule: LintRule {
    static let principalActions = [
        "iam:CreateRole", "iam:CreateUser", "iam:PutRolePolicy", "iam:PutUserPolicy",
        "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:UpdateAssumeRolePolicy",
        "iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary",
    ]

    static let description = RuleDescription(
        id: "RG3202", name: "iam_principals_without_boundary", title: "role manages IAM principals but has no permissions boundary", severity: .warning,
        rationale: "A role that creates or changes roles and users can hand them more than it has itself; a permissions boundary caps what it can ever grant.",
        fix: "Set `permissions_boundary:` on the role (or `defaults.permissions_boundary`) and require the same boundary on the principals it creates with iam:PermissionsBoundary.",
        documentation: AWSDocs.boundaries,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: ↓iam:CreateRole\n  resources: arn:aws:iam::111122223333:role/app-*"),
            .permissions("- allow: [s3:GetObject, ↓iam:*]\n  resources: arn:aws:iam::111122223333:role/app-*"),
        ],
        nonTriggering: [
            .permissions("- allow: iam:CreateRole\n  resources: arn:aws:iam::111122223333:role/app-*",
                         role: "permissions_boundary: arn:aws:iam::111122223333:policy/boundary"),
            .permissions("- allow: iam:GetRole\n  resources: arn:aws:iam::111122223333:role/app-*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        guard role.role.permissionsBoundary == nil else { return [] }
        return role.allows.flatMap { statement -> [Finding] in
            guard statement.wildcardAction == nil, let actions = statement.statement.action, !actions.negated else { return [] }
            // Asked per action (`granting` remembers answers for AWS's long lists), reported per
            // written action, with the first principal action it grants.
            var first: [SourceRange: String] = [:]
            for action in Self.principalActions {
                if let written = statement.granting(action), first[written.range] == nil { first[written.range] = action }
            }
            return actions.values.compactMap { written in
                first[written.range].map { Finding("\(statement.source) allows \($0) but the role has no permissions boundary", at: written.range) }
            }
        }
    }
}
