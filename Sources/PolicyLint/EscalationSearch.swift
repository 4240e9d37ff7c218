import RoleGenCore

/// One action of an escalation method as a role grants it: the first Allow statement that
/// grants it, through which written action, and how far its resources reach.
struct EscalationGrant {
    let action: String
    let statement: LintStatement
    let written: Located<String>
    let reach: ResourceReach?
}

/// The methods one rule reports, indexed once: their first actions (targets) and their other
/// actions by service, so that each statement is matched against the few services it names,
/// and the resource type each first action must reach every resource of.
struct EscalationIndex: Sendable {
    let methods: [EscalationMethod]
    let targetsByService: [(service: String, actions: [String])]
    let othersByService: [(service: String, actions: [String])]
    let targets: [String: String]

    init(_ methods: [EscalationMethod]) {
        self.methods = methods
        targetsByService = Self.byService(methods.map { $0.actions[0] })
        othersByService = Self.byService(methods.flatMap { $0.actions.dropFirst() })
        targets = Dictionary(methods.map { ($0.actions[0], $0.resourceType) }, uniquingKeysWith: { first, _ in first })
    }

    private static func byService(_ actions: [String]) -> [(service: String, actions: [String])] {
        var byService: [(service: String, actions: [String])] = []
        for action in actions {
            let service = String(action.prefix { $0 != ":" })
            if let index = byService.firstIndex(where: { $0.service == service }) {
                if !byService[index].actions.contains(action) { byService[index].actions.append(action) }
            } else {
                byService.append((service, [action]))
            }
        }
        return byService
    }
}

/// An escalation method a role has: the grant of each of its actions, and what the engine
/// says of them together.
struct FoundEscalation {
    let method: EscalationMethod
    let grants: [EscalationGrant]
    /// The conditions it holds only under (empty: unconditionally).
    let onlyIf: [Diagnostic.Note]
}

extension LintRole {
    /// The methods of `methods` that the role has: every action granted by some Allow (the
    /// first on every resource of its type, or on the role itself for IAM actions on roles),
    /// and allowed by the engine on the resources they would act on. Statements allowing `*`
    /// on every resource are left out: RG3001 reports them.
    func escalations(_ index: EscalationIndex) -> [FoundEscalation] {
        // Statements allowing `*` on every resource are RG3001's.
        let candidates = allows.filter { $0.wildcardAction == nil || $0.wildcardResource == nil }
        // First the targets, on every resource of their type: most roles have none, and then
        // the other actions need not be looked for.
        var everyGrant: [String: EscalationGrant] = [:]
        for statement in candidates {
            let reachesAll = statement.wildcardResource != nil || statement.mayReachEveryOfAType
            let reachesItself = isRole && statement.mayReach(arnService: "iam")
            guard reachesAll || reachesItself else { continue }
            for (service, actions) in index.targetsByService where statement.mayGrant(service: service) {
                for action in actions where everyGrant[action] == nil && (reachesAll || PrivilegeEscalationRule.roleActions.contains(action)) {
                    guard let written = statement.granting(action), let reach = reachingEvery(action, statement, type: index.targets[action]) else { continue }
                    everyGrant[action] = EscalationGrant(action: action, statement: statement, written: written, reach: reach)
                }
            }
        }
        let methods = index.methods.filter { everyGrant[$0.actions[0]] != nil }
        guard !methods.isEmpty else { return [] }
        let needed = Set(methods.flatMap { $0.actions.dropFirst() })
        var anyGrant: [String: EscalationGrant] = [:]
        for statement in candidates {
            for (service, actions) in index.othersByService where statement.mayGrant(service: service) {
                // The first grant, unless a later one reaches every resource: the engine is then
                // asked about all of them rather than one statement's scoped resource.
                for action in actions where needed.contains(action) && anyGrant[action]?.reach == nil {
                    guard let written = statement.granting(action) else { continue }
                    let reach = statement.reachingEvery(action)
                    // `lambda:CreateFunction` on `arn:aws:iam::…:role/*` grants nothing.
                    guard reach != nil || statement.firstResource(for: action) != nil else { continue }
                    if anyGrant[action] == nil || reach != nil {
                        anyGrant[action] = EscalationGrant(action: action, statement: statement, written: written, reach: reach)
                    }
                }
            }
        }
        var cache: [EngineQuestion: EngineAnswer] = [:]
        return methods.compactMap { method -> FoundEscalation? in
            guard let first = everyGrant[method.actions[0]] else { return nil }
            var grants = [first]
            for action in method.actions.dropFirst() {
                guard let grant = anyGrant[action] else { return nil }
                grants.append(grant)
            }
            let questions = grants.enumerated().map { index, grant in
                EngineQuestion(action: grant.action,
                               resource: probe(grant.action, type: index == 0 ? method.resourceType : nil, reach: grant.reach, statement: grant.statement),
                               passedToService: grant.action == "iam:PassRole" ? method.passedToService : nil)
            }
            let answer: EngineAnswer = engineCanOnlyAllow(grants.map(\.statement)) ? .allowed(onlyIf: []) : ask(questions, cache: &cache)
            guard let notes = answer.notes else { return nil }
            return FoundEscalation(method: method, grants: grants, onlyIf: notes)
        }
    }

    /// How `statement` reaches every resource of `action`, or the role itself when the action
    /// changes a role (a role that can attach a policy to itself escalates as well).
    private func reachingEvery(_ action: String, _ statement: LintStatement, type: String?) -> ResourceReach? {
        statement.reachingEvery(action, type: type) ?? (isRole && PrivilegeEscalationRule.roleActions.contains(action) ? statement.reachingItself(role) : nil)
    }
}

extension FoundEscalation {
    /// A note at each grant but the one the finding is reported at, each place once.
    func notes(besides reported: Located<String>) -> [Diagnostic.Note] {
        var seen: [SourceRange] = [reported.range]
        var notes: [Diagnostic.Note] = []
        for grant in grants where !seen.contains(grant.written.range) {
            seen.append(grant.written.range)
            notes.append(Diagnostic.Note("\(grant.action) is granted here (\(grant.statement.source))", at: grant.written.range))
        }
        return notes
    }
}
