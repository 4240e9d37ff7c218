import EffectiveAccess
import RoleGenCore

/// The view of the resolved model that templates render, as JSON: documented field by field in
/// docs/template-context.md, printed by `rolegen context`. Within one `version`, fields are
/// only ever added; renaming or removing one bumps the version.
///
/// Template backends do not render deploy-time inputs: the `Renderer` gives them a model with
/// every input replaced by its value, so every string here is final. (Should a model with
/// inputs reach this builder anyway, inputs are shown as `${name}`.)
public enum TemplateContext {
    public static let version = 1

    public static func value(of model: Model) -> JSONValue {
        Builder(model: model).context()
    }

    /// `arn:aws:iam::123456789012:policy/team/name` → (`/team/`, `name`).
    static func pathAndName(ofPolicyARN arn: String) -> (path: String, name: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("policy/") else { return nil }
        let resource = parts[5].dropFirst("policy/".count)
        guard let slash = resource.lastIndex(of: "/") else { return ("/", String(resource)) }
        return ("/" + resource[..<slash] + "/", String(resource[resource.index(after: slash)...]))
    }
}

private struct Builder {
    let model: Model
    /// Customer policies by lower-cased name, for summaries and links.
    let policiesByName: [String: CustomerPolicy]
    /// The accounts this build creates roles, policies or permission set assignments in: a
    /// trusted principal of any other account is external to the build.
    let ownAccounts: Set<String>
    let limits: [String: RoleLimits]

    init(model: Model) {
        self.model = model
        var byName: [String: CustomerPolicy] = [:]
        for policy in model.policies { byName[policy.name.lowercased()] = policy }
        policiesByName = byName
        let accounts = model.roles.compactMap(\.account) + model.policies.flatMap(\.accounts)
            + model.serviceLinkedRoles.compactMap(\.account) + model.permissionSets.flatMap { $0.assignments.map(\.account) }
        ownAccounts = Set(accounts.map(\.shown))
        limits = RoleLimits.of(model)
    }

    func context() -> JSONValue {
        .object([
            ("version", .integer(TemplateContext.version)),
            ("sourceFiles", .array(model.sourceFiles.map(string))),
            ("roles", .array(model.roles.map(role))),
            ("policies", .array(model.policies.map(customerPolicy))),
            ("serviceLinkedRoles", .array(model.serviceLinkedRoles.map(serviceLinkedRole))),
            ("serviceControlPolicies", .array(model.serviceControlPolicies.map(serviceControlPolicy))),
            ("permissionSets", .array(model.permissionSets.map(permissionSet))),
            ("trustGraphs", .array(trustGraphs())),
            // `null` when lint did not run (`--no-lint`): "not checked", which a report must
            // not present as "no findings".
            ("lint", model.lint.map(lint) ?? .null),
        ])
    }

    private func lint(_ report: LintReport) -> JSONValue {
        .object([
            ("findings", .array(report.findings.map { finding in
                .object([
                    ("code", string(finding.code)),
                    ("title", string(finding.title)),
                    ("severity", string(finding.severity.rawValue)),
                    ("message", string(finding.message)),
                    ("location", string(finding.location)),
                    ("part", optional(finding.part?.description)),
                ])
            })),
            ("suppressions", .array(report.suppressions.map { suppression in
                .object([
                    ("rule", string(suppression.rule)),
                    ("reason", string(suppression.reason)),
                    ("location", string(suppression.location)),
                    ("part", optional(suppression.part?.description)),
                ])
            })),
        ])
    }

    /// Templates see deploy-time inputs as `${name}`.
    private func string(_ text: Text) -> JSONValue { .string(text.shown) }

    private func string(_ text: String) -> JSONValue { .string(text) }

    private func optional(_ text: Text?) -> JSONValue { text.map(string) ?? .null }

    private func optional(_ text: String?) -> JSONValue { text.map(string) ?? .null }

    // MARK: - Roles

