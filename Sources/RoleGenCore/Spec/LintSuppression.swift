/// `lint: {ignore: [{rule: RG3001, reason: "…"}]}` on a role or a statement: findings of `rule`
/// that start inside `scope` are not reported. The linter reports suppressions that match nothing.
public struct LintSuppression: Sendable, Equatable {
    /// A rule code (`RG3001`) or name (`full_admin`), as written.
    public var rule: Located<String>
    public var reason: Located<String>
    /// The role or statement the suppression is written on.
    public var scope: SourceRange
    /// The `ignore` entry itself, where an unmatched suppression is reported.
    public var range: SourceRange

    public init(rule: Located<String>, reason: Located<String>, scope: SourceRange, range: SourceRange) {
        self.rule = rule
        self.reason = reason
        self.scope = scope
        self.range = range
    }

    /// Whether a finding at `range` lies inside the suppression's role or statement.
    public func covers(_ range: SourceRange) -> Bool {
        range.file == scope.file && range.start.offset >= scope.start.offset && range.start.offset < scope.end.offset
    }

    /// Whether the suppression is written on the role at `role` (the role's whole range).
    public func coversRole(_ role: SourceRange) -> Bool {
        role.file == scope.file && role.start.offset == scope.start.offset
    }
}

extension NodeDecoder {
    static let lintKeys = ["ignore"]
    static let lintIgnoreKeys = ["rule", "reason"]

    /// Decodes a `lint:` block into `lintSuppressions`; a reason is required.
    mutating func lintBlock(_ node: Node, scope: SourceRange) {
        guard var fields = mapping(node, "lint") else { return }
        if let ignoreNode = required(&fields, "ignore"), let items = list(ignoreNode, "lint.ignore") {
            for item in items {
                guard var entry = mapping(item, "a lint.ignore entry") else { continue }
                let rule = required(&entry, "rule").flatMap { nonEmptyString($0, "rule") }
                let reasonNode = entry.take("reason")
                if reasonNode == nil {
                    error(.missingKey, "a lint.ignore entry needs a 'reason': say why the finding is accepted", at: item.range,
                          fixIt: "add reason: \"…\"")
                }
                let reason = reasonNode.flatMap { nonEmptyString($0, "reason") }
                finish(entry, allowed: Self.lintIgnoreKeys)
                if let rule, let reason {
                    lintSuppressions.append(LintSuppression(rule: rule, reason: reason, scope: scope, range: item.range))
                }
            }
        }
        finish(fields, allowed: Self.lintKeys)
    }
}
