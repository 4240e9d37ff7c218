/// An IAM policy document. Every element keeps the source range it came from, so checks
/// that run on the document can point at the spec line (or JSON line) that produced it.
/// Its strings are `String` as written (`PolicyDocument`), or `Text` once the resolver has
/// expanded variables and left deploy-time inputs open (`ModelDocument`).
public struct PolicyDocumentOf<Word: Sendable>: Sendable {
    public var version: Located<String>?
    public var id: Located<Word>?
    public var statements: [StatementOf<Word>]
    public var range: SourceRange

    public init(version: Located<String>?, id: Located<Word>? = nil, statements: [StatementOf<Word>], range: SourceRange) {
        self.version = version
        self.id = id
        self.statements = statements
        self.range = range
    }

}

public typealias PolicyDocument = PolicyDocumentOf<String>
public typealias Statement = StatementOf<String>
public typealias ElementList = ElementListOf<String>
public typealias PrincipalElement = PrincipalElementOf<String>
public typealias ConditionEntry = ConditionEntryOf<String>

/// A document of the resolved model.
public typealias ModelDocument = PolicyDocumentOf<Text>

public enum PolicyVersion {
    public static let current = "2012-10-17"
}

public enum Effect: String, Sendable {
    case allow = "Allow"
    case deny = "Deny"
}

/// `Action` or `NotAction`, `Resource` or `NotResource`: a list of strings that may be negated.
public struct ElementListOf<Word: Sendable>: Sendable {
    public var values: [Located<Word>]
    public var negated: Bool
    public var range: SourceRange

    public init(_ values: [Located<Word>], negated: Bool = false, range: SourceRange) {
        self.values = values
        self.negated = negated
        self.range = range
    }
}

/// `Principal` or `NotPrincipal`: either `"*"` or principal type → identifiers.
public struct PrincipalElementOf<Word: Sendable>: Sendable {
    public enum Content: Sendable {
        case wildcard
        case typed([(type: Located<String>, values: [Located<Word>])])
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
public struct ConditionEntryOf<Word: Sendable>: Sendable {
    public var `operator`: Located<String>
    /// Known at build time: a key names what the condition tests.
    public var key: Located<String>
    public var values: [Located<Word>]

    public init(operator: Located<String>, key: Located<String>, values: [Located<Word>]) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }
}

public struct StatementOf<Word: Sendable>: Sendable {
    public var sid: Located<Word>?
    public var effect: Located<Effect>
    public var principal: PrincipalElementOf<Word>?
    public var action: ElementListOf<Word>?
    public var resource: ElementListOf<Word>?
    public var conditions: [ConditionEntryOf<Word>]
    public var range: SourceRange

    public init(
        sid: Located<Word>? = nil, effect: Located<Effect>, principal: PrincipalElementOf<Word>? = nil,
        action: ElementListOf<Word>?, resource: ElementListOf<Word>?, conditions: [ConditionEntryOf<Word>] = [], range: SourceRange
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

extension PolicyDocumentOf {
    /// The same document with every string (Sid, Id, actions, resources, principals and
    /// condition values; keys and operators are plain strings) transformed; `element` says
    /// which element a string belongs to.
    public func map<T>(_ transform: (Located<Word>, PolicyElement) -> T) -> PolicyDocumentOf<T> {
        func list(_ values: [Located<Word>], _ element: PolicyElement) -> [Located<T>] {
            values.map { Located(transform($0, element), $0.range) }
        }
        func located(_ value: Located<Word>, _ element: PolicyElement) -> Located<T> { Located(transform(value, element), value.range) }
        return PolicyDocumentOf<T>(version: version, id: id.map { located($0, .id) }, statements: statements.map { statement in
            StatementOf<T>(
                sid: statement.sid.map { located($0, .sid) }, effect: statement.effect,
                principal: statement.principal.map { principal in
                    switch principal.content {
                    case .wildcard:
                        return PrincipalElementOf<T>(.wildcard, negated: principal.negated, range: principal.range)
                    case .typed(let entries):
                        return PrincipalElementOf<T>(.typed(entries.map { ($0.type, list($0.values, .principal)) }),
                                                     negated: principal.negated, range: principal.range)
                    }
                },
                action: statement.action.map { ElementListOf<T>(list($0.values, .action), negated: $0.negated, range: $0.range) },
                resource: statement.resource.map { ElementListOf<T>(list($0.values, .resource), negated: $0.negated, range: $0.range) },
                conditions: statement.conditions.map {
                    ConditionEntryOf<T>(operator: $0.operator, key: $0.key, values: list($0.values, .conditionValue))
                },
                range: statement.range)
        }, range: range)
    }

    public func map<T>(_ transform: (Word) -> T) -> PolicyDocumentOf<T> {
        map { value, _ in transform(value.value) }
    }
}

/// Where a string sits in a policy document.
public enum PolicyElement: Sendable {
    case id, sid, principal, action, resource, conditionValue
}

extension PolicyDocumentOf where Word == String {
    /// The document as the model holds it, every string literal.
    public var asModel: ModelDocument { map { Text($0) } }
}

extension PolicyDocumentOf where Word == Text {
    /// The document with inputs shown as `${name}`: for reports, lint and size counts.
    public var shown: PolicyDocument { map(\.shown) }
}