    private func role(_ role: Role) -> JSONValue {
        let arn = role.account.map { "arn:\(role.partition):iam::\($0.shown):role\(role.path)\(role.name)" }
        return .object([
            ("name", string(role.name)),
            ("path", string(role.path)),
            ("arn", optional(arn)),
            ("description", optional(role.description)),
            ("account", optional(role.account)),
            ("partition", string(role.partition)),
            ("maxSessionDuration", .integer(role.maxSessionDuration)),
            ("specFile", string(role.specFile)),
            ("line", .integer(role.range.start.line)),
            ("trustPolicy", document(role.trustPolicy, trust: true)),
            ("managedPolicies", .array(role.managedPolicies.map { reference($0, role: role) })),
            ("inlinePolicies", .array(role.inlinePolicies.map { inlinePolicy($0, role: role) })),
            ("permissionsBoundary", role.permissionsBoundary.map { reference($0, role: role) } ?? .null),
            ("tags", .array(role.tags.map { .object([("key", string($0.key)), ("value", string($0.value))]) })),
            ("instanceProfile", role.instanceProfile.map {
                .object([("roleName", string(role.name)), ("name", string($0.name)), ("path", string($0.path))])
            } ?? .null),
            ("permissionSummary", permissionSummary(role)),
            ("limits", limits(role)),
        ])
    }

    /// What the boundary and the service control policies take away from what the role's
    /// policies allow, as `rolegen access` reports it; null when neither applies.
    private func limits(_ role: Role) -> JSONValue {
        guard let limits = limits[role.name] else { return .null }
        return .object([
            ("boundary", .bool(limits.hasBoundary)),
            ("serviceControlPolicies", .bool(limits.hasServiceControlPolicies)),
            ("removers", .string(limits.removers)),
            ("removed", .array(limits.removed.map(JSONValue.string))),
            ("notes", .array(limits.notes.map(JSONValue.string))),
        ])
    }

    private func inlinePolicy(_ policy: InlinePolicy, role: Role) -> JSONValue {
        .object([
            ("roleName", string(role.name)),
            ("name", string(policy.name)),
            ("line", .integer(policy.range.start.line)),
            ("document", document(policy.document, trust: false)),
        ])
    }

    private func reference(_ reference: PolicyReference, role: Role) -> JSONValue {
        let kind: String
        var name: String?
        var path: String?
        switch reference.kind {
        case .awsManaged(let p, let n):
            kind = "aws-managed"
            (path, name) = (p, n)
        case .customer(let n):
            kind = "customer"
            name = n
            path = policiesByName[n.lowercased()]?.path
        case .arn:
            kind = "arn"
            (path, name) = TemplateContext.pathAndName(ofPolicyARN: reference.arn.shown) ?? (nil, nil)
        }
        return .object([
            ("roleName", string(role.name)),
            ("arn", string(reference.arn)),
            ("kind", .string(kind)),
            ("isAWSManaged", .bool(kind == "aws-managed")),
            ("isCustomer", .bool(kind == "customer")),
            ("isARN", .bool(kind == "arn")),
            ("name", optional(name)),
            ("path", optional(path)),
        ])
    }


    // MARK: - Customer policies

    private func customerPolicy(_ policy: CustomerPolicy) -> JSONValue {
        let key = policy.name.lowercased()
        func uses(_ reference: PolicyReference?) -> Bool {
            if case .customer(let name)? = reference?.kind { return name.lowercased() == key }
            return false
        }
        let attachedTo = model.roles.filter { $0.managedPolicies.contains(where: uses) }.map { string($0.name) }
        let boundaryOf = model.roles.filter { uses($0.permissionsBoundary) }.map { string($0.name) }
        let deployments: [JSONValue] = policy.accounts.isEmpty
            ? [.object([("account", .null)])]
            : policy.accounts.map { .object([("account", string($0))]) }
        return .object([
            ("name", string(policy.name)),
            ("path", string(policy.path)),
            ("description", optional(policy.description)),
            ("specFile", string(policy.specFile)),
            ("line", .integer(policy.range.start.line)),
            ("accounts", .array(policy.accounts.map(string))),
            ("deployments", .array(deployments)),
            ("attachedTo", .array(attachedTo)),
            ("boundaryOf", .array(boundaryOf)),
            ("document", document(policy.document, trust: false)),
        ])
    }

