/// Renders diagnostics as a SARIF 2.1.0 log with one run, as GitHub code scanning takes it:
/// one rule per diagnostic code (title, help text, help URI), one result per diagnostic,
/// notes as related locations. Columns count Unicode code points (`columnKind`).
public struct SARIFDiagnosticFormatter {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public var tool: DiagnosticRenderer.Tool

    public init(tool: DiagnosticRenderer.Tool) {
        self.tool = tool
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        var rules: [(code: DiagnosticCode, severity: Severity)] = []
        var ruleIndex: [String: Int] = [:]
        for diagnostic in diagnostics where ruleIndex[diagnostic.code.id] == nil {
            ruleIndex[diagnostic.code.id] = rules.count
            rules.append((diagnostic.code, diagnostic.severity))
        }
        var driver: [(String, JSONValue)] = [("name", .string(tool.name)), ("version", .string(tool.version))]
        if let uri = tool.informationURI { driver.append(("informationUri", .string(uri))) }
        driver.append(("rules", .array(rules.map(rule))))
        let results = diagnostics.map { result($0, ruleIndex: ruleIndex[$0.code.id]!) }
        return JSONValue.object([
            ("$schema", .string(Self.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object(driver))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ]).encoded(pretty: true)
    }

    private func rule(_ entry: (code: DiagnosticCode, severity: Severity)) -> JSONValue {
        let help = entry.code.help ?? entry.code.title
        var members: [(String, JSONValue)] = [
            ("id", .string(entry.code.id)),
            ("name", .string(Self.ruleName(entry.code.title))),
            ("shortDescription", .object([("text", .string(entry.code.title))])),
            ("fullDescription", .object([("text", .string(help))])),
            ("help", .object([("text", .string(help)),
                              ("markdown", .string(help + (entry.code.helpURI.map { "\n\n[AWS documentation](\($0))" } ?? "")))])),
        ]
        if let uri = entry.code.helpURI { members.append(("helpUri", .string(uri))) }
        members.append(("defaultConfiguration", .object([("level", .string(Self.level(entry.severity)))])))
        return .object(members)
    }

    /// "unknown condition operator" → "UnknownConditionOperator".
    static func ruleName(_ title: String) -> String {
        // An apostrophe joins its word: "key's type" is KeysType, not KeySType.
        title.filter { $0 != "'" && $0 != "’" }.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private func result(_ diagnostic: Diagnostic, ruleIndex: Int) -> JSONValue {
        var message = diagnostic.message
        if let fixIt = diagnostic.fixIt { message += " (\(fixIt))" }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.code.id)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string(Self.level(diagnostic.severity))),
            ("message", .object([("text", .string(message))])),
        ]
        if let location = Self.location(diagnostic.range) { members.append(("locations", .array([location]))) }
        let related = diagnostic.notes.enumerated().compactMap { index, note in
            Self.location(note.range, id: index, message: note.message)
        }
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        return .object(members)
    }

    static func location(_ range: SourceRange?, id: Int? = nil, message: String? = nil) -> JSONValue? {
        guard let range else { return nil }
        var region: [(String, JSONValue)] = [("startLine", .integer(max(1, range.start.line))), ("startColumn", .integer(max(1, range.start.column)))]
        if range.end.offset > range.start.offset {
            region += [("endLine", .integer(range.end.line)), ("endColumn", .integer(range.end.column))]
        }
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .integer(id))) }
        members.append(("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(uri(range.file)))])),
            ("region", .object(region)),
        ])))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }

    /// A relative URI reference for a path: characters outside RFC 3986's unreserved and
    /// path sets are percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~/!$&'()*+,;=:@".contains(c)) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
