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
        guard let range, let text = sources[range.file], let line = Self.line(at: range.start.offset, of: text) else {
            return ""
        }
        // Lines are cut to a window around the caret by bytes first, so a 100 MB line costs
        // no more than a short one; then columns count characters and tabs show as one space.
        let window = 100
        var bytes = line.bytes
        var startColumn = max(1, range.start.column)
        let caretByte = max(0, min(range.start.offset - line.startOffset, bytes.count))
        var cutBefore = false, cutAfter = false
        if bytes.count > 4 * window {
            var from = max(0, caretByte - window)
            var to = min(bytes.count, caretByte + 3 * window)
            while from > 0 && bytes[from] & 0xC0 == 0x80 { from -= 1 }
            while to < bytes.count && bytes[to] & 0xC0 == 0x80 { to += 1 }
            startColumn = String(decoding: bytes[from..<caretByte], as: UTF8.self).count + 1
            cutBefore = from > 0
            cutAfter = to < bytes.count
            bytes = Array(bytes[from..<to])
        }
        var shown = String(String(decoding: bytes, as: UTF8.self).map { $0 == "\t" ? " " : $0 })
        if shown.count > window {
            let from = max(0, min(startColumn - 1 - window / 4, shown.count - window))
            let cut = shown.dropFirst(from).prefix(window)
            cutBefore = cutBefore || from > 0
            cutAfter = cutAfter || from + window < shown.count
            shown = String(cut)
            startColumn -= from
        }
        if cutBefore {
            shown = "…" + shown
            startColumn += 1
        }
        if cutAfter { shown += "…" }
        var width = 1
        if range.end.line == range.start.line && range.end.column > range.start.column {
            width = range.end.column - range.start.column
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

    /// The line holding byte `offset`, without its line break, and where it starts: found
    /// from the offset, because scanning from the top of the file for each diagnostic costs
    /// quadratic time on files with thousands of findings. At most `reach` bytes either side
    /// of the offset are looked at, so thousands of findings on one 4 MB line stay cheap;
    /// a longer line comes back cut, which the excerpt does anyway.
    static func line(at offset: Int, of text: String, reach: Int = 1024) -> (bytes: [UInt8], startOffset: Int)? {
        var text = text
        return text.withUTF8 { bytes in
            guard offset >= 0, offset <= bytes.count else { return nil }
            let lowest = max(0, offset - reach), highest = min(bytes.count, offset + reach)
            var start = offset
            while start > lowest && bytes[start - 1] != 0x0A { start -= 1 }
            var end = offset
            while end < highest && bytes[end] != 0x0A { end += 1 }
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            // A cut never splits a character.
            while start < offset && bytes[start] & 0xC0 == 0x80 { start += 1 }
            while end > offset && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            return (Array(bytes[start..<end]), start)
        }
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
