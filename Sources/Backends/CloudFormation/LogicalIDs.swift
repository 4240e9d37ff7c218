/// CloudFormation logical ids (alphanumeric, unique in a template) for the names of a build.
///
/// An id is the name in PascalCase plus a word for its kind (`web-app-ec2` → `WebAppEc2Role`),
/// so it stays the same from build to build while the name does: changing a logical id makes
/// CloudFormation replace the resource. Two names that differ only in punctuation or the
/// case of a word start (`web-app` and `web_app`) would get the same id; such ids instead
/// end in eight hex digits of a hash of the kind and name, which does not depend on the order
/// of the spec. Only the names involved in a clash change, and only when the clash appears.
struct LogicalIDs {
    struct Request {
        /// Unique per named thing, e.g. `role:web-app-ec2`.
        var key: String
        var preferred: String
    }

    private(set) var ids: [String: String] = [:]

    init(_ requests: [Request]) {
        var byPreferred: [String: [String]] = [:]
        for request in requests { byPreferred[request.preferred, default: []].append(request.key) }
        let pending = requests.map { request in
            (key: request.key,
             id: byPreferred[request.preferred]!.count > 1 ? request.preferred + Self.hash(request.key) : request.preferred)
        }
        // Hashed ids meet only by a 32-bit coincidence; numbering in key order keeps even
        // that unique and deterministic.
        var used = Set<String>()
        for (key, id) in pending.sorted(by: { $0.key < $1.key }) {
            var unique = id
            var n = 2
            while used.contains(unique) {
                unique = id + String(n)
                n += 1
            }
            used.insert(unique)
            ids[key] = unique
        }
    }

    subscript(key: String) -> String { ids[key]! }

    /// `web-app-ec2` → `WebAppEc2`: ASCII letters and digits, each run starting upper-case.
    static func pascalCase(_ name: String) -> String {
        var result = ""
        var startOfWord = true
        for c in name.unicodeScalars {
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) else {
                startOfWord = true
                continue
            }
            result += startOfWord ? String(c).uppercased() : String(c)
            startOfWord = false
        }
        return result
    }

    /// FNV-1a of the UTF-8 bytes, as eight upper-case hex digits.
    static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
