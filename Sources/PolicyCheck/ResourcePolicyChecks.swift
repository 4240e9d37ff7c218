import AWSCatalog
import RoleGenCore

/// Checks of resource policies: whom they grant to (NotPrincipal, service principals) and,
/// with `--resource-type`, which actions and resources their resource accepts.
extension PolicyChecker {
    /// Keys that tie a service principal's request to the resource it acts for.
    static let sourceKeys: Set<String> = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]
    /// Keys of an IAM principal's organization: absent from the requests of service principals.
    static let principalOrganizationKeys: [String: String] = ["aws:principalorgid": "aws:SourceOrgID", "aws:principalorgpaths": "aws:SourceOrgPaths"]

    mutating func checkResourcePolicyPrincipal(_ statement: Statement) {
        guard let principal = statement.principal else { return }
        if principal.negated {
            if statement.effect.value == .allow {
                report(.allowWithNotPrincipal, .warning, "Allow with NotPrincipal grants everyone except the principals listed, anonymous users included",
                       at: principal.range, fixIt: "name the principals to allow in Principal, or make the statement a Deny")
            }
            return
        }
        guard case .typed(let entries) = principal.content else { return }
        let services = entries.filter { $0.type.value == "Service" }.flatMap(\.values)
        guard let first = services.first else { return }
        let keys = statement.conditions.map { $0.key.value.lowercased() }
        if statement.effect.value == .allow, !keys.contains(where: Self.sourceKeys.contains) {
            report(.servicePrincipalWithoutSource, .warning,
                   "'\(first.value)' is allowed with no aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition: the service may reach this resource on behalf of any account",
                   at: first.range, fixIt: "add a condition such as \"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}")
        }
        guard entries.allSatisfy({ $0.type.value == "Service" }) else { return }
        for entry in statement.conditions {
            guard let replacement = Self.principalOrganizationKeys[entry.key.value.lowercased()],
                  case .success(let op) = ConditionOperator.parse(entry.operator.value), !op.ifExists, op.family != .null else { continue }
            report(.conditionKeyForServicePrincipal,
                   "\(entry.key.value) is never in a service principal's request, so this condition \(op.isNegated ? "always" : "never") matches",
                   at: entry.key.range, fixIt: "use \(replacement) for the organization the service acts for")
        }
    }

    /// The same principal twice in one statement: equal values, an account id and its root
    /// ARN, or an assumed-role session of a role the statement names.
    mutating func checkRedundantPrincipals(_ principal: PrincipalElement) {
        guard case .typed(let entries) = principal.content else { return }
        var seen: [String: SourceRange] = [:]
        var roles: [String: SourceRange] = [:]
        for (type, values) in entries {
            for value in values where !deployTimeValues.contains(value) {
                let text = value.value
                var key = type.value + " " + text
                if type.value == "AWS" {
                    let fields = ARNRules.fields(text)
                    if ARNRules.isAccount(Substring(text)) {
                        key = "root " + text
                    } else if fields.count == 6, fields[2] == "iam", fields[5] == "root" {
                        key = "root \(fields[4])"
                    } else if fields.count == 6, fields[2] == "iam", fields[5].hasPrefix("role/"), let name = fields[5].split(separator: "/").last {
                        roles["\(fields[4])/\(name)"] = roles["\(fields[4])/\(name)"] ?? value.range
                    }
                }
                if let first = seen[key] {
                    report(.redundantPrincipal, .note, "'\(text)' names a principal this statement names already", at: value.range,
                           notes: [.init("named here", at: first)], fixIt: "remove it")
                } else {
                    seen[key] = value.range
                }
            }
        }
        for (type, values) in entries where type.value == "AWS" {
            for value in values where !deployTimeValues.contains(value) {
                let fields = ARNRules.fields(value.value)
                guard fields.count == 6, fields[2] == "sts", fields[5].hasPrefix("assumed-role/") else { continue }
                let parts = fields[5].split(separator: "/")
                guard parts.count == 3, let role = roles["\(fields[4])/\(parts[1])"] else { continue }
                report(.redundantPrincipal, .note, "'\(value.value)' is a session of role \(parts[1]), which this statement names already",
                       at: value.range, notes: [.init("the role", at: role)], fixIt: "remove it")
            }
        }
    }

    /// Actions of other services, and resources of other types, than the policy's resource accepts.
    mutating func checkResourceType(_ statement: Statement, _ type: ResourcePolicyType) {
        if let action = statement.action, !action.negated {
            for value in action.values where value.value != "*" && !deployTimeValues.contains(value) {
                guard let colon = value.value.firstIndex(of: ":") else { continue }
                let prefix = value.value[..<colon]
                guard !ARNRules.isOpen(prefix), prefix.lowercased() != type.actionService else { continue }
                report(.unsupportedActionForResourceType,
                       "\(type.title) takes \(type.actionService) actions only; '\(value.value)' is an action of \(prefix)",
                       at: value.subrange(of: prefix), fixIt: "grant it in the policy of a \(prefix) resource, or in an identity policy")
            }
        }
        guard let resource = statement.resource, !resource.negated else { return }
        let allowed = catalog.service(type.actionService)?.resourceTypes.filter { type.resourceTypes.contains($0.name) } ?? []
        guard let arnService = allowed.first?.format.service else { return }
        for value in resource.values where value.value.hasPrefix("arn:") && !deployTimeValues.contains(value) {
            let fields = ARNRules.fields(value.value)
            guard fields.count == 6, !ARNRules.isOpen(fields[2]) else { continue }
            let names = allowed.map(\.name).joined(separator: ", ")
            guard fields[2].lowercased() == arnService else {
                report(.unsupportedResourceForResourceType, "\(type.title) names its own resource (\(names)); '\(value.value)' is a resource of \(fields[2])",
                       at: value.subrange(of: fields[2]), fixIt: "write \"*\" or the ARN of the \(arnService) resource the policy is attached to")
                continue
            }
            let index = catalog.resourceTypes(forARNService: arnService)
            let matching = index.matching(ARNRules.pattern(fields[5])).map { index.types[$0] }.filter {
                Self.fits(fields[3], $0.type.format.region) && Self.fits(fields[4], $0.type.format.account)
            }
            guard !matching.isEmpty, !matching.contains(where: { $0.service.prefix == type.actionService && type.resourceTypes.contains($0.type.name) }) else { continue }
            report(.unsupportedResourceForResourceType,
                   "\(type.title) names its own resource (\(names)); '\(value.value)' is of type \(matching.map(\.type.name).joined(separator: " or "))",
                   at: value.range, fixIt: "write \"*\" or the ARN of the resource the policy is attached to")
        }
    }

    /// Whether an ARN field as written can be the field of a format.
    private static func fits(_ written: Substring, _ field: ARNFormat.Field) -> Bool {
        if ARNRules.isOpen(written) { return true }
        switch field {
        case .empty: return written.isEmpty
        case .variable: return !written.isEmpty
        case .literal(let text): return written == text
        }
    }
}
