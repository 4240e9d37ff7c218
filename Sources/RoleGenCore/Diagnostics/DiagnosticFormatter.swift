/// Renders diagnostics as `file:line:col: error[RG0101]: message`, followed by the
/// source line with a caret under the range, notes and the fix-it.
public struct DiagnosticFormatter {
    public var useColor: Bool
    /// The text of each file, for quoting the offending line.
    public var sources: [String: String]

    public init(useColor: Bool = false, sources: [String: String] = [:]) {
        self.useColor = useColor
        self.sources = sources
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.id)]"
        out += location(diagnostic.range)
        out += paint(label, color: color(for: diagnostic.severity), bold: true)
        out += paint(": " + diagnostic.message, color: nil, bold: true) + "\n"
        out += excerpt(diagnostic.range)
        for note in diagnostic.notes {
            out += location(note.range) + paint("note", color: "36", bold: true) + ": " + note.message + "\n"
            out += excerpt(note.range)
        }
        if let fixIt = diagnostic.fixIt {
            out += paint("  help", color: "32", bold: true) + ": " + fixIt + "\n"
        }
        return out
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }

    /// "2 errors, 1 warning" — the closing line of a run.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    private func location(_ range: SourceRange?) -> String {
        guard let range else { return "rolegen: " }
        if range.start.offset == 0 && range.end.offset == 0 && range.start.line == 1 && range.start.column == 1,
           sources[range.file] == nil {
            return paint(range.file + ": ", color: nil, bold: true)
        }
        return paint("\(range.file):\(range.start.line):\(range.start.column): ", color: nil, bold: true)
    }

    private func excerpt(_ range: SourceRange?) -> String {
        guard let range, let text = sources[range.file], let line = Self.line(range.start.line, of: text) else {
            return ""
        }
        // Columns count characters; tabs are shown as one space so the caret lines up.
        var shown = String(line.map { $0 == "\t" ? " " : $0 })
        var startColumn = max(1, range.start.column)
        var width = 1
        if range.end.line == range.start.line && range.end.column > startColumn {
            width = range.end.column - startColumn
        }
        // Very long lines are cut to a window around the caret.
        let window = 100
        if shown.count > window {
            let from = max(0, min(startColumn - 1 - window / 4, shown.count - window))
            let cut = shown.dropFirst(from).prefix(window)
            shown = (from > 0 ? "…" : "") + cut + (from + window < shown.count ? "…" : "")
            startColumn = startColumn - from + (from > 0 ? 1 : 0)
        }
        width = max(1, min(width, max(1, shown.count - startColumn + 1)))
        let gutter = String(range.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        var out = "\(pad) |\n"
        out += "\(gutter) | \(shown)\n"
        out += "\(pad) | " + String(repeating: " ", count: startColumn - 1)
            + paint("^" + String(repeating: "~", count: width - 1), color: "32", bold: true) + "\n"
        return out
    }

    static func line(_ number: Int, of text: String) -> Substring? {
        var current = 1
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" || text[index] == "\r\n" {
                if current == number { return text[start..<index] }
                current += 1
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == number && start < text.endIndex ? text[start..<text.endIndex] : nil
    }

    private func color(for severity: Severity) -> String {
        switch severity {
        case .error: return "31"
        case .warning: return "33"
        case .note: return "36"
        }
    }

    private func paint(_ text: String, color: String?, bold: Bool) -> String {
        guard useColor else { return text }
        let codes = [bold ? "1" : nil, color].compactMap { $0 }.joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}
