import RoleGenCore

/// One example of a rule in spec form. In a triggering example each `↓` marks where a finding
/// must start; the generic test strips the markers before compiling the spec.
public struct RuleExample: Sendable {
    public var spec: String
    /// The rule's `.rolegen.yaml` options the example is linted with.
    public var options: RuleOptions

    public init(_ spec: String, options: RuleOptions = RuleOptions()) {
        self.spec = spec
        self.options = options
    }
}

/// What a rule reads of a role, and so which raw policy files (`rolegen validate`) it can
/// judge on their own: a file has statements but no role settings.
public enum RuleScope: String, Sendable {
    /// Permission statements only (`permissions`, `allows`): roles, and identity and boundary policy files.
    case permissions
    /// Trust statements and own accounts only (`trust`, `ownAccounts`): roles, and trust policy files.
    case trust
    /// The role's own settings (managed policies, boundary, session duration, tags), alone or
    /// with its statements: roles only.
    case role
    /// Service control policies, in specs and in SCP policy files.
    case serviceControlPolicy

    /// The scope of a code's group: RG30xx permissions, RG31xx trust, any other hundred role
    /// (the safe choice, as it never runs on a file).
    public init(groupOf id: String) {
        switch id.prefix(4) {
        case "RG30": self = .permissions
        case "RG31": self = .trust
        case "RG34": self = .serviceControlPolicy
        default: self = .role
        }
    }
}

/// An option a rule takes in `.rolegen.yaml` (`lint.options.RULE.NAME`); its value is a list
/// of strings (a single string counts as a list of one).
public struct RuleOption: Sendable {
    public var name: String
    public var help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}

/// The values of a rule's options, by option name.
public struct RuleOptions: Sendable, Equatable {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) { self.values = values }

    /// The option's values; empty when it is not set.
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// `{keys: [owner, cost-center]}`, as the options are written in `.rolegen.yaml`.
    public var yaml: String {
        "{" + values.sorted { $0.key < $1.key }.map { "\($0.key): [\($0.value.joined(separator: ", "))]" }.joined(separator: ", ") + "}"
    }
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
    /// What the rule reads; by default its code's group (see `RuleScope(groupOf:)`).
    public var scope: RuleScope
    /// The options `.rolegen.yaml` may set for the rule; any other option is an error.
    public var options: [RuleOption]
    /// Whether the rule judges what statements grant (true), or how a document is written
    /// (redundancy, a Deny that denies nothing): such findings inside AWS managed policies are
    /// dropped, as AWS's documents are not the spec's to change.
    public var judgesGrants: Bool
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(id: String, name: String, title: String, severity: Severity, rationale: String, fix: String,
                documentation: String, accessAnalyzer: [String] = [], scope: RuleScope? = nil, options: [RuleOption] = [],
                judgesGrants: Bool = true, triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.name = name
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.fix = fix
        self.documentation = documentation
        self.accessAnalyzer = accessAnalyzer
        self.scope = scope ?? RuleScope(groupOf: id)
        self.options = options
        self.judgesGrants = judgesGrants
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
    /// The rule with its `.rolegen.yaml` options (only those its description declares).
    init(options: RuleOptions)
    func check(_ role: LintRole) -> [Finding]
    func check(_ policy: LintServiceControlPolicy) -> [Finding]
}

extension LintRule {
    public func check(_ role: LintRole) -> [Finding] { [] }
    public func check(_ policy: LintServiceControlPolicy) -> [Finding] { [] }
}

extension LintRule {
    /// Rules without options ignore them.
    public init(options: RuleOptions) { self.init() }
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
