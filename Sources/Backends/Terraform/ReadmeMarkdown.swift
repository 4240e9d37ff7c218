import RoleGenCore

/// Markdown for the generated READMEs. Spec strings are shown as code spans, so nothing in a
/// spec can add markup, links or HTML to the page.
enum ReadmeMarkdown {
    /// `text` as a code span. Backslashes, line breaks and invisible characters are shown as
    /// escapes (`\\`, `\n`, `\u202E`); in a table cell `|` is escaped as GitHub requires.
    static func code(_ text: String, inTable: Bool = false) -> String {
        let shown = PlainText.isPrintableASCII(text, except: [UInt8(ascii: "\\"), UInt8(ascii: "|")]) ? text : escaped(text, inTable: inTable)
        if shown.isEmpty { return "`\"\"`" }
        // A fence longer than any run of backticks inside; pad when the text touches a backtick.
        var longest = 0, run = 0
        for character in shown {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = shown.hasPrefix("`") || shown.hasSuffix("`") || (shown.hasPrefix(" ") && shown.hasSuffix(" ")) ? " \(shown) " : shown
        return fence + padded + fence
    }

    /// The README section on lint: the findings and suppressions of this module's `parts`, or
    /// "not checked" when lint did not run — said outright, so nobody takes a missing section
    /// for "no findings".
    static func lintSection(_ report: LintReport?, parts: Set<LintReport.Part>) -> String {
        var text = "## Lint findings and suppressions\n\n"
        guard let report else {
            return text + "**Not checked.** This build ran with `--no-lint`, so this README lists no findings and no "
                + "suppressions; that says nothing about what it describes. The IAM limit and reference checks of `rolegen build` passed."
        }
        let findings = report.findings.filter { $0.part.map(parts.contains) ?? false }
        let suppressions = report.suppressions.filter { $0.part.map(parts.contains) ?? false }
        text += "Findings that did not stop the build (errors would have):\n\n"
        text += findings.isEmpty ? "- None: every enabled lint rule passed." : findings.map {
            "- **\($0.severity.rawValue) \($0.code)** (\($0.title)) at \(code($0.location)), \(describe($0.part!)): \(code($0.message))"
        }.joined(separator: "\n")
        text += "\n\nSuppressions written in the spec, with their reasons:\n\n"
        text += suppressions.isEmpty ? "- None." : suppressions.map {
            "- **\(code($0.rule))** at \(code($0.location)), \(describe($0.part!)): \(code($0.reason))"
        }.joined(separator: "\n")
        return text
    }

    private static func describe(_ part: LintReport.Part) -> String {
        "\(part.kind) \(code(part.name))"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    /// Backslashes, line breaks, invisible characters and (in tables) `|` as escapes.
    private static func escaped(_ text: String, inTable: Bool) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case "|" where inTable: shown += "\\|"
            default:
                if HCL.isVisible(scalar) {
                    shown.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    shown += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                }
            }
        }
        return shown
    }
}
