import AWSCatalog
import RoleGenCore

/// An entry of Resource/NotResource with the resource types it may name.
struct ResolvedResource {
    var written: Located<String>
    /// The ARN formats of the resource types the entry may name; nil when unknown
    /// (`*`, a wildcard service, a service without resource types in the catalog).
    var formats: [String]?

    /// The resource part starts with a literal word (bucket names, `role/`, `function:`).
    var hasTypedHead: Bool {
        let parts = ARNRules.fields(written.value)
        guard parts.count == 6, let first = parts[5].first else { return false }
        return first != "*" && first != "?" && !parts[5].hasPrefix("${")
    }
}

enum ARNRules {
    /// ARN services whose resources always belong to an account. Elsewhere an empty account
    /// field names a resource AWS owns (arn:aws:ssm:*::document/AWS-RunShellScript,
    /// public SSM parameters), which AWS's own policies grant access to.
    static let accountScoped: Set<String> = ["iam", "sts"]

    /// The colon-separated fields of an ARN, at most six (the resource keeps its colons).
    static func fields(_ value: String) -> [Substring] {
        var result: [Substring] = []
        var start = value.utf8.startIndex
        var index = start
        let end = value.utf8.endIndex
        while index < end && result.count < 5 {
            if value.utf8[index] == UInt8(ascii: ":") {
                result.append(value[start..<index])
                start = value.utf8.index(after: index)
            }
            index = value.utf8.index(after: index)
        }
        result.append(value[start..<end])
        return result
    }

    static let partitions = Set(Regions.partitions)

    /// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-iso-east-1, us-isob-east-1, eusc-de-east-1.
    static func isRegion(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count <= 5, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber),
              parts.dropLast().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }) else { return false }
        return parts[0].count >= 2 && parts[0].count <= 4
    }

    static func isAccount(_ text: Substring) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Wildcards and policy variables stand for values we cannot see.
    static func isOpen(_ text: Substring) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "$") }
    }

    /// The text with each `${…}` policy variable as `*`, as bytes for matching.
    static func pattern(_ text: Substring) -> [UInt8] {
        ARNFormatPattern.convert(text)
    }
}

private enum ARNFormatPattern {
    static func convert(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                out.append(UInt8(ascii: "*"))
                i = close + 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}

extension PolicyChecker {
    mutating func checkResources(_ list: ElementList) -> [ResolvedResource] {
        list.values.map { checkResource($0, element: list.negated ? "NotResource" : "Resource") }
    }

