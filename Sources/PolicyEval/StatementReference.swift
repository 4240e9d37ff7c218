import RoleGenCore

/// Names one statement of one policy, enough to report it: "statement 2 (Sid DenyLogs) of
/// inline policy 'app'", pointing at its source range.
public struct StatementReference: Hashable, Sendable {
    /// The `origin` of the policy that holds the statement.
    public var origin: String
    /// The statement's position in its document, from 0.
    public var index: Int
    public var sid: String?
    public var range: SourceRange

    public init(origin: String, index: Int, sid: String?, range: SourceRange) {
        self.origin = origin
        self.index = index
        self.sid = sid
        self.range = range
    }
}

extension NamedPolicy {
    /// The statements with the references that name them.
    var referencedStatements: [(reference: StatementReference, statement: Statement)] {
        document.statements.enumerated().map { index, statement in
            (StatementReference(origin: origin, index: index, sid: statement.sid?.value, range: statement.range), statement)
        }
    }
}
