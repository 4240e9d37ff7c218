/// The diff for people: text for a terminal and Markdown for a pull-request comment. Lines
/// start with `+` (newly allowed or added), `-` (no longer allowed or removed) or `~` (changed).
extension SpecDiff {
    /// One block per principal, policy and SCP, then lint, then a summary line.
    public func text(color: Bool = false) -> String {
        var lines: [String] = []
        for principal in principals {
            lines.append(Self.heading(principal))
            lines += Self.body(principal, actionsShown: nil).map { "  " + Self.paint($0, color: color) }
        }
        lines += documentLines.map { Self.paint($0, color: color) }
        lines += lintLines.map { Self.paint($0, color: color) }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A pull-request comment: the summary, then one collapsible block per principal. Blocks
    /// that would take the comment past `limit` characters (GitHub allows 65,536) are left out,
    /// with a note saying how many.
    public func markdown(limit: Int = 60_000) -> String {
        var text = "### rolegen diff\n\n" + summary + "\n"
        var blocks: [String] = principals.map { principal in
            let flags = [principal.grantsNewAccess ? "new access" : nil, principal.grantsNewTrust ? "new trust" : nil].compactMap { $0 }
            let summary = Self.heading(principal).replacingOccurrences(of: "'", with: "`") + (flags.isEmpty ? "" : " — **" + flags.joined(separator: ", ") + "**")
            let body = Self.body(principal, actionsShown: 20)
            guard !body.isEmpty else { return "- " + summary + "\n" }
            return "<details><summary>\(summary)</summary>\n\n```diff\n" + body.joined(separator: "\n") + "\n```\n</details>\n\n"
        }
        let others = documentLines + lintLines
        if !others.isEmpty { blocks.append("```diff\n" + others.joined(separator: "\n") + "\n```\n") }
        text += "\n"
        for (n, block) in blocks.enumerated() {
            let note = "\n_\(blocks.count - n) more blocks not shown: the comment would pass GitHub's size limit. Run `rolegen diff` for all of it._\n"
            if text.count + block.count + note.count > limit {
                return text + note
            }
            text += block
        }
        return text
    }

    /// `3 changes: 2 roles changed, 1 added; new access in 1, new trust in 1`, or `no changes`.
    public var summary: String {
        let count = principals.count + policies.count + serviceControlPolicies.count
        guard !isEmpty else { return "no changes" }
        var kinds: [String] = []
        for kind in [ChangeKind.added, .changed, .renamed, .removed] {
            let n = principals.filter { $0.change == kind }.count
            if n > 0 { kinds.append("\(n) \(kind.rawValue)") }
        }
        var text = "\(count) change\(count == 1 ? "" : "s")"
        if !kinds.isEmpty { text += " (roles and permission sets: " + kinds.joined(separator: ", ") + ")" }
        text += "; new access in \(principals.filter(\.grantsNewAccess).count), new trust in \(principals.filter(\.grantsNewTrust).count)"
        if !lint.new.isEmpty || !lint.fixed.isEmpty { text += "; lint: \(lint.new.count) new, \(lint.fixed.count) fixed" }
        return text
    }

    private static func heading(_ principal: PrincipalChange) -> String {
        let name = "\(principal.kind) '\(principal.name)'"
        if let old = principal.renamedFrom { return "\(name): renamed from '\(old)', otherwise unchanged" }
        return "\(name): \(principal.change.rawValue)"
    }

    private static func body(_ principal: PrincipalChange, actionsShown: Int?) -> [String] {
        var lines: [String] = []
        for trust in principal.trust {
            let subject = "trust: \(trust.principal) may \(trust.action)"
            switch trust.change {
            case .added: lines.append("+ " + subject + conditions(trust.conditionsAfter))
            case .removed: lines.append("- " + subject + conditions(trust.conditionsBefore))
            default: lines.append("~ " + subject + ": " + conditions(trust.conditionsBefore).dropFirst() + " → " + conditions(trust.conditionsAfter).dropFirst()
                                  + (trust.widens ? " (looser)" : " (tighter)"))
            }
        }
        for access in principal.access {
            var names = access.actions
            if let shown = actionsShown, names.count > shown { names = Array(names.prefix(shown)) + ["… \(names.count - shown) more"] }
            let subject = access.service == "*" ? "access: " + names.joined(separator: ", ")
                : "access: \(access.service) \(access.level): " + names.joined(separator: ", ")
            switch access.change {
            case .added: lines.append("+ " + subject + " " + (access.after ?? ""))
            case .removed: lines.append("- " + subject + " " + (access.before ?? ""))
            default: lines.append("~ " + subject + ": " + (access.before ?? "") + " → " + (access.after ?? "") + (access.widens ? " (wider)" : " (narrower)"))
            }
        }
        for setting in principal.settings {
            lines.append("~ \(setting.setting): \(setting.before ?? "(none)") → \(setting.after ?? "(none)")")
        }
        return lines
    }

    /// ` if A and B`, ` if A or if B` (one per statement), or an empty string when unconditional.
    private static func conditions(_ sets: [[String]]?) -> String {
        let sets = sets ?? []
        if sets.contains(where: \.isEmpty) || sets.isEmpty { return " unconditionally" }
        return " " + sets.map { "if " + $0.joined(separator: " and ") }.joined(separator: ", or ")
    }

    private var documentLines: [String] {
        func lines(_ kind: String, _ changes: [DocumentChange]) -> [String] {
            changes.map { change in
                let marker = change.change == .added ? "+" : change.change == .removed ? "-" : "~"
                return "\(marker) \(kind) '\(change.name)': \(change.change.rawValue)" + (change.parts.isEmpty ? "" : " (" + change.parts.joined(separator: ", ") + ")")
            }
        }
        return lines("policy", policies) + lines("service control policy", serviceControlPolicies)
    }

    private var lintLines: [String] {
        func line(_ marker: String, _ finding: LintChange.Finding) -> String {
            "\(marker) lint \(finding.code) \(finding.severity)" + (finding.part.map { " in \($0)" } ?? "") + ": \(finding.message) (\(finding.location))"
        }
        return lint.new.map { line("+", $0) } + lint.fixed.map { line("-", $0) }
    }

    /// Green for added, red for removed, yellow for changed.
    private static func paint(_ line: String, color: Bool) -> String {
        guard color, let first = line.first else { return line }
        let code = first == "+" ? "32" : first == "-" ? "31" : first == "~" ? "33" : nil
        return code.map { "\u{1B}[\($0)m\(line)\u{1B}[0m" } ?? line
    }
}
