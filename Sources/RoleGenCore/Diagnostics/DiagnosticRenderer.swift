/// The output formats of diagnostics.
public enum DiagnosticOutputFormat: String, CaseIterable, Sendable {
    /// `file:line:col: error[RG0101]: message`, the source line and a caret (DiagnosticFormatter).
    case text
    /// One JSON object with a `diagnostics` array; schema in docs/validate.md.
    case json
    /// SARIF 2.1.0, as GitHub code scanning accepts it.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    case github
}

/// The one place that picks a formatter for an output format.
public struct DiagnosticRenderer {
    public struct Tool: Sendable {
        public var name: String
        public var version: String
        public var informationURI: String?

        public init(name: String, version: String, informationURI: String? = nil) {
            self.name = name
            self.version = version
            self.informationURI = informationURI
        }
    }

    public var format: DiagnosticOutputFormat
    public var useColor: Bool
    public var sources: [String: String]
    public var tool: Tool

    public init(format: DiagnosticOutputFormat, useColor: Bool = false, sources: [String: String] = [:], tool: Tool) {
        self.format = format
        self.useColor = useColor
        self.sources = sources
        self.tool = tool
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch format {
        case .text: return DiagnosticFormatter(useColor: useColor, sources: sources).format(diagnostics)
        case .json: return JSONDiagnosticFormatter(tool: tool).format(diagnostics)
        case .sarif: return SARIFDiagnosticFormatter(tool: tool).format(diagnostics)
        case .github: return GitHubDiagnosticFormatter().format(diagnostics)
        }
    }
}