    // MARK: - Organization pieces

    private func tags(_ tags: [Tag]) -> JSONValue {
        .array(tags.map { .object([("key", string($0.key)), ("value", string($0.value))]) })
    }

    private func serviceLinkedRole(_ role: ServiceLinkedRole) -> JSONValue {
        .object([
            ("service", string(role.service)),
            ("suffix", optional(role.suffix)),
            ("description", optional(role.description)),
            ("account", optional(role.account)),
            ("path", string(role.path)),
            ("specFile", string(role.specFile)),
            ("line", .integer(role.range.start.line)),
        ])
    }

    private func serviceControlPolicy(_ policy: ServiceControlPolicy) -> JSONValue {
        .object([
            ("name", string(policy.name)),
            ("description", optional(policy.description)),
            ("specFile", string(policy.specFile)),
            ("line", .integer(policy.range.start.line)),
            ("targets", .array(policy.targets.map { target -> JSONValue in
                switch target {
                case .root: return .object([("isRoot", .bool(true)), ("id", .null)])
                case .id(let id): return .object([("isRoot", .bool(false)), ("id", string(id))])
                }
            })),
            ("tags", tags(policy.tags)),
            ("document", document(policy.document, trust: false)),
        ])
    }

    private func permissionSet(_ set: PermissionSet) -> JSONValue {
        func reference(_ reference: CustomerManagedPolicyReference) -> JSONValue {
            .object([("name", string(reference.name)), ("path", string(reference.path))])
        }
        let boundary: JSONValue
        switch set.permissionsBoundary {
        case nil: boundary = .null
        case .awsManaged(let arn)?:
            boundary = .object([("isAWSManaged", .bool(true)), ("isCustomer", .bool(false)), ("arn", string(arn)),
                                ("name", .null), ("path", .null)])
        case .customer(let policy)?:
            boundary = .object([("isAWSManaged", .bool(false)), ("isCustomer", .bool(true)), ("arn", .null),
                                ("name", string(policy.name)), ("path", string(policy.path))])
        }
        return .object([
            ("name", string(set.name)),
            ("description", optional(set.description)),
            ("sessionDuration", string(set.sessionDuration)),
            ("relayState", optional(set.relayState)),
            ("specFile", string(set.specFile)),
            ("line", .integer(set.range.start.line)),
            ("managedPolicies", .array(set.managedPolicies.map { .object([("arn", string($0.arn))]) })),
            ("customerManagedPolicies", .array(set.customerManagedPolicies.map(reference))),
            ("inlinePolicy", set.inlinePolicy.map { document($0, trust: false) } ?? .null),
            ("permissionsBoundary", boundary),
            ("tags", tags(set.tags)),
            ("assignments", .array(set.assignments.map {
                .object([("principalType", .string($0.principalType.rawValue)), ("isGroup", .bool($0.principalType == .group)),
                         ("principalID", string($0.principalID)), ("account", string($0.account))])
            })),
        ])
    }

    // MARK: - Documents and statements

    private func document(_ document: ModelDocument, trust: Bool) -> JSONValue {
        let canonical = CanonicalJSON.value(of: document.shown)
        let statements: [JSONValue]
        if case .object(let members) = canonical, case .array(let items)? = members.first(where: { $0.0 == "Statement" })?.1 {
            statements = items.enumerated().map { statement($0.element, number: $0.offset + 1) }
        } else {
            statements = []
        }
        var pretty = canonical.encoded(pretty: true)
        pretty.removeLast()
        return .object([
            ("json", .string(pretty)),
            ("jsonCompact", .string(canonical.encoded(pretty: false))),
            ("value", canonical),
            ("statements", .array(statements)),
        ])
    }

