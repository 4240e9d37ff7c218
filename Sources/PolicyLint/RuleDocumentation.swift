import RoleGenCore

/// `docs/rules.md`, `rolegen rules` and `rolegen explain`, generated from the rule descriptions.
public enum RuleDocumentation {
    public static var descriptions: [RuleDescription] { RuleRegistry.rules.map { $0.description } }

    /// One line a rule: code, severity, name, title.
    public static func table() -> String {
        descriptions.map { d in
            "\(d.id)  \(d.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(d.name.padding(toLength: 34, withPad: " ", startingAt: 0))  \(d.title)"
        }.joined(separator: "\n") + "\n"
    }

    /// Every rule as a JSON array, keys sorted, for `rolegen rules --format json`.
    public static func json() -> String {
        let rules = descriptions.map { d -> JSONValue in
            .object([
                ("access_analyzer", .array(d.accessAnalyzer.map { .string($0) })),
                ("code", .string(d.id)),
                ("documentation", .string(d.documentation)),
                ("fix", .string(d.fix)),
                ("name", .string(d.name)),
                ("options", .array(d.options.map { .object([("help", .string($0.help)), ("name", .string($0.name))]) })),
                ("rationale", .string(d.rationale)),
                ("scope", .string(d.scope.rawValue)),
                ("severity", .string(d.severity.rawValue)),
                ("title", .string(d.title)),
            ])
        }
        return JSONValue.array(rules).encoded(pretty: true) + "\n"
    }

    /// What a rule checks, in words: roles only, or raw policy files of some kinds too.
    public static func appliesTo(_ scope: RuleScope) -> String {
        switch scope {
        case .permissions: return "roles and permission sets (inline, customer and AWS managed policies); identity and boundary policy files"
        case .trust: return "roles; trust policy files"
        case .role: return "roles"
        case .serviceControlPolicy: return "service control policies; SCP policy files"
        }
    }

    /// The `.rolegen.yaml` options a rule takes, one line each.
    private static func optionLines(_ d: RuleDescription, code: (String) -> String) -> [String] {
        d.options.map { "\(code("lint.options.\(d.name).\($0.name)")): \($0.help) (a list of strings)" }
    }

    /// One rule in full, examples included, for `rolegen explain`.
    public static func explain(_ d: RuleDescription) -> String {
        var text = """
        \(d.id) \(d.name) (\(d.severity.rawValue)): \(d.title)

        \(d.rationale)

        Fix: \(d.fix)
        Applies to: \(appliesTo(d.scope))
        AWS documentation: \(d.documentation)
        Access Analyzer: \(d.accessAnalyzer.isEmpty ? "no corresponding check" : d.accessAnalyzer.joined(separator: ", "))

        """
        for line in optionLines(d, code: { $0 }) { text += "Option: \(line)\n" }
        for (heading, examples) in [("Triggers (↓ marks the reported position)", d.triggering), ("Does not trigger", d.nonTriggering)] {
            text += "\n\(heading):\n"
            for example in examples {
                if !example.options.values.isEmpty { text += "\n  with options \(example.options.yaml):\n" }
                text += "\n" + example.spec.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            }
        }
        return text
    }

    /// docs/rules.md.
    public static func markdown() -> String {
        var text = """
        # Lint rules

        Generated from the rule descriptions in `Sources/PolicyLint/Rules/` by the test suite
        (`ROLEGEN_RECORD=1` rewrites it); `rolegen rules` and `rolegen explain CODE` print the same.
        Codes never change meaning once released.

        Rules check roles of specs. `rolegen validate` also runs them on raw policy files, as far
        as a file can tell: identity and boundary policies get the permission rules (RG30xx), trust
        policies the trust rules (RG31xx); rules about a role's own settings (RG32xx) need a role,
        and resource policies and SCPs belong to no role. `.rolegen.yaml` configures the rules
        (see [spec.md](spec.md#lint)); JSON has no place for `lint.ignore`, so findings in policy
        files are silenced there with `disable` or `exclude`.

        | code | name | severity | title | applies to | Access Analyzer |
        | --- | --- | --- | --- | --- | --- |

        """
        for d in descriptions {
            text += "| [\(d.id)](#\(d.id.lowercased())) | `\(d.name)` | \(d.severity.rawValue) | \(d.title) | \(appliesTo(d.scope)) | \(d.accessAnalyzer.map { "`\($0)`" }.joined(separator: ", ")) |\n"
        }
        for d in descriptions {
            text += """

            ## \(d.id)

            `\(d.name)` — \(d.title). Default severity: \(d.severity.rawValue).

            \(d.rationale)

            **Fix:** \(d.fix)

            Applies to: \(appliesTo(d.scope)).
            AWS documentation: <\(d.documentation)>\(d.accessAnalyzer.isEmpty ? "" : "\nAccess Analyzer: " + d.accessAnalyzer.map { "`\($0)`" }.joined(separator: ", "))

            """
            let options = optionLines(d, code: { "`\($0)`" })
            if !options.isEmpty { text += "\nOptions (`.rolegen.yaml`):\n\n" + options.map { "- \($0)\n" }.joined() }
            for (heading, examples) in [("Triggers (`↓` marks the reported position)", d.triggering), ("Does not trigger", d.nonTriggering)] {
                text += "\n\(heading):\n"
                for example in examples {
                    if !example.options.values.isEmpty { text += "\nWith `lint.options.\(d.name): \(example.options.yaml)`:\n" }
                    text += "\n```yaml\n\(example.spec)```\n"
                }
            }
        }
        text += "\n## Retired rules\n\nTheir codes are not reused; `.rolegen.yaml` and `lint.ignore` entries that name them draw a warning.\n\n"
        for retired in RuleRegistry.retired {
            text += "- \(retired.id) `\(retired.name)`: \(retired.replacement)\n"
        }
        return text
    }
}
