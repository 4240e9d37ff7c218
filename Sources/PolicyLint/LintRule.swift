import RoleGenCore

/// One example of a rule in spec form. In a triggering example each `↓` marks where a finding
/// must start; the generic test strips the markers before compiling the spec.
public struct RuleExample: Sendable {
    public var spec: String

    public init(_ spec: String) { self.spec = spec }
}

/// Everything a rule says about itself: documentation, `rolegen rules`, `rolegen explain` and
/// the example tests are generated from it.
public struct RuleDescription: Sendable {
    /// Stable code, `RG3xxx`; never reused.
    public var id: String
    /// snake_case name, usable in place of the code.
    public var name: String
    public var title: String
    public var severity: Severity
    public var rationale: String
    public var fix: String
    public var documentation: String
    /// IAM Access Analyzer issue codes the rule corresponds to (empty: AWS has no such check).
    public var accessAnalyzer: [String]
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(id: String, name: String, title: String, severity: Severity, rationale: String, fix: String,
                documentation: String, accessAnalyzer: [String] = [],
                triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.name = name
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.fix = fix
        self.documentation = documentation
        self.accessAnalyzer = accessAnalyzer
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    public var code: DiagnosticCode {
        DiagnosticCode(id, title, help: rationale + " " + fix, helpURI: documentation)
    }
}

/// A least-privilege check over one role or one service control policy, seen through the
/// catalog-annotated view. A rule implements the check it needs; the other finds nothing.
public protocol LintRule: Sendable {
    static var description: RuleDescription { get }
    init()
    func check(_ role: LintRole) -> [Finding]
    func check(_ policy: LintServiceControlPolicy) -> [Finding]
}

extension LintRule {
    public func check(_ role: LintRole) -> [Finding] { [] }
    public func check(_ policy: LintServiceControlPolicy) -> [Finding] { [] }
}

/// What a rule reports; the linter adds code, severity and fix hint.
public struct Finding: Sendable {
    public var message: String
    public var range: SourceRange
    public var notes: [Diagnostic.Note]

    public init(_ message: String, at range: SourceRange, notes: [Diagnostic.Note] = []) {
        self.message = message
        self.range = range
        self.notes = notes
    }
}
