/// File and folder names for things whose AWS names may hold any character.
///
/// Role, policy and permission set names are limited to `[\w+=,.@-]` (and never `.` or `..`),
/// so backends use them as file names directly. A service control policy's name may hold
/// anything (`/`, line breaks, …), and two may differ only in case. Such a name keeps its safe
/// characters and gets `-` and 8 hex digits of a hash of the exact name, so the name of one
/// file depends on its own name only, and never meets another on a case-insensitive file
/// system.
enum OutputNames {
    /// One file name per name, in the order given; `names` are unique.
    static func fileNames(for names: [String]) -> [String] {
        let folded = names.map { $0.lowercased() }
        return names.enumerated().map { index, name in
            let clashes = folded.enumerated().contains { $0.offset != index && $0.element == folded[index] }
            if isPlain(name) && !clashes { return name }
            let safe = String(String.UnicodeScalarView(name.unicodeScalars.prefix(64).map { isPlain($0) ? $0 : "_" }))
            return safe + "-" + hash(name)
        }
    }

    private static func isPlain(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.unicodeScalars.count <= 128 && name.unicodeScalars.allSatisfy(isPlain)
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "_+=,.@-".unicodeScalars.contains(scalar)
    }

    /// FNV-1a (32 bits) of the UTF-8 bytes, as 8 lower-case hex digits: stable across runs and
    /// platforms, unlike Swift's seeded `Hasher`.
    static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
