/// Renders diagnostics as GitHub Actions workflow commands, which annotate the pull request:
/// `::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=RG0101 unknown key::message`.
public struct GitHubDiagnosticFormatter {
    public init() {}

    public func format(_ diagnostic: Diagnostic) -> String {
        let command: String
        switch diagnostic.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties: [(String, String)] = []
        if let range = diagnostic.range {
            properties.append(("file", range.file))
            properties.append(("line", String(range.start.line)))
            if range.end.line != range.start.line { properties.append(("endLine", String(range.end.line))) }
            properties.append(("col", String(range.start.column)))
            if range.end.line == range.start.line && range.end.column > range.start.column {
                properties.append(("endColumn", String(range.end.column)))
            }
        }
        properties.append(("title", "\(diagnostic.code.id) \(diagnostic.code.title)"))
        var message = diagnostic.message
        if let fixIt = diagnostic.fixIt { message += "\nhelp: " + fixIt }
        for note in diagnostic.notes {
            let at = note.range.map { " (\($0.file):\($0.start.line):\($0.start.column))" } ?? ""
            message += "\nnote: " + note.message + at
        }
        let rendered = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command) \(rendered)::\(Self.escapeData(message))\n"
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }

    /// The escaping of the runner's command parser (toolkit `escapeData`).
    static func escapeData(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    /// Property values also escape `:` and `,` (toolkit `escapeProperty`).
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
