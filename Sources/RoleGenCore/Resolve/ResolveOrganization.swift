import AWSCatalog
/// Resolves the organization-level parts: service-linked roles, service control policies and
/// Identity Center permission sets.
extension ResolverState {
    mutating func serviceLinkedRole(_ spec: ServiceLinkedRoleSpec) -> ServiceLinkedRole? {
        let before = errorCount
        let service = literal(spec.service, "service-linked role service", code: .invalidValue)
        if let service {
            if !ServiceLinkedRoleIndex.isServicePrincipal(service) {
                error(.invalidValue, "'\(service)' is not an AWS service principal such as autoscaling.amazonaws.com", at: spec.service.range)
            } else if !ServiceLinkedRoleIndex.shared.contains(service), case .misspelt(let close) = ServicePrincipals.check(service) {
                error(.misspeltServicePrincipal, "no AWS service is named '\(service)'; it is a near miss of \(close)", at: spec.service.range,
                      fixIt: "did you mean '\(close)'?")
            } else if !ServiceLinkedRoleIndex.shared.contains(service) {
                diagnostics.append(.warning(
                    .unknownLinkedService,
                    "\(service) is not among the \(ServiceLinkedRoleIndex.shared.services.count) services known to have service-linked roles (from AWS managed policies, \(ServiceLinkedRoleServices.source))",
                    at: spec.service.range,
                    fixIt: Nearest.closest(to: service, in: ServiceLinkedRoleIndex.shared.services).map { "did you mean '\($0)'?" }
                        ?? "check the service's documentation for \"service-linked role\""))
            }
        }
        let suffix = spec.suffix.flatMap { literal($0, "service-linked role suffix") }
        if let suffix { checkName(suffix, OrganizationLimits.serviceLinkedRoleSuffix, "service-linked role suffix", at: spec.suffix!.range) }
        let description = spec.description.flatMap { text($0) }
        if let description {
            check(description, IAMLimits.roleDescription, .descriptionLimit, "service-linked role description", at: spec.description!.range)
        }
        let account = (spec.account ?? file.defaults.account).flatMap { accountID($0) }
        guard errorCount == before, let service else { return nil }
        return ServiceLinkedRole(service: service, suffix: suffix, description: description, account: account,
                                 specFile: file.path, range: spec.range)
    }

    mutating func serviceControlPolicy(_ spec: ServiceControlPolicySpec) -> ServiceControlPolicy? {
        let before = errorCount
        let name = literal(spec.name, "service control policy name")
        if let name { checkName(name, OrganizationLimits.scpName, "service control policy name", at: spec.name.range) }
        let description = spec.description.flatMap { text($0) }
        if let description {
            check(description, OrganizationLimits.scpDescription, .descriptionLimit, "service control policy description",
                  at: spec.description!.range)
        }
        let document = policyDocument(spec.body, .serviceControlPolicy)
        if let document {
            // Organizations counts every character of the content it is sent; rolegen sends compact JSON.
            let size = PolicyQuota.compactLength(of: document)
            if size > PolicyQuota.serviceControlPolicy {
                error(.policySizeLimit, "service control policy is \(size) characters as compact JSON; AWS Organizations allows \(PolicyQuota.serviceControlPolicy) (every character counts)",
                      at: spec.range, fixIt: "split it into several policies attached to the same targets")
            }
        }
        var targets: [PolicyTarget] = []
        for written in spec.targets {
            guard let target = policyTarget(written) else { continue }
            if targets.contains(target) {
                diagnostics.append(.warning(.duplicateName, "target '\(written.value)' is listed twice", at: written.range))
                continue
            }
            targets.append(target)
        }
        let tags = mergedTags(file.defaults.tags, spec.tags, what: "service control policy", limits: .organizations, at: spec.range)
        guard errorCount == before, let name, let document else { return nil }
        return ServiceControlPolicy(name: name, description: description, document: document, targets: targets, tags: tags,
                                    specFile: file.path, range: spec.range)
    }

    /// `root`, `r-…`, `ou-…`, a 12-digit id or an account name.
    private mutating func policyTarget(_ written: Located<String>) -> PolicyTarget? {
        guard let text = text(written) else { return nil }
        if text == "root" { return .root }
        if let value = text.literal, value.hasPrefix("r-") || value.hasPrefix("ou-") {
            if let problem = OrganizationLimits.scpTargetID.problem(with: value) {
                error(.invalidValue, "target '\(value)' \(problem)", at: written.range,
                      fixIt: "root ids look like r-ab12, OU ids like ou-ab12-cdef3456")
                return nil
            }
            return .id(text)
        }
        return accountID(written).map(PolicyTarget.id)
    }

