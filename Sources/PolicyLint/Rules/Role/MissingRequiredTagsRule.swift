import RoleGenCore

/// Opt-in: every role carries the tag keys a repository requires (`.rolegen.yaml` options).
struct MissingRequiredTagsRule: LintRule {
    static let requiredOptions = RuleOptions(["keys": ["owner", "cost-center"]])

    static let description = RuleDescription(
        id: "RG3203", name: "missing_required_tags", title: "role lacks a tag key the repository requires", severity: .warning,
        rationale: "Ownership, cost allocation, attribute-based access control (aws:PrincipalTag conditions) and clean-up all depend on agreed tag keys being present on every role. The rule does nothing until `.rolegen.yaml` lists the keys: `lint: {options: {missing_required_tags: {keys: [owner, cost-center]}}}`. Keys are compared exactly.",
        fix: "Add the missing keys under the role's `tags:`, or under `defaults.tags` so that every role of the file carries them.",
        documentation: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html",
        accessAnalyzer: [],
        options: [RuleOption("keys", help: "tag keys every role must carry")],
        triggering: [
            RuleExample("""
            version: 1
            roles:
              - ↓name: app
                trust:
                  - service: ec2.amazonaws.com

            """, options: requiredOptions),
            RuleExample("""
            version: 1
            defaults:
              tags: {owner: platform-team}
            roles:
              - ↓name: app
                trust:
                  - service: ec2.amazonaws.com
                tags: {Cost-Center: "4711"}

            """, options: requiredOptions),
        ],
        nonTriggering: [
            RuleExample("""
            version: 1
            defaults:
              tags: {owner: platform-team}
            roles:
              - name: app
                trust:
                  - service: ec2.amazonaws.com
                tags: {cost-center: "4711"}

            """, options: requiredOptions),
            RuleExample("""
            version: 1
            roles:
              - name: app
                trust:
                  - service: ec2.amazonaws.com

            """),
        ])

    var requiredKeys: [String] = []

    init() {}

    init(options: RuleOptions) {
        requiredKeys = options.strings("keys")
    }

    func check(_ role: LintRole) -> [Finding] {
        let keys = role.role.tags.map(\.key)
        let missing = requiredKeys.filter { !keys.contains($0) }
        guard !missing.isEmpty else { return [] }
        let described = missing.map { key in
            keys.first { $0.lowercased() == key.lowercased() }.map { "'\(key)' (it has '\($0)')" } ?? "'\(key)'"
        }
        return [Finding("role '\(role.role.name)' lacks the required tag\(missing.count == 1 ? "" : "s") \(described.joined(separator: ", "))",
                        at: role.role.range)]
    }
}
