/// A fast path for the escapers of every output format: most spec strings are printable
/// ASCII without a character the format escapes, and can be copied whole instead of
/// character by character.
public enum PlainText {
    /// Whether every byte of `text` is printable ASCII (0x20–0x7E) and none is in `special`.
    public static func isPrintableASCII(_ text: String, except special: [UInt8]) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && !special.contains($0) }
    }

    /// `"` and `\`, the characters JSON escapes within printable ASCII.
    public static let jsonSpecial: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\")]
}
