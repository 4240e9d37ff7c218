/// Parsers for the typed values of Numeric, Date and IP address conditions. A value that does
/// not parse compares false, as no request value can equal it.
enum ConditionValues {
    static func number(_ text: String) -> Double? { Double(text.trimmed) }

    /// Seconds since 1970 from epoch seconds or one of the W3C profiles of ISO 8601:
    /// `2026-01-31`, `2026-01-31T12:00Z`, `2026-01-31T12:00:00.5+02:00` (no zone means UTC).
    static func date(_ text: String) -> Double? {
        if let seconds = Double(text) { return seconds }
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = digits(4) else { return nil }
        let month = skip("-") ? digits(2) : 1
        let day = month != nil && skip("-") ? digits(2) : 1
        guard let month, let day, (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        if skip("T") {
            guard let hour = digits(2), skip(":"), let minute = digits(2) else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if skip(":") {
                guard let second = digits(2) else { return nil }
                seconds += Double(second)
                if skip(".") {
                    let start = index
                    while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
                    seconds += Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
                }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let east = bytes[index] == UInt8(ascii: "+")
                index += 1
                guard let hours = digits(2), skip(":"), let minutes = digits(2) else { return nil }
                // A zone east of UTC is ahead: its local time is later than UTC.
                seconds += Double(hours * 3600 + minutes * 60) * (east ? -1 : 1)
            } else {
                _ = skip("Z")
            }
        }
        return index == bytes.count ? seconds : nil
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
