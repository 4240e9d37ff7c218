/// Renders diagnostics as one JSON object (schema version 1, documented in docs/validate.md):
///
///     {"version": 1, "tool": {"name", "version"}, "summary": {"errors", "warnings", "notes"},
///      "diagnostics": [{"file", "line", "column", "endLine", "endColumn", "code", "severity",
///                       "message", "title", "fixIt", "helpUri", "notes": [...]}]}
///
/// Lines and columns are 1-based; columns count characters; the end is exclusive. A
/// diagnostic that concerns no file has `null` position fields.
public struct JSONDiagnosticFormatter {
    public static let schemaVersion = 1
    public var tool: DiagnosticRenderer.Tool

    public init(tool: DiagnosticRenderer.Tool) {
        self.tool = tool
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        JSONValue.object([
            ("version", .integer(Self.schemaVersion)),
            ("tool", .object([("name", .string(tool.name)), ("version", .string(tool.version))])),
            ("summary", .object(Severity.allCases.reversed().map { severity in
                (severity.rawValue + "s", .integer(diagnostics.filter { $0.severity == severity }.count))
            })),
            ("diagnostics", .array(diagnostics.map(value))),
        ]).encoded(pretty: true)
    }

    static func position(_ range: SourceRange?) -> [(String, JSONValue)] {
        guard let range else {
            return ["file", "line", "column", "endLine", "endColumn"].map { ($0, .null) }
        }
        return [
            ("file", .string(range.file)), ("line", .integer(range.start.line)), ("column", .integer(range.start.column)),
            ("endLine", .integer(range.end.line)), ("endColumn", .integer(range.end.column)),
        ]
    }

    private func value(_ diagnostic: Diagnostic) -> JSONValue {
        var members = Self.position(diagnostic.range)
        members += [
            ("code", .string(diagnostic.code.id)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("title", .string(diagnostic.code.title)),
            ("fixIt", diagnostic.fixIt.map(JSONValue.string) ?? .null),
            ("helpUri", diagnostic.code.helpURI.map(JSONValue.string) ?? .null),
            ("notes", .array(diagnostic.notes.map { note in
                .object([("message", .string(note.message))] + Self.position(note.range))
            })),
        ]
        return .object(members)
    }
}