    /// A statement as lists, from its canonical JSON (so it says exactly what the JSON says).
    private func statement(_ json: JSONValue, number: Int) -> JSONValue {
        guard case .object(let members) = json else { return .null }
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        func list(_ value: JSONValue?) -> [String] {
            switch value {
            case .string(let s)?: return [s]
            case .array(let items)?: return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            default: return []
            }
        }
        func element(_ name: String, negatedName: String) -> JSONValue {
            if let value = member(name) { return .object([("negated", .bool(false)), ("values", .array(list(value).map(JSONValue.string)))]) }
            if let value = member(negatedName) { return .object([("negated", .bool(true)), ("values", .array(list(value).map(JSONValue.string)))]) }
            return .null
        }
        var effect = "Allow"
        if case .string(let e)? = member("Effect") { effect = e }
        var principal = JSONValue.null
        let principalValue = member("Principal") ?? member("NotPrincipal")
        if let principalValue {
            var entries: [JSONValue] = []
            var wildcard = false
            switch principalValue {
            case .string("*"): wildcard = true
            case .object(let types):
                for (type, values) in types {
                    for value in list(values) {
                        if value == "*" { wildcard = true }
                        entries.append(principalEntry(type: type, value: value))
                    }
                }
            default: break
            }
            principal = .object([
                ("negated", .bool(member("NotPrincipal") != nil)),
                ("wildcard", .bool(wildcard)),
                ("entries", .array(entries)),
            ])
        }
        var conditions: [JSONValue] = []
        if case .object(let operators)? = member("Condition") {
            for (op, keys) in operators {
                guard case .object(let pairs) = keys else { continue }
                for (key, values) in pairs {
                    conditions.append(.object([
                        ("operator", .string(op)), ("key", .string(key)), ("values", .array(list(values).map(JSONValue.string))),
                    ]))
                }
            }
        }
        var sid = JSONValue.null
        if case .string(let s)? = member("Sid") { sid = .string(s) }
        return .object([
            ("number", .integer(number)),
            ("sid", sid),
            ("effect", .string(effect)),
            ("isAllow", .bool(effect == "Allow")),
            ("isDeny", .bool(effect == "Deny")),
            ("principal", principal),
            ("actions", element("Action", negatedName: "NotAction")),
            ("resources", element("Resource", negatedName: "NotResource")),
            ("conditions", .array(conditions)),
        ])
    }

    private func principalEntry(type: String, value: String) -> JSONValue {
        .object([
            ("type", .string(type)),
            ("value", .string(value)),
            ("isAWS", .bool(type == "AWS")),
            ("isService", .bool(type == "Service")),
            ("isFederated", .bool(type == "Federated")),
            ("isWildcard", .bool(value == "*")),
            ("accountRoot", Self.accountRoot(type: type, value: value).map(JSONValue.string) ?? .null),
            ("isExternal", .bool(isExternal(type: type, value: value))),
        ])
    }

    /// An AWS principal of an account the build has nothing in.
    private func isExternal(type: String, value: String) -> Bool {
        guard type == "AWS", let account = Self.account(ofPrincipal: value) else { return false }
        return !ownAccounts.contains(account)
    }

    /// The 12-digit account of an AWS principal: a bare id or the account field of its ARN.
    static func account(ofPrincipal value: String) -> String? {
        func isAccount(_ text: Substring) -> Bool { text.count == 12 && text.allSatisfy(\.isASCIIDigit) }
        if isAccount(Substring(value)) { return value }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", isAccount(parts[4]) else { return nil }
        return String(parts[4])
    }

    // MARK: - Trust graphs

