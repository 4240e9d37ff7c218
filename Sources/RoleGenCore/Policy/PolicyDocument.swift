/// An IAM policy document. Every element keeps the source range it came from, so checks
/// that run on the document can point at the spec line (or JSON line) that produced it.
public struct PolicyDocument: Sendable {
    public var version: Located<String>?
    public var id: Located<String>?
    public var statements: [Statement]
    public var range: SourceRange

    public init(version: Located<String>?, id: Located<String>? = nil, statements: [Statement], range: SourceRange) {
        self.version = version
        self.id = id
        self.statements = statements
        self.range = range
    }

    public static let currentVersion = "2012-10-17"
}

public enum Effect: String, Sendable {
    case allow = "Allow"
    case deny = "Deny"
}

/// `Action` or `NotAction`, `Resource` or `NotResource`: a list of strings that may be negated.
public struct ElementList: Sendable {
    public var values: [Located<String>]
    public var negated: Bool
    public var range: SourceRange

    public init(_ values: [Located<String>], negated: Bool = false, range: SourceRange) {
        self.values = values
        self.negated = negated
        self.range = range
    }
}

/// `Principal` or `NotPrincipal`: either `"*"` or principal type → identifiers.
public struct PrincipalElement: Sendable {
    public enum Content: Sendable {
        case wildcard
        case typed([(type: Located<String>, values: [Located<String>])])
    }

    public var content: Content
    public var negated: Bool
    public var range: SourceRange

    public init(_ content: Content, negated: Bool = false, range: SourceRange) {
        self.content = content
        self.negated = negated
        self.range = range
    }
}

/// One `operator → key → values` triple of a `Condition` block.
public struct ConditionEntry: Sendable {
    public var `operator`: Located<String>
    public var key: Located<String>
    public var values: [Located<String>]

    public init(operator: Located<String>, key: Located<String>, values: [Located<String>]) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }
}

public struct Statement: Sendable {
    public var sid: Located<String>?
    public var effect: Located<Effect>
    public var principal: PrincipalElement?
    public var action: ElementList?
    public var resource: ElementList?
    public var conditions: [ConditionEntry]
    public var range: SourceRange

    public init(
        sid: Located<String>? = nil, effect: Located<Effect>, principal: PrincipalElement? = nil,
        action: ElementList?, resource: ElementList?, conditions: [ConditionEntry] = [], range: SourceRange
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.range = range
    }
}
