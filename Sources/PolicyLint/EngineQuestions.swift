import AWSCatalog
import EffectiveAccess
import PolicyEval
import RoleGenCore

/// A request lint puts to the evaluation engine before it reports an escalation: may the role
/// make it, given every policy that applies (a Deny elsewhere, the boundary, the SCPs)?
struct EngineQuestion: Hashable {
    var action: String
    /// An ARN, or an ARN pattern standing for every resource of a type (see `LintRole.probe`).
    var resource: String
    /// For iam:PassRole: the principal of the service the role is passed to.
    var passedToService: String?
}

/// The engine's answer, as a rule uses it.
enum EngineAnswer {
    /// Denied, or allowed only on conditions that pin the resource or the target: no finding.
    case silenced
    /// Allowed; when only on conditions that leave the target free (aws:SourceIp, MFA, a
    /// region), a note per condition says so.
    case allowed(onlyIf: [Diagnostic.Note])

    var notes: [Diagnostic.Note]? {
        if case .allowed(let notes) = self { return notes }
        return nil
    }
}

extension LintRole {
    /// The engine's answer to all of `questions` together: silenced when any one is; else the
    /// conditions of all, each once.
    func ask(_ questions: [EngineQuestion], cache: inout [EngineQuestion: EngineAnswer]) -> EngineAnswer {
        var notes: [Diagnostic.Note] = []
        for question in questions {
            let answer = cache[question] ?? ask(question)
            cache[question] = answer
            guard case .allowed(let onlyIf) = answer else { return .silenced }
            for note in onlyIf where !notes.contains(where: { $0.message == note.message }) { notes.append(note) }
        }
        return .allowed(onlyIf: notes)
    }

    func ask(_ question: EngineQuestion) -> EngineAnswer {
        // Escalation within the role's own account is judged: its resources are the account's.
        var context = ["aws:ResourceAccount": [effective.principal.account]]
        if let service = question.passedToService { context["iam:PassedToService"] = [service] }
        let decision = effective.policies.evaluate(Request(action: question.action, resource: question.resource,
                                                           principal: effective.principal, context: context))
        switch decision {
        case .allowed: return .allowed(onlyIf: [])
        case .denied, .implicitlyDenied: return .silenced
        case .allowedIf(let formula):
            var open: [(clause: Clause, negated: Bool)] = []
            Self.collect(formula, negated: false, into: &open)
            if open.contains(where: { Self.pinsTarget($0.clause) }) { return .silenced }
            return .allowed(onlyIf: open.map { clause, negated in
                guard case .condition(let op, let key, let values) = clause.test else { return Diagnostic.Note("only if the resource matches") }
                let test = "\(op.value) {\(key.value): \(values.map(\.value).joined(separator: ", "))}"
                return Diagnostic.Note("\(negated ? "unless" : "only if"): \(test) (\(question.action))", at: key.range)
            })
        }
    }

    /// Whether the engine could only answer `.allowed` for requests these Allow statements
    /// grant on the resources `probe` picks, so that it need not be asked: no Deny in any
    /// identity policy, no boundary, SCP, RCP or resource policy, and statements without
    /// conditions, NotResource or policy variables (a probe is then a resource they match).
    /// AWS's managed policies, linted file by file, are mostly such.
    func engineCanOnlyAllow(_ statements: [LintStatement]) -> Bool {
        let policies = effective.policies
        guard policies.permissionsBoundary == nil, policies.serviceControlPolicies.isEmpty, policies.resourceControlPolicies.isEmpty,
              policies.resourcePolicy == nil else { return false }
        let unconditional = statements.allSatisfy { statement in
            guard statement.statement.conditions.isEmpty, let resource = statement.statement.resource, !resource.negated else { return false }
            return !resource.values.contains { $0.value.contains("${") }
        }
        return unconditional && !policies.identityPolicies.contains { $0.document.statements.contains { $0.effect.value == .deny } }
    }

    /// Whether the engine denies the request whatever the unknown keys hold: a Deny in any
    /// policy, the boundary or an SCP, or a missing Allow. For rules that judge a grant's
    /// conditions themselves (RG3003 and iam:PassedToService).
    func denies(_ question: EngineQuestion) -> Bool {
        !effective.policies.evaluate(Request(action: question.action, resource: question.resource, principal: effective.principal)).mayBeAllowed
    }

    /// Every clause of a formula, with whether it stands under an odd number of negations
    /// (a conditional Deny's condition).
    private static func collect(_ formula: Formula, negated: Bool, into out: inout [(clause: Clause, negated: Bool)]) {
        switch formula {
        case .always, .never: break
        case .clause(let clause): if !out.contains(where: { $0.clause == clause }) { out.append((clause, negated)) }
        case .not(let inner): collect(inner, negated: !negated, into: &out)
        case .all(let parts), .any(let parts): parts.forEach { collect($0, negated: negated, into: &out) }
        }
    }

    /// Whether an open condition narrows which resource or target the request may reach: a
    /// resource pattern with an unknown variable, the resource's tags or organization
    /// (`aws:ResourceTag/…`; its account is known, the role's own), and any service key (`iam:PassedToService`, `iam:ResourceTag/…`,
    /// `lambda:FunctionArn`, `s3:prefix`, `ec2:ResourceTag/…`), which describe what the action
    /// acts on. Global keys about the caller or the call (`aws:SourceIp`,
    /// `aws:MultiFactorAuthPresent`, `aws:RequestedRegion`) leave the target free.
    static func pinsTarget(_ clause: Clause) -> Bool {
        guard case .condition(_, let key, _) = clause.test else { return true }
        let name = key.value.lowercased()
        guard name.hasPrefix("aws:") else { return true }
        return name.hasPrefix("aws:resourcetag/") || name.hasPrefix("aws:resourceaccount") || name.hasPrefix("aws:resourceorg")
    }

    /// The resource lint asks about for `action`, granted by `statement` with `reach`: the
    /// written pattern that covers every resource of a type or the role's own ARN; for `*` and
    /// NotResource, the ARN of the action's resource type (`type`, else its first) in the
    /// role's account with every other part `*` (`arn:aws:iam::111122223333:role/*`), so that
    /// a Deny of that pattern applies; for a scoped statement, its first written resource of
    /// the action's services.
    func probe(_ action: String, type: String? = nil, reach: ResourceReach?, statement: LintStatement) -> String {
        switch reach {
        // The pattern read as a resource name (as the engine's reach does): it covers them all.
        case .everyOfType(let written, _)?, .itself(let written)?: return written.value
        case .everything?, .allButNotResource?:
            return typeWideARN(action, type: type)
        case nil:
            guard let first = statement.firstResource(for: action), first != "*" else { return typeWideARN(action, type: type) }
            return first
        }
    }

    private func typeWideARN(_ action: String, type: String?) -> String {
        let formats = ResourceReach.formats(of: action)
        guard let format = formats.first(where: { $0.name == type }) ?? formats.first else { return "*" }
        let arn = effective.principal.arn
        let partition = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? "aws"
        var text = ""
        var rest = format.format.text[...]
        while let open = rest.range(of: "${") {
            text += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return "*" }
            switch rest[open.upperBound..<close] {
            case "Partition": text += partition
            case "Account": text += effective.principal.account
            default: text += "*"
            }
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }
}
