import AWSCatalog
import RoleGenCore

/// Whether a statement applies to the request's action, resource and conditions (its
/// Principal element is judged apart). A statement without Action (or NotAction) or without
/// Resource (or NotResource) is invalid in IAM and applies to nothing.
func applies(_ statement: Statement, _ reference: StatementReference, _ request: Request, _ facts: Facts) -> Formula {
    guard let resource = statement.resource, matchesAction(statement, request.action) else { return .never }
    let resourceMatched = matches(resource, reference, request.resource, facts)
    let conditions = statement.conditions.map { entry -> Formula in
        switch evaluate(entry, facts) {
        case .yes: .always
        case .no: .never
        case .unknown:
            .clause(Clause(statement: reference, test: .condition(
                operator: entry.operator, key: entry.key, values: entry.values)))
        }
    }
    return .and([resource.negated ? .negation(resourceMatched) : resourceMatched] + conditions)
}

/// Whether the statement's Action (or NotAction) covers the action; names compare ignoring case.
func matchesAction(_ statement: Statement, _ action: String) -> Bool {
    guard let list = statement.action else { return false }
    return list.values.contains { Glob.matchesIgnoringCase($0.value, action) } != list.negated
}

/// Whether some pattern of a `Resource` list matches the resource ARN (case-sensitive, by ARN
/// part). A pattern whose policy variable is unknown becomes a clause, unless it could not
/// match whatever the variable holds.
private func matches(_ list: ElementList, _ reference: StatementReference, _ resource: String, _ facts: Facts) -> Formula {
    let text = Array(resource.utf8)
    return .or(list.values.map { value in
        switch substitute(value.value, facts) {
        case .pattern(let pattern): return Formula(pattern.matchesARN(text))
        case .noValue: return .never
        case .unknown:
            guard case .pattern(let widest) = substitute(value.value, facts, unknownAsWildcard: true),
                  widest.matchesARN(text) else { return .never }
            return .clause(Clause(statement: reference, test: .resourceMatches(value)))
        }
    })
}

/// How a resource policy statement's Principal element names the requester.
enum Grantee: Comparable {
    /// Not at all.
    case nobody
    /// Through its account (`"AWS": "111122223333"` or `…:root`): the account delegates to
    /// its identity policies, so an Allow grants nothing by itself; a Deny applies.
    case account
    /// Through `*`, NotPrincipal, or the role (itself or behind the session): a grant is
    /// limited by the boundary.
    case bounded
    /// By the requester's own user, role session or federated user ARN: a grant is not
    /// limited by the boundary.
    case direct
}

/// The closest way the Principal (or NotPrincipal) element names the requester.
func grantee(_ element: PrincipalElement?, _ principal: Principal) -> Grantee {
    guard let element else { return .nobody }
    let named: Grantee
    switch element.content {
    case .wildcard:
        named = .bounded
    case .typed(let entries):
        named = entries.filter { $0.type.value == "AWS" }.flatMap(\.values).map { grantee(naming: $0.value, principal) }.max() ?? .nobody
    }
    guard element.negated else { return named }
    // NotPrincipal names everyone not listed; such a grant is never direct.
    return named == .nobody ? .bounded : .nobody
}

private func grantee(naming value: String, _ principal: Principal) -> Grantee {
    if value == "*" { return .bounded }
    let kind = PrincipalKind(principal.arn)
    // Named exactly: a user or a session is granted directly; a role's grant stays bounded.
    if value == principal.arn { return kind == .role || kind == .other ? .bounded : .direct }
    if value == principal.account || value.hasPrefix("arn:") && value.hasSuffix(":iam::\(principal.account):root") { return .account }
    // A role ARN names the role's sessions; role names are unique in an account whatever the path.
    if let session = RoleSession(principal.arn), PrincipalKind(value) == .role {
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if parts[4] == session.account && parts[5].split(separator: "/").last == session.name { return .bounded }
    }
    return .nobody
}
