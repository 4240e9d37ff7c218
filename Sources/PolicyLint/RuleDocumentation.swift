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
                ("rationale", .string(d.rationale)),
                ("severity", .string(d.severity.rawValue)),
                ("title", .string(d.title)),
            ])
        }
        return JSONValue.array(rules).encoded(pretty: true) + "\n"
    }

    /// One rule in full, examples included, for `rolegen explain`.
    public static func explain(_ d: RuleDescription) -> String {
        var text = """
        \(d.id) \(d.name) (\(d.severity.rawValue)): \(d.title)

        \(d.rationale)

        Fix: \(d.fix)
        AWS documentation: \(d.documentation)
        Access Analyzer: \(d.accessAnalyzer.isEmpty ? "no corresponding check" : d.accessAnalyzer.joined(separator: ", "))

        """
        for (heading, examples) in [("Triggers (↓ marks the reported position)", d.triggering), ("Does not trigger", d.nonTriggering)] {
            text += "\n\(heading):\n"
            for example in examples {
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

        | code | name | severity | title | Access Analyzer |
        | --- | --- | --- | --- | --- |

        """
        for d in descriptions {
            text += "| [\(d.id)](#\(d.id.lowercased())) | `\(d.name)` | \(d.severity.rawValue) | \(d.title) | \(d.accessAnalyzer.map { "`\($0)`" }.joined(separator: ", ")) |\n"
        }
        for d in descriptions {
            text += """

            ## \(d.id)

            `\(d.name)` — \(d.title). Default severity: \(d.severity.rawValue).

            \(d.rationale)

            **Fix:** \(d.fix)

            AWS documentation: <\(d.documentation)>\(d.accessAnalyzer.isEmpty ? "" : "\nAccess Analyzer: " + d.accessAnalyzer.map { "`\($0)`" }.joined(separator: ", "))

            """
            for (heading, examples) in [("Triggers (`↓` marks the reported position)", d.triggering), ("Does not trigger", d.nonTriggering)] {
                text += "\n\(heading):\n"
                for example in examples {
                    text += "\n```yaml\n\(example.spec)```\n"
                }
            }
        }
        return text
    }
}