    private mutating func checkResource(_ written: Located<String>, element: String) -> ResolvedResource {
        let unknown = ResolvedResource(written: written, formats: nil)
        let value = written.value
        checkVariables(written)
        if value == "*" { return unknown }
        guard value.hasPrefix("arn:") else {
            report(.invalidARNPrefix, "\(element) '\(value)' is neither \"*\" nor an ARN", at: written.range,
                   fixIt: value.lowercased().hasPrefix("arn:") ? "write 'arn:' in lower case" : "write the resource's ARN: arn:partition:service:region:account:resource")
            return unknown
        }
        let fields = ARNRules.fields(value)
        guard fields.count == 6 else {
            // A wildcard in the last field may stand for the remaining fields (arn:aws:s3:*).
            if let last = fields.last, last.includes("*") { return unknown }
            report(.missingARNField, "ARN '\(value)' has \(fields.count) of its 6 fields (arn:partition:service:region:account:resource)",
                   at: written.range)
            return unknown
        }
        let (partition, service, region, account, resource) = (fields[1], fields[2], fields[3], fields[4], fields[5])
        func range(_ field: Substring) -> SourceRange {
            guard written.value == value else { return written.range }
            return written.subrange(of: field)
        }
        if !ARNRules.isOpen(partition) && !ARNRules.partitions.contains(String(partition)) {
            report(.invalidPartition, "unknown partition '\(partition)' in ARN", at: range(partition),
                   fixIt: Nearest.closest(to: String(partition), in: ARNRules.partitions.sorted()).map { "did you mean '\($0)'?" }
                    ?? "partitions: " + ARNRules.partitions.sorted().joined(separator: ", "))
        }
        if !region.isEmpty && !ARNRules.isOpen(region) && ARNRules.isRegion(region) {
            checkARNRegion(region, partition: partition, at: range(region))
        }
        if service.contains(where: { $0 == "*" || $0 == "?" }) {
            report(.wildcardInServiceName, .warning, "the service '\(service)' of ARN '\(value)' is a wildcard: it matches the resources of any service",
                   at: range(service), fixIt: "write the service's name")
        }
        if ARNRules.isOpen(service) || service.isEmpty { return unknown }
        if service.contains(where: \.isUppercase) {
            report(.invalidARNServiceCase, "service '\(service)' of an ARN must be lower case", at: range(service),
                   fixIt: "write '\(service.lowercased())'")
        }
        let arnService = service.lowercased()
        let index = catalog.resourceTypes(forARNService: arnService)
        let types = index.types
        guard !types.isEmpty else {
            if catalog.service(arnService) == nil {
                let graded = uncatalogued(prefix: arnService, namedByAWS: UncataloguedNames.awsPoliciesName(arnService: arnService))
                report(.unknownARNService, graded.severity, "no resource type of the catalog has ARNs of service '\(service)'" + graded.why,
                       at: range(service), fixIt: Nearest.closest(to: arnService, in: catalog.prefixes).map { "did you mean '\($0)'?" } ?? graded.fixIt)
            }
            return unknown
        }
        let resourcePattern = ARNRules.pattern(resource)
        let matching = index.matching(resourcePattern)
        let considered = matching.isEmpty ? Array(types.indices) : matching
        func all(_ test: (ARNFormat) -> Bool) -> Bool { considered.allSatisfy { test(types[$0].type.format) } }
        func any(_ test: (ARNFormat) -> Bool) -> Bool { considered.contains { test(types[$0].type.format) } }
        var what: String {
            matching.count == 1 ? "a \(types[matching[0]].service.prefix) \(types[matching[0]].type.name)" : "this resource"
        }

        // Region.
        if !region.isEmpty && region != "*" {
            if all({ $0.region == .empty }) {
                // An account that must go as well goes in the same fix, so that the fix is no new error.
                let accountGoes = !account.isEmpty && account != "*" && all({ $0.account == .empty })
                report(.arnRegionNotAllowed, "the ARN of \(what) has no region; remove '\(region)'", at: range(region),
                       fixIt: "write " + (accountGoes ? value.replacingFirst(":\(region):\(account):", with: ":::")
                                                      : value.replacingFirst(":\(region):", with: "::")))
            } else if !ARNRules.isOpen(region) && !ARNRules.isRegion(region) {
                report(.invalidARNRegion, "'\(region)' is not a region", at: range(region), fixIt: "regions look like us-east-1 or eu-west-3")
            }
        } else if region.isEmpty, all({ $0.region == .variable }) {
            report(.missingARNRegion, "the ARN of \(what) needs a region", at: written.range,
                   fixIt: "fill in the region field (or *): arn:partition:\(service):REGION:…")
        }
        // Account.
        if !account.isEmpty && account != "*" {
            if all({ $0.account == .empty }) {
                report(.arnAccountNotAllowed, "the ARN of \(what) has no account; remove '\(account)'", at: range(account),
                       fixIt: "S3 bucket and object ARNs, for example, are arn:aws:s3:::bucket/key")
            } else if !ARNRules.isOpen(account) && !ARNRules.isAccount(account) && account != "aws"
                        && !any({ $0.account == .literal(String(account)) }) {
                report(.invalidARNAccount, "'\(account)' is not a 12-digit account id", at: range(account))
            }
        } else if account.isEmpty, ARNRules.accountScoped.contains(arnService), all({ $0.account == .variable }) {
            report(.missingARNAccount, "the ARN of \(what) needs an account id", at: written.range,
                   fixIt: "fill in the account field (or *): arn:partition:\(service):region:ACCOUNT:…")
        }
        if matching.isEmpty {
            let names = Array(Set(types.map(\.type.name))).sorted()
            let shown = names.count > 8 ? names.prefix(8).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
            // Warning, not error: the catalog misses resource types, and IAM accepts legacy
            // forms AWS's own policies still use (arn:aws:logs:*:*:/aws-glue/*).
            let head = ARNFormat.head(Array(resource.utf8))
            let heads = Set(types.map { ARNFormat.head($0.type.format.resourcePattern) }).filter { !$0.isEmpty && $0 != "*" }
            let close = head.isEmpty || heads.contains(head) ? nil : Nearest.closest(to: head, in: heads.sorted())
            report(.invalidARNResource, .warning, "'\(resource)' matches no resource type of \(arnService) in the catalog (\(shown))",
                   at: range(resource), fixIt: close.map { "did you mean '\($0)…'?" } ?? "check the ARN format in the Service Authorization Reference")
            return unknown
        }
        return ResolvedResource(written: written, formats: matching.map { types[$0].type.format.text })
    }

    /// An action whose every listed resource is of a type it does not act on does nothing.
    /// Reported once per statement, at the first such action.
    mutating func checkActionResourcePairs(_ actions: [ResolvedAction], _ resources: [ResolvedResource]) {
        // Only resources whose type is certain: a wildcard before the first / or : (arn:aws:waf-regional:*:*:*/*) may be anything.
        guard !resources.isEmpty, resources.allSatisfy({ $0.formats != nil && $0.hasTypedHead }) else { return }
        let named = resources.reduce(into: Set<String>()) { $0.formUnion($1.formats!) }
        var mismatched: [(action: ResolvedAction, types: [String])] = []
        for resolved in actions where !resolved.isWildcard {
            guard let service = resolved.service, let action = resolved.action,
                  action.source.contains(.policySentry) else { continue }
            guard !action.resourceTypes.isEmpty else { continue }
            let acceptable = action.resourceTypes.map { service.resourceTypes[$0.index].format.text }
            guard !acceptable.contains(where: named.contains) else { continue }
            mismatched.append((resolved, action.resourceTypes.map { service.resourceTypes[$0.index].name }))
        }
        guard let first = mismatched.first else { return }
        let listed = mismatched.prefix(4).map { "\($0.action.written.value) (\($0.types.joined(separator: ", ")))" }
        let more = mismatched.count > 4 ? " and \(mismatched.count - 4) more" : ""
        let subject = mismatched.count == 1 ? "\(listed[0]) acts" : "\(mismatched.count) actions act"
        report(.actionResourceMismatch, .warning,
               "\(subject) on none of this statement's resources, so the statement grants or denies \(mismatched.count == 1 ? "it" : "them") nothing"
                + (mismatched.count == 1 ? "" : ": " + listed.joined(separator: ", ") + more),
               at: first.action.written.range,
               notes: resources.prefix(3).map { .init("a resource of another type", at: $0.written.range) },
               fixIt: "move the action\(mismatched.count == 1 ? "" : "s") to a statement with resources of \(mismatched.count == 1 ? "that type" : "their types")")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let found = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(found, with: replacement)
        return copy
    }
}
