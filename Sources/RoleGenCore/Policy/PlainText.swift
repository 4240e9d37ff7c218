/// A fast path for the escapers of every output format: most spec strings are printable
/// ASCII without a character the format escapes, and can be copied whole instead of
/// character by character.
public enum PlainText {
    /// Whether every byte of `text` is printable ASCII (0x20–0x7E) and none is in `special`.
    public static func isPrintableASCII(_ text: String, except special: [UInt8]) -> Bool {
        // Scanned over the string's own bytes: iterating `utf8` costs an index check per byte.
        let allowed = ASCIISet.printable.removing(special)
        func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.allSatisfy(allowed.contains) }
        if let result = text.utf8.withContiguousStorageIfAvailable(check) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(check)
    }

    /// Whether `text` holds `byte`, scanned over the string's own bytes.
    public static func contains(_ text: String, byte: UInt8) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ $0.contains(byte) }) { return found }
        return text.utf8.contains(byte)
    }

    /// `"` and `\`, the characters JSON escapes within printable ASCII.
    public static let jsonSpecial: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\")]
}
