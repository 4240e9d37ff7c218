import AWSCatalog
import EffectiveAccess
import PolicyEval
import RoleGenCore

/// A `checks:` entry of `.rolegen.yaml`: accesses that no role or permission set of the specs
/// may have, the offline counterpart of IAM Access Analyzer's CheckAccessNotGranted.
///
/// ```yaml
/// checks:
///   - name: no-passrole-anywhere
///     not_allowed:
///       - {action: iam:PassRole, resource: "*"}
///     except_roles: [deployer]
///     severity: error
///     context: {aws:RequestedRegion: eu-west-1}
/// ```
public struct CustomCheck: Sendable {
    /// One access the check forbids: an action (wildcards expand against the catalog) on the
    /// resources a pattern names (`*`: on any resource).
    public struct Access: Sendable {
        public var action: Located<String>
        public var resource: Located<String>

        public init(action: Located<String>, resource: Located<String>) {
            self.action = action
            self.resource = resource
        }
    }

    public var name: Located<String>
    public var notAllowed: [Access]
    /// Roles and permission sets the check does not judge (IAM names ignore case).
    public var exceptRoles: [Located<String>]
    public var severity: Severity
    /// The request context the engine decides with; keys not given are unknown.
    public var context: [String: [String]]

    public init(name: Located<String>, notAllowed: [Access], exceptRoles: [Located<String>] = [], severity: Severity = .error,
                context: [String: [String]] = [:]) {
        self.name = name
        self.notAllowed = notAllowed
        self.exceptRoles = exceptRoles
        self.severity = severity
        self.context = context
    }
}

/// Runs the custom checks on every role and permission set, with the evaluation engine.
public enum CustomChecks {
    /// A role or permission set as the checks see it.
    struct Subject {
        var name: String
        /// `role 'app'`, `permission set 'Admins'`.
        var kind: String
        var range: SourceRange
        var managedPolicies: [PolicyReference]
        var effective: EffectivePolicies
    }

    /// One finding per check, role (or permission set) and forbidden access it may have, at
    /// the role's name, in the order of the checks, then of the model.
    public static func findings(_ checks: [CustomCheck], model: Model, roles: [EffectivePolicies]? = nil,
                                catalog: Catalog = .shared) -> [Diagnostic] {
        guard !checks.isEmpty else { return [] }
        let roleSubjects = zip(model.roles, roles ?? EffectivePolicies.ofRoles(in: model)).map {
            Subject(name: $0.0.name, kind: "role", range: $0.0.range, managedPolicies: $0.0.managedPolicies, effective: $0.1)
        }
        let setSubjects = zip(model.permissionSets, EffectivePolicies.ofPermissionSets(in: model)).map {
            Subject(name: $0.0.name, kind: "permission set", range: $0.0.range, managedPolicies: $0.0.managedPolicies, effective: $0.1)
        }
        let subjects = roleSubjects + setSubjects
        // Expanded once per check, not once per role.
        let expanded = checks.map { check in check.notAllowed.map { expand($0.action.value, on: $0.resource.value, catalog: catalog) } }
        return zip(checks, expanded).flatMap { check, actions in
            let exempt = Set(check.exceptRoles.map { $0.value.lowercased() })
            return subjects.filter { !exempt.contains($0.name.lowercased()) }.concurrentMap { subject in
                zip(check.notAllowed, actions).compactMap { access, actions in
                    finding(check, access: access, actions: actions, subject: subject)
                }
            }.flatMap { $0 }
        }
    }

    /// The catalog's actions an action pattern names that can act on the resource pattern
    /// (`s3:Delete*` on an object ARN leaves out s3:DeleteBucket); a pattern that names none is
    /// decided by its own name, as IAM would match it against the policies' patterns.
    static func expand(_ pattern: String, on resource: String, catalog: Catalog) -> [String] {
        guard pattern.utf8.contains(where: Glob.isWildcard), let colon = pattern.firstIndex(of: ":") else { return [pattern] }
        let servicePattern = String(pattern[..<colon]), name = String(pattern[pattern.index(after: colon)...])
        let prefixes = servicePattern.utf8.contains(where: Glob.isWildcard)
            ? catalog.prefixes.filter { Glob.matchesIgnoringCase(servicePattern, $0) } : [servicePattern.lowercased()]
        let actions = prefixes.flatMap { prefix -> [String] in
            guard let service = catalog.service(prefix) else { return [] }
            return service.actionIndices(matching: name).filter { canAct(service.actions[$0], of: service, on: resource) }
                .map { "\(service.prefix):\(service.actions[$0].name)" }
        }
        return actions.isEmpty ? [pattern] : actions
    }