    /// Who can assume which role, one graph per account (roles without an account last): the
    /// principals of each role's Allow trust statements, merged across roles, and an edge per
    /// principal and role, marked when the statement has conditions.
    private func trustGraphs() -> [JSONValue] {
        var accounts: [String?] = []
        for role in model.roles where !accounts.contains(role.account?.shown) { accounts.append(role.account?.shown) }
        accounts.sort { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }
        return accounts.map { account in
            var principals: [(key: String, value: JSONValue)] = []
            var roles: [JSONValue] = []
            var edges: [JSONValue] = []
            var seenEdges: Set<String> = []
            func principalID(_ key: String, _ node: @autoclosure () -> [(String, JSONValue)]) -> String {
                if let index = principals.firstIndex(where: { $0.key == key }) { return "p\(index + 1)" }
                principals.append((key, .object([("id", .string("p\(principals.count + 1)"))] + node())))
                return "p\(principals.count)"
            }
            for role in model.roles where role.account?.shown == account {
                let roleID = "r\(roles.count + 1)"
                roles.append(.object([("id", .string(roleID)), ("name", .string(role.name))]))
                for statement in role.trustPolicy.shown.statements where statement.effect.value == .allow {
                    guard let principal = statement.principal else { continue }
                    var ids: [String] = []
                    switch principal.content {
                    case .wildcard:
                        ids.append(principalID("*", Self.graphNode(label: "anyone (*)", type: "AWS", wildcard: true, external: true)))
                    case .typed(let entries):
                        for entry in entries {
                            for value in entry.values.map(\.value) {
                                let label = principal.negated ? "anyone except \(value)" : value
                                ids.append(principalID(entry.type.value + " " + label, Self.graphNode(
                                    label: label, type: entry.type.value, wildcard: value == "*" || principal.negated,
                                    external: principal.negated || value == "*" || isExternal(type: entry.type.value, value: value))))
                            }
                        }
                    }
                    for id in ids where seenEdges.insert(id + " " + roleID + " \(statement.conditions.isEmpty)").inserted {
                        edges.append(.object([("from", .string(id)), ("to", .string(roleID)), ("conditional", .bool(!statement.conditions.isEmpty))]))
                    }
                }
            }
            return .object([
                ("account", account.map(JSONValue.string) ?? .null),
                ("principals", .array(principals.map(\.value))),
                ("roles", .array(roles)),
                ("edges", .array(edges)),
            ])
        }
    }

    private static func graphNode(label: String, type: String, wildcard: Bool, external: Bool) -> [(String, JSONValue)] {
        [("label", .string(label)), ("type", .string(type)), ("isService", .bool(type == "Service")),
         ("isFederated", .bool(type == "Federated")), ("isWildcard", .bool(wildcard)), ("isExternal", .bool(external))]
    }

