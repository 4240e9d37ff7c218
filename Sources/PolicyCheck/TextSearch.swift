/// Byte-level searches for ASCII needles. `String.contains("…")` resolves to Foundation's
/// locale-aware search when Foundation is visible, which costs more than the checks it serves.
extension StringProtocol {
    func includes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        let bytes = Array(utf8)
        guard bytes.count >= pattern.count else { return false }
        var i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == first {
                var j = 1
                while j < pattern.count && bytes[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return true }
            }
            i += 1
        }
        return false
    }
}