    /// Whether some resource type of the action has ARNs the pattern can name; `*` names all.
    private static func canAct(_ action: Action, of service: Service, on resource: String) -> Bool {
        guard resource != "*" else { return true }
        let parts = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return true }
        let arnService = String(parts[2]), part = Array(parts[5].utf8)
        return action.resourceTypes.contains { type in
            let format = service.resourceTypes[type.index].format
            return Glob.matchesIgnoringCase(arnService, format.service) && format.matchesResource(part)
        }
    }

    /// Whether the subject may take the action on a resource the pattern names: the pattern
    /// itself is asked as a resource (a grant on `arn:aws:s3:::*` covers `arn:aws:s3:::prod-*`,
    /// and a Deny on the pattern makes the subject pass), then each resource pattern of the
    /// subject's grants that falls within it. The first decision that may allow, or nil.
    static func decision(_ action: String, on resource: String, of effective: EffectivePolicies,
                         context: [String: [String]]) -> (resource: String, decision: Decision)? {
        func ask(_ resource: String) -> Decision {
            effective.policies.evaluate(Request(action: action, resource: resource, principal: effective.principal, context: context))
        }
        let direct = ask(resource)
        if direct.mayBeAllowed { return (resource, direct) }
        for reach in effective.policies.reach(of: [action], principal: effective.principal, context: context) {
            guard case .someResources(let grants) = reach.reach else { continue }
            for grant in grants where grant.pattern.value != resource && Glob.matches(resource, grant.pattern.value) {
                let decision = ask(grant.pattern.value)
                if decision.mayBeAllowed { return (grant.pattern.value, decision) }
            }
        }
        return nil
    }

    private static func finding(_ check: CustomCheck, access: CustomCheck.Access, actions: [String], subject: Subject) -> Diagnostic? {
        var found: [(action: String, resource: String, decision: Decision)] = []
        for action in actions {
            if let (resource, decision) = decision(action, on: access.resource.value, of: subject.effective, context: check.context) {
                found.append((action, resource, decision))
            }
        }
        guard !found.isEmpty else { return nil }
        let shown = 5
        var names = found.prefix(shown).map(\.action).joined(separator: ", ")
        if found.count > shown { names += " and \(found.count - shown) more" }
        let conditional = found.allSatisfy { if case .allowedIf = $0.decision { true } else { false } }
        let message = "check '\(check.name.value)': \(subject.kind) '\(subject.name)' may take \(names) on \(access.resource.value)"
            + (conditional ? " under conditions" : "") + ", which the check does not allow"
        var notes: [Diagnostic.Note] = []
        var noted = Set<String>()
        func note(_ text: String, at range: SourceRange?) {
            if noted.insert(text).inserted { notes.append(Diagnostic.Note(text, at: range)) }
        }
        for (action, resource, decision) in found {
            switch decision {
            case .allowed(let statements):
                for statement in statements { note("granted by " + statement.name, at: location(of: statement, in: subject)) }
            case .allowedIf(let formula):
                let on = resource == access.resource.value ? "" : " on \(resource)"
                note("\(action)\(on) only if: \(formula.text)", at: nil)
                for statement in formula.clauses.map(\.statement) {
                    note("condition of " + statement.name, at: location(of: statement, in: subject))
                }
            case .denied, .implicitlyDenied:
                break
            }
        }
        notes.append(Diagnostic.Note("check '\(check.name.value)' is defined here", at: check.name.range))
        return Diagnostic(.customCheck, check.severity, message, at: subject.range, notes: notes,
                          fixIt: "narrow or remove the grant, add a Deny, or add '\(subject.name)' to the check's except_roles")
    }

    /// A spec statement's own range; a statement of an AWS managed policy lies in AWS's
    /// document, so the note points at the `managed_policies:` entry that attaches it.
    private static func location(of statement: StatementReference, in subject: Subject) -> SourceRange? {
        guard let policy = statement.awsManagedPolicyName else {
            return statement.range.file.isEmpty ? nil : statement.range
        }
        return subject.managedPolicies.first { $0.awsManagedPolicy?.name == policy }?.range
    }
}
