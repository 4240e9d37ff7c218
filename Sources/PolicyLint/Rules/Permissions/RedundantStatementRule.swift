import RoleGenCore

/// A statement whose permissions another statement of the same policy already grants or denies.
struct RedundantStatementRule: LintRule {
    static let description = RuleDescription(
        id: "RG3012", name: "redundant_statement", title: "statement covered by another statement of the policy", severity: .note,
        rationale: "A statement with the same effect and conditions as another statement of the policy, whose every action and resource the other already covers, changes nothing: removing it leaves the policy's meaning intact. It is often a leftover of an edit that widened the other statement. Statements with NotAction or NotResource are not compared.",
        fix: "Remove the covered statement, or narrow the covering one if it grants more than intended.",
        documentation: AWSDocs.policyChecks,
        accessAnalyzer: ["REDUNDANT_STATEMENT"],
        triggering: [
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*\n- ↓allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- ↓allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/reports/*\n- allow: [s3:Get*, s3:List*]\n  resources: [arn:aws:s3:::bucket, arn:aws:s3:::bucket/*]"),
        ],
        nonTriggering: [
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*\n- deny: s3:GetObject\n  resources: arn:aws:s3:::bucket/*"),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*\n- allow: s3:GetObject\n  resources: arn:aws:s3:::other/*\n  conditions:\n    Bool: {aws:SecureTransport: \"true\"}"),
            .permissions("- allow: [s3:GetObject, s3:PutObject]\n  resources: arn:aws:s3:::bucket/*\n- allow: s3:GetObject\n  resources: arn:aws:s3:::other/*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        let statements = role.permissions.map(Scope.init)
        return statements.indices.compactMap { b in
            guard let covering = statements.indices.first(where: { a in
                a != b && statements[a].covers(statements[b]) && (a < b || !statements[b].covers(statements[a]))
            }) else { return nil }
            let redundant = role.permissions[b], other = role.permissions[covering]
            let name = other.statement.sid.map { "'\($0.value)'" } ?? "at line \(other.statement.effect.range.start.line)"
            return Finding("\(redundant.source): the statement adds nothing to the statement \(name), which covers its actions and resources under the same conditions",
                           at: redundant.statement.effect.range,
                           notes: [.init("the statement that covers it", at: other.statement.effect.range)])
        }
    }

    /// What two statements are compared on; nil parts (NotAction, NotResource, no list) never compare.
    private struct Scope {
        var source: String
        var effect: Effect
        var actions: [CoveragePattern]?
        var resources: [CoveragePattern]?
        var conditions: [String]

        init(_ statement: LintStatement) {
            source = statement.source
            effect = statement.statement.effect.value
            actions = statement.statement.action.flatMap { $0.negated ? nil : $0.values.map { CoveragePattern(action: $0.value) } }
            resources = statement.statement.resource.flatMap { $0.negated ? nil : $0.values.map { CoveragePattern(resource: $0.value) } }
            conditions = statement.statement.conditions.map { entry in
                "\(entry.operator.value) \(entry.key.value.lowercased()) \(entry.values.map(\.value).sorted())"
            }.sorted()
        }

        func covers(_ other: Scope) -> Bool {
            guard source == other.source, effect == other.effect, conditions == other.conditions,
                  let actions, let resources, let otherActions = other.actions, let otherResources = other.resources else { return false }
            return otherActions.allSatisfy { action in actions.contains { $0.covers(action) } }
                && otherResources.allSatisfy { resource in resources.contains { $0.covers(resource) } }
        }
    }
}
