import RoleGenCore

/// A statement whose permissions another statement of the same policy already grants or denies.
struct RedundantStatementRule: LintRule {
    static let description = RuleDescription(
        id: "RG3012", name: "redundant_statement", title: "statement covered by another statement of the policy", severity: .note,
        rationale: "A statement with the same effect and conditions as another statement of the policy, whose every action and resource the other already covers, changes nothing: removing it leaves the policy's meaning intact. It is often a leftover of an edit that widened the other statement. Statements with NotAction or NotResource are not compared.",
        fix: "Remove the covered statement, or narrow the covering one if it grants more than intended.",
        documentation: AWSDocs.policyChecks,
        accessAnalyzer: ["REDUNDANT_STATEMENT"],
        judgesGrants: false,
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
        // Statements are compared within groups of one key. Patterns only for statements that
        // have a peer: most policies have few, and preparing every list costs more than the rule.
        let keys = role.writtenPermissions.map(Key.init)
        var groups: [Key: (id: Int, size: Int)] = [:]
        for key in keys where key.isComparable {
            let next = groups.count
            groups[key, default: (next, 0)].size += 1
        }
        let compared = zip(role.writtenPermissions, keys).map { statement, key in
            groups[key].flatMap { $0.size > 1 ? (group: $0.id, lists: Lists(statement.statement)) : nil }
        }
        func covers(_ a: Int, _ b: Int) -> Bool {
            guard let covering = compared[a], let covered = compared[b], covering.group == covered.group else { return false }
            return covering.lists.covers(covered.lists)
        }
        return role.writtenPermissions.indices.compactMap { b in
            guard compared[b] != nil, let covering = role.writtenPermissions.indices.first(where: { a in
                a != b && covers(a, b) && (a < b || !covers(b, a))
            }) else { return nil }
            let redundant = role.writtenPermissions[b], other = role.writtenPermissions[covering]
            let name = other.statement.sid.map { "'\($0.value)'" } ?? "at line \(other.statement.effect.range.start.line)"
            return Finding("\(redundant.source): the statement adds nothing to the statement \(name), which covers its actions and resources under the same conditions",
                           at: redundant.statement.effect.range,
                           notes: [.init("the statement that covers it", at: other.statement.effect.range)])
        }
    }

    /// What two statements must share to be compared: source, effect and conditions.
    /// Statements with NotAction, NotResource or without either list never compare.
    private struct Key: Hashable {
        var source: String
        var effect: Effect
        var conditions: [String]
        var isComparable: Bool

        init(_ statement: LintStatement) {
            source = statement.source
            effect = statement.statement.effect.value
            conditions = statement.statement.conditions.map { entry in
                "\(entry.operator.value) \(entry.key.value.lowercased()) \(entry.values.map(\.value).sorted())"
            }.sorted()
            let action = statement.statement.action, resource = statement.statement.resource
            isComparable = action.map { !$0.negated } == true && resource.map { !$0.negated } == true
        }
    }

    /// The action and resource lists of a comparable statement, prepared for coverage tests.
    private struct Lists {
        var actions: [CoveragePattern]
        var resources: [CoveragePattern]

        init(_ statement: Statement) {
            actions = (statement.action?.values ?? []).map { CoveragePattern(action: $0.value) }
            resources = (statement.resource?.values ?? []).map { CoveragePattern(resource: $0.value) }
        }

        func covers(_ other: Lists) -> Bool {
            // Resources first: the shorter lists, and the likelier to differ.
            other.resources.allSatisfy { resource in resources.contains { $0.covers(resource) } }
                && other.actions.allSatisfy { action in actions.contains { $0.covers(action) } }
        }
    }
}