    /// The account id when an AWS principal stands for a whole account: `arn:…:iam::ID:root`
    /// or a bare 12-digit id.
    static func accountRoot(type: String, value: String) -> String? {
        guard type == "AWS" else { return nil }
        if value.count == 12 && value.allSatisfy(\.isASCIIDigit) { return value }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5] == "root",
              parts[4].count == 12, parts[4].allSatisfy(\.isASCIIDigit) else { return nil }
        return String(parts[4])
    }

    // MARK: - Permission summary

    /// What a role may do, per service, from the documents rolegen has: inline policies and
    /// attached customer policies. AWS managed policies and policies given by ARN are listed as
    /// not expanded. The boundary is not included: it limits, it grants nothing.
    /// Every role attaching an AWS managed policy gets the same summary of it.
    private static let awsManagedSummaries = Memo<JSONValue>()

    private func permissionSummary(_ role: Role) -> JSONValue {
        struct Service {
            var allow: [String] = []
            var deny: [String] = []
            var grants: [JSONValue] = []
            var allowedLevels: Set<ActionAccess.Level> = []
        }
        var services: [String: Service] = [:]
        var exceptions: [JSONValue] = []
        var unexpanded: [JSONValue] = []
        var awsManaged: [JSONValue] = []

        var documents: [(name: String, kind: String, document: ModelDocument)] = role.inlinePolicies.map {
            ($0.name, "inline", $0.document)
        }
        for reference in role.managedPolicies {
            if case .customer(let name) = reference.kind, let policy = policiesByName[name.lowercased()] {
                documents.append((policy.name, "customer", policy.document))
            } else if let policy = reference.awsManagedPolicy {
                awsManaged.append(Self.awsManagedSummaries.value(for: policy.name) {
                    let summary = AccessSummary.of(policy)
                    return .object([
                        ("name", .string(policy.name)),
                        ("versionID", .string(policy.versionID)),
                        ("overview", .array(summary.overview(code: { $0 }).map(JSONValue.string))),
                        ("services", .array(summary.isLarge ? summary.perService(code: { $0 }).map(JSONValue.string) : [])),
                    ])
                })
            } else {
                unexpanded.append(self.reference(reference, role: role))
            }
        }
        for (name, kind, document) in documents {
            for statement in document.shown.statements {
                guard let action = statement.action else { continue }
                let isAllow = statement.effect.value == .allow
                let common: [(String, JSONValue)] = [
                    ("effect", .string(statement.effect.value.rawValue)),
                    ("isAllow", .bool(isAllow)),
                    ("isDeny", .bool(!isAllow)),
                ]
                let resources: JSONValue = statement.resource.map {
                    .object([("negated", .bool($0.negated)), ("values", .array($0.values.map { .string($0.value) }))])
                } ?? .null
                let tail: [(String, JSONValue)] = [
                    ("resources", resources),
                    ("conditional", .bool(!statement.conditions.isEmpty)),
                    ("sid", statement.sid.map { .string($0.value) } ?? .null),
                    ("source", sourceValue(name: name, kind: kind)),
                ]
                if action.negated {
                    exceptions.append(.object(common + [("actions", .array(action.values.map { .string($0.value) }))] + tail))
                    continue
                }
                // This statement's actions, grouped by service in the order written.
                var order: [String] = []
                var byService: [String: [String]] = [:]
                for value in action.values.map(\.value) {
                    let service = value == "*" ? "*" : String(value.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
                    if byService[service] == nil { order.append(service) }
                    byService[service, default: []].append(value)
                }
                for service in order {
                    let actions = byService[service]!
                    var entry = services[service, default: Service()]
                    for value in actions {
                        if isAllow, !entry.allow.contains(value) { entry.allow.append(value) }
                        if !isAllow, !entry.deny.contains(value) { entry.deny.append(value) }
                    }
                    let levels = Self.levels(of: actions)
                    if isAllow { entry.allowedLevels.formUnion(levels) }
                    entry.grants.append(.object(common + [("actions", .array(actions.map(JSONValue.string))),
                                                          ("accessLevels", .string(Self.title(levels)))] + tail))
                    services[service] = entry
                }
            }
        }
        let summaries: [JSONValue] = services.keys.sorted().map { name in
            let entry = services[name]!
            return .object([
                ("service", .string(name)),
                ("allServices", .bool(name == "*")),
                ("levels", .string(Self.title(entry.allowedLevels))),
                ("allow", .array(entry.allow.map { .object([("action", .string($0)), ("accessLevel", .string(Self.title(Self.levels(of: [$0]))))]) })),
                ("deny", .array(entry.deny.map { .object([("action", .string($0)), ("accessLevel", .string(Self.title(Self.levels(of: [$0]))))]) })),
                ("statements", .array(entry.grants)),
            ])
        }
        return .object([
            ("services", .array(summaries)),
            ("exceptions", .array(exceptions)),
            ("awsManaged", .array(awsManaged)),
            ("unexpanded", .array(unexpanded)),
        ])
    }

    /// The access levels of actions, from the catalog or estimated from their names as the
    /// Terraform README does.
    private static func levels(of actions: [String]) -> Set<ActionAccess.Level> {
        Set(actions.flatMap { ActionAccess.classify($0).levels })
    }

    /// `List, Read`, lowest level first; empty for no levels.
    private static func title(_ levels: Set<ActionAccess.Level>) -> String {
        levels.sorted().map(\.title).joined(separator: ", ")
    }

    private func sourceValue(name: String, kind: String) -> JSONValue {
        .object([("name", .string(name)), ("kind", .string(kind)),
                 ("isInline", .bool(kind == "inline")), ("isCustomer", .bool(kind == "customer"))])
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
