import AWSCatalog
import RoleGenCore

/// What a policy document allows, per service and access level, in a few lines: an AWS
/// managed policy grants up to thousands of actions, and a reviewer needs to see their reach,
/// not their list. Actions are expanded against rolegen's catalog; a statement with NotAction
/// or the action `*` is summarised as written, as it reaches every service.
public struct AccessSummary: Sendable {
    /// One access level of one service.
    public struct Level: Sendable {
        public var level: AccessLevel
        /// Allowed action names (without prefix), sorted.
        public var allowed: [String]
        /// How many actions of this level the service has.
        public var total: Int
        /// Whether some of them are allowed only on some resources or under conditions.
        public var scoped: Bool
    }

    public struct ServiceAccess: Sendable {
        public var prefix: String
        public var levels: [Level]
    }

    /// Services the document's Allow statements reach through named or wildcard actions, sorted.
    public private(set) var services: [ServiceAccess] = []
    /// A statement summed up as written: an Allow of NotAction or `*`, or a Deny.
    public struct Written: Sendable {
        public var exceptActions: Bool
        public var actions: [String]
        public var resources: ElementList?
        public var conditional: Bool
    }

    /// Allow statements of NotAction or `*`: they reach every service.
    public private(set) var broad: [Written] = []
    public private(set) var denies: [Written] = []

    public init(_ document: PolicyDocument, catalog: Catalog = .shared) {
        // prefix → action index → scoped?
        var allowed: [String: [Int: Bool]] = [:]
        for statement in document.statements {
            guard let action = statement.action else { continue }
            let resources = statement.resource
            let everyResource = resources.map { !$0.negated && $0.values.contains { $0.value == "*" } } ?? false
            let scoped = !everyResource || !statement.conditions.isEmpty
            let written = action.values.map(\.value)
            let asWritten = Written(exceptActions: action.negated, actions: written, resources: resources, conditional: !statement.conditions.isEmpty)
            if statement.effect.value == .deny {
                denies.append(asWritten)
                continue
            }
            if action.negated || written.contains(where: { $0 == "*" || $0 == "*:*" }) {
                broad.append(asWritten)
                continue
            }
            for pattern in written {
                guard let colon = pattern.firstIndex(of: ":") else { continue }
                let servicePattern = String(pattern[..<colon]), name = String(pattern[pattern.index(after: colon)...])
                let prefixes = servicePattern.utf8.contains(where: Glob.isWildcard)
                    ? catalog.prefixes.filter { Glob.matchesIgnoringCase(servicePattern, $0) } : [servicePattern.lowercased()]
                for prefix in prefixes {
                    guard let service = catalog.service(prefix) else { continue }
                    for index in service.actionIndices(matching: name) {
                        allowed[service.prefix, default: [:]][index] = (allowed[service.prefix]?[index] ?? true) && scoped
                    }
                }
            }
        }
        services = allowed.keys.sorted().compactMap { prefix in
            guard let service = catalog.service(prefix), let granted = allowed[prefix] else { return nil }
            let levels = AccessLevel.reviewOrder.compactMap { level -> Level? in
                let ofLevel = service.actions.indices.filter { service.actions[$0].accessLevel == level }
                let names = ofLevel.filter { granted[$0] != nil }
                guard !names.isEmpty else { return nil }
                return Level(level: level, allowed: names.map { service.actions[$0].name }.sorted(), total: ofLevel.count,
                             scoped: names.contains { granted[$0] == true })
            }
            return ServiceAccess(prefix: prefix, levels: levels)
        }
    }

    /// Above this many services, the overview sums up per access level and the per-service
    /// lines become details (ReadOnlyAccess reaches some 300 services).
    public static let servicesShownInFull = 10

    public var isLarge: Bool { services.count > Self.servicesShownInFull }

    /// The broad grants, then one line per service (or per access level when `isLarge`), then
    /// the denies; `code` formats names.
    public func overview(code: (String) -> String) -> [String] {
        broad.map { "Allows " + Self.text($0, code: code) } + (isLarge ? perLevel(code: code) : perService(code: code))
            + denies.map { "Denies " + Self.text($0, code: code) }
    }

