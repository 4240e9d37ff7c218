import AWSCatalog
import RoleGenCore

/// Whether the actions of a statement support its condition keys (Access Analyzer's
/// unsupported/missing action for condition key and unsupported tag key checks). A key no
/// action supports is absent from every request the statement matches.
extension PolicyChecker {
    /// How one Action entry relates to a key.
    enum KeySupport { case supported, unsupported, unknown }

    /// Service keys and the tag keys depend on the action; the other aws: keys are global.
    /// Keys of identity providers (token.actions.githubusercontent.com:sub) are not in the catalog.
    static func dependsOnAction(_ low: String) -> Bool {
        guard let colon = low.firstIndex(of: ":") else { return false }
        let prefix = low[..<colon]
        if prefix == "aws" {
            return low.hasPrefix("aws:resourcetag/") || low.hasPrefix("aws:requesttag/") || low == "aws:tagkeys"
        }
        return !prefix.includes(".") && !prefix.includes("/")
    }

    /// What the condition entry evaluates to when its key is absent; nil when that depends on
    /// the values (Null with both), the operator is unknown, or IfExists says the key may be absent.
    static func matchesAbsentKey(_ entry: ConditionEntry) -> Bool? {
        guard case .success(let op) = ConditionOperator.parse(entry.operator.value), !op.ifExists else { return nil }
        if op.family == .null {
            let values = Set(entry.values.map { $0.value.lowercased() })
            return values.count == 1 ? values.first == "true" : nil
        }
        switch op.qualifier {
        case .forAllValues: return true
        case .forAnyValue: return false
        case nil: return op.isNegated
        }
    }

    /// Whether the catalog's action (or one of its resource types) lists the key.
    static func supports(_ action: Action, of service: Service, _ low: String) -> Bool {
        if action.conditionKeys.contains(where: { service.conditionKeys[$0].matches(lowercased: low) }) { return true }
        return action.resourceTypes.contains { type in
            service.resourceTypes[type.index].conditionKeys.contains { service.conditionKeys[$0].matches(lowercased: low) }
        }
    }

    /// A wildcard entry supports the key when one of the actions it matches does. Actions only
    /// botocore knows carry no condition keys: they cannot be judged.
    func support(_ resolved: ResolvedAction, _ low: String) -> KeySupport {
        guard let service = resolved.service, service.sources.contains(.policySentry) else { return .unknown }
        if let action = resolved.action {
            guard action.source.contains(.policySentry) else { return .unknown }
            return Self.supports(action, of: service, low) ? .supported : .unsupported
        }
        guard resolved.isWildcard else { return .unknown }
        let pattern = String(resolved.written.value.drop { $0 != ":" }.dropFirst())
        var judged = false
        for index in service.actionIndices(matching: pattern) where service.actions[index].source.contains(.policySentry) {
            if Self.supports(service.actions[index], of: service, low) { return .supported }
            judged = true
        }
        return judged ? .unsupported : .unknown
    }

    mutating func checkConditionKeySupport(_ statement: Statement, actions: [ResolvedAction]) {
        guard let list = statement.action, !actions.isEmpty else { return }
        let effect = statement.effect.value
        var seen: Set<String> = []
        for entry in statement.conditions {
            let low = entry.key.value.lowercased()
            guard Self.dependsOnAction(low), seen.insert(low).inserted,
                  let absent = Self.matchesAbsentKey(entry) else { continue }
            let isTagKey = low.hasPrefix("aws:")
            // Keys the catalog does not know are reported as such. Keys their service lists for no
            // action cannot be judged: some come with every request signed with certain
            // credentials (ec2:SourceInstanceARN, lambda:SourceFunctionArn), others lack data.
            if isTagKey {
                guard catalog.globalConditionKey(named: low) != nil else { continue }
            } else {
                guard catalog.conditionKey(named: low) != nil else { continue }
                if let own = service(String(low.prefix { $0 != ":" })), !own.listsConditionKey(low) { continue }
            }
            let key = entry.key.value
            if list.negated {
                // NotAction reaches every service; those without tag keys never see the key.
                guard isTagKey else { continue }
                report(.conditionKeyUnsupportedBySomeActions, .note,
                       "NotAction covers actions of services that do not support \(key); for them \(Self.consequence(effect, absent))",
                       at: entry.key.range, fixIt: "list the actions in Action instead")
                continue
            }
            let graded = actions.map { (action: $0, support: support($0, low)) }
            let lacking = graded.filter { $0.support == .unsupported }.map(\.action)
            guard !lacking.isEmpty else { continue }
            if lacking.count == graded.count {
                report(.conditionKeyUnsupportedByActions, .warning,
                       "no action of the statement supports \(key), so it is absent from every request: " + Self.wholeConsequence(effect, absent),
                       at: entry.key.range, fixIt: supportingActions(lacking, low).map { "\(key) applies to \($0)" } ?? "remove the condition")
            } else {
                let names = lacking.prefix(4).map(\.written.value).joined(separator: ", ") + (lacking.count > 4 ? ", …" : "")
                report(.conditionKeyUnsupportedBySomeActions, .note,
                       "\(lacking.count) of the statement's \(graded.count) actions do not support \(key) (\(names)); for them \(Self.consequence(effect, absent))",
                       at: entry.key.range, fixIt: "move those actions to a statement without this condition")
            }
        }
    }

    /// What a statement does for actions whose requests lack the key.
    static func consequence(_ effect: Effect, _ absent: Bool) -> String {
        switch (effect, absent) {
        case (.allow, false): return "the condition never matches, so the statement does not allow them"
        case (.deny, false): return "the condition never matches, so the statement does not deny them"
        case (.allow, true): return "the condition always matches, so it does not restrict them"
        case (.deny, true): return "the condition always matches, so the statement denies them whatever the key would hold"
        }
    }

    static func wholeConsequence(_ effect: Effect, _ absent: Bool) -> String {
        switch (effect, absent) {
        case (.allow, false): return "the condition never matches and the statement grants nothing"
        case (.deny, false): return "the condition never matches and the statement denies nothing"
        case (.allow, true): return "the condition always matches and restricts nothing"
        case (.deny, true): return "the condition always matches and the statement denies its actions unconditionally"
        }
    }

    /// A few actions that do support the key, of its own service and the statement's, for the fix.
    mutating func supportingActions(_ lacking: [ResolvedAction], _ low: String) -> String? {
        var names: [String] = []
        var seen: Set<String> = []
        let own = service(String(low.prefix { $0 != ":" }))
        for service in [own].compactMap({ $0 }) + lacking.compactMap(\.service) where seen.insert(service.prefix).inserted {
            for action in service.actions where names.count < 4 && Self.supports(action, of: service, low) {
                names.append("\(service.prefix):\(action.name)")
            }
        }
        guard !names.isEmpty else { return nil }
        return names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
    }
}