    mutating func permissionSet(_ spec: PermissionSetSpec) -> PermissionSet? {
        let before = errorCount
        let name = literal(spec.name, "permission set name")
        if let name { checkName(name, OrganizationLimits.permissionSetName, "permission set name", at: spec.name.range) }
        let description = spec.description.flatMap { text($0) }
        if let description {
            check(description, OrganizationLimits.permissionSetDescription, .descriptionLimit, "permission set description",
                  at: spec.description!.range)
        }
        var duration = "PT1H"
        if let written = spec.sessionDuration, let value = literal(written, "session_duration", code: .sessionDurationLimit) {
            if let seconds = ISO8601Duration.seconds(value), (3600...43200).contains(seconds) {
                duration = value
            } else {
                error(.sessionDurationLimit, "session_duration '\(value)' must be an ISO-8601 duration from PT1H to PT12H", at: written.range,
                      fixIt: "for example PT8H or PT1H30M")
            }
        }
        let relayState = spec.relayState.flatMap { text($0) }
        if let relayState {
            check(relayState, OrganizationLimits.permissionSetRelayState, .invalidValue, "relay_state", at: spec.relayState!.range)
        }
        var managed: [PolicyReference] = []
        for written in spec.managedPolicies {
            guard let reference = policyReference(written, account: nil) else { continue }
            guard reference.arn.shown.contains(":iam::aws:policy/") else {
                error(.unknownPolicy, "'\(written.value)' is not an AWS managed policy; permission sets name customer policies under customer_managed_policies",
                      at: written.range)
                continue
            }
            if !managed.contains(where: { $0.arn == reference.arn }) { managed.append(reference) }
        }
        var customer: [CustomerManagedPolicyReference] = []
        for written in spec.customerManagedPolicies {
            guard let reference = customerManagedReference(written) else { continue }
            if !customer.contains(reference) { customer.append(reference) }
        }
        let inline = spec.inlinePolicy.flatMap { policyDocument($0) }
        if let inline {
            let size = PolicyQuota.compactLength(of: inline)
            if size > OrganizationLimits.permissionSetInlinePolicy.max {
                error(.policySizeLimit, "inline policy is \(size) characters as compact JSON; Identity Center allows \(OrganizationLimits.permissionSetInlinePolicy.max)",
                      at: spec.range)
            }
        }
        var boundary: PermissionSet.Boundary?
        if let written = spec.permissionsBoundary, let value = literal(written, "permissions boundary", code: .unknownPolicy) {
            if customerPolicies[value.lowercased()] != nil || value.hasPrefix("/") {
                boundary = customerManagedReference(written).map(PermissionSet.Boundary.customer)
            } else if let reference = policyReference(written, account: nil) {
                boundary = .awsManaged(arn: reference.arn)
            }
        }
        let tags = mergedTags(file.defaults.tags, spec.tags, what: "permission set", limits: .identityCenter, at: spec.range)
        var assignments: [PermissionSet.Assignment] = []
        for assignment in spec.assignments {
            guard let principal = text(assignment.principal) else { continue }
            if let literal = principal.literal, let problem = OrganizationLimits.identityStorePrincipalID.problem(with: literal) {
                error(.invalidValue, "\(assignment.principalType == .group ? "group" : "user") '\(principal)' must be an Identity Store id: \(problem)",
                      at: assignment.principal.range, fixIt: "copy the id from the IAM Identity Center console, or use a ${variable}")
                continue
            }
            for written in assignment.accounts {
                guard let account = accountID(written) else { continue }
                let resolved = PermissionSet.Assignment(principalType: assignment.principalType, principalID: principal, account: account)
                if !assignments.contains(resolved) { assignments.append(resolved) }
            }
        }
        guard errorCount == before, let name else { return nil }
        return PermissionSet(name: name, description: description, sessionDuration: duration, relayState: relayState,
                             managedPolicies: managed, customerManagedPolicies: customer, inlinePolicy: inline,
                             permissionsBoundary: boundary, tags: tags, assignments: assignments, specFile: file.path, range: spec.range)
    }

    /// A spec policy by name (its path comes along), or `/path/name` of a policy made elsewhere.
    private mutating func customerManagedReference(_ written: Located<String>) -> CustomerManagedPolicyReference? {
        guard let value = literal(written, "customer managed policy", code: .unknownPolicy) else { return nil }
        if let policy = customerPolicies[value.lowercased()] {
            return CustomerManagedPolicyReference(name: policy.name, path: policy.path)
        }
        let slash = value.lastIndex(of: "/")
        let name = slash.map { String(value[value.index(after: $0)...]) } ?? value
        let path = slash.map { String(value[...$0]) } ?? "/"
        checkName(name, OrganizationLimits.customerManagedPolicyName, "customer managed policy name", at: written.range)
        check(Text(path.hasPrefix("/") ? path : "/" + path), OrganizationLimits.customerManagedPolicyPath, .pathLimit, "customer managed policy path",
              at: written.range)
        if slash == nil, let near = Nearest.closest(to: value, in: customerPolicies.values.map(\.name)) {
            diagnostics.append(.warning(.unknownPolicy, "'\(value)' is not a policy of this spec; it must exist in every assigned account",
                                        at: written.range, fixIt: "did you mean '\(near)'?"))
        }
        return CustomerManagedPolicyReference(name: name, path: path.hasPrefix("/") ? path : "/" + path)
    }
}

/// ISO-8601 durations of the `PT#H#M#S` form Identity Center uses.
enum ISO8601Duration {
    static func seconds(_ text: String) -> Int? {
        guard text.hasPrefix("PT"), text.count > 2 else { return nil }
        var total = 0, number = ""
        var lastUnit = 0
        for character in text.dropFirst(2) {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            let units: [Character: (order: Int, seconds: Int)] = ["H": (1, 3600), "M": (2, 60), "S": (3, 1)]
            guard let unit = units[character], unit.order > lastUnit, let value = Int(number) else { return nil }
            total += value * unit.seconds
            lastUnit = unit.order
            number = ""
        }
        return number.isEmpty ? total : nil
    }
}

/// Service principals known to have service-linked roles, from the generated table.
final class ServiceLinkedRoleIndex: Sendable {
    static let shared = ServiceLinkedRoleIndex()

    let services: [String]
    private let known: Set<String>

    private init() {
        services = ServiceLinkedRoleServices.table.split(separator: "\n").map(String.init)
        known = Set(services)
    }

    func contains(_ service: String) -> Bool { known.contains(service) }

    static func isServicePrincipal(_ value: String) -> Bool {
        guard value.hasSuffix(".amazonaws.com"), value.count > ".amazonaws.com".count else { return false }
        return value.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
    }
}