    /// One line per service: its access levels, with counts.
    public func perService(code: (String) -> String) -> [String] {
        services.map { service in
            let levels = service.levels.map { level -> String in
                var text = "\(Self.title(level.level)) " + Self.count(level, prefix: service.prefix, code: code)
                if level.scoped { text += " (some only on some resources or with conditions)" }
                return text
            }
            return code(service.prefix) + ": " + levels.joined(separator: "; ")
        }
    }

    /// One line per access level: the services all of whose actions of that level are allowed, and those some of whose are.
    private func perLevel(code: (String) -> String) -> [String] {
        AccessLevel.reviewOrder.compactMap { level in
            var all: [String] = [], some: [String] = []
            for service in services {
                guard let found = service.levels.first(where: { $0.level == level }) else { continue }
                if found.allowed.count == found.total { all.append(service.prefix) } else { some.append(service.prefix) }
            }
            guard !all.isEmpty || !some.isEmpty else { return nil }
            func group(_ prefixes: [String]) -> String {
                let shown = 8
                let names = prefixes.prefix(shown).map(code).joined(separator: ", ")
                return "\(prefixes.count) service\(prefixes.count == 1 ? "" : "s") (\(names)\(prefixes.count > shown ? ", …" : ""))"
            }
            let parts = (all.isEmpty ? [] : ["all actions of " + group(all)]) + (some.isEmpty ? [] : ["some of " + group(some)])
            return "\(Self.title(level)): " + parts.joined(separator: "; ")
        }
    }

    private static func title(_ level: AccessLevel) -> String { level == .unknown ? "Unclassified" : level.rawValue }

    /// `(all 25)`, `(3 of 60: s3:GetObject, …)`, `(58 of 60: all but s3:PutX, s3:PutY)`, `(30 of 60)`.
    private static func count(_ level: Level, prefix: String, code: (String) -> String) -> String {
        let few = 6
        if level.allowed.count == level.total { return "(all \(level.total))" }
        func names(_ list: [String]) -> String { list.map { code(prefix + ":" + $0) }.joined(separator: ", ") }
        if level.allowed.count <= few { return "(\(level.allowed.count) of \(level.total): " + names(level.allowed) + ")" }
        if level.total - level.allowed.count <= 3 {
            let missing = Set(level.allowed)
            let others = Catalog.shared.service(prefix)?.actions.filter { $0.accessLevel == level.level && !missing.contains($0.name) }.map(\.name).sorted() ?? []
            return "(\(level.allowed.count) of \(level.total): all but " + names(others) + ")"
        }
        return "(\(level.allowed.count) of \(level.total))"
    }

    /// `every action except `iam:*` on every resource except …, with conditions`.
    private static func text(_ written: Written, code: (String) -> String) -> String {
        func list(_ values: [String]) -> String { values.map(code).joined(separator: ", ") }
        var text = written.exceptActions ? "every action except " + list(written.actions)
            : written.actions.contains { $0 == "*" || $0 == "*:*" } ? "every action of every service" : list(written.actions)
        if let resources = written.resources {
            let values = resources.values.map(\.value)
            if resources.negated {
                text += " on every resource except " + list(values)
            } else if !values.contains("*") {
                text += " on " + list(values)
            }
        }
        return text + (written.conditional ? ", with conditions" : "")
    }
}

extension AccessLevel {
    /// From reading to changing who can do what, as reviews list them.
    static let reviewOrder: [AccessLevel] = [.list, .read, .tagging, .write, .permissionsManagement, .unknown]
}

extension AccessSummary {
    /// The summary of an AWS managed policy, worked out once per process: a spec of a thousand
    /// roles attaching SecurityAudit asks for it in every role's README section and review.
    public static func of(_ policy: AWSManagedPolicy) -> AccessSummary {
        summaries.value(for: policy.name) { AccessSummary(policy.document) }
    }

    private static let summaries = Memo<AccessSummary>()
}
