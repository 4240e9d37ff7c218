/// A policy string after its policy variables are looked up in the request.
enum Substitution: Equatable {
    case pattern(Pattern)
    /// A variable has no value and no default: the string matches nothing.
    case noValue
    /// A variable's key is unknown: whether the string matches cannot be said.
    case unknown
}

/// Replaces `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`. Raw `*` and
/// `?` become wildcards; substituted text is literal. A `${` without its `}` stays literal.
/// Only single-valued keys can be variables: a key with several values counts as no value.
/// With `unknownAsWildcard`, an unknown variable becomes `*`: the widest the string can be.
func substitute(_ text: String, _ facts: Facts, unknownAsWildcard: Bool = false) -> Substitution {
    var units: [Pattern.Unit] = []
    let bytes = Array(text.utf8)
    var index = 0
    var unknown = false
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
           let close = closingBrace(bytes, from: index + 2) {
            let body = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            switch lookUp(VariableReference(body), facts) {
            case .pattern(let value): units += value.units
            case .noValue: return .noValue
            case .unknown:
                if unknownAsWildcard { units.append(.anyRun) } else { unknown = true }
            }
            index = close + 1
            continue
        }
        units.append(byte == UInt8(ascii: "*") ? .anyRun : byte == UInt8(ascii: "?") ? .anyOne : .byte(byte))
        index += 1
    }
    return unknown ? .unknown : .pattern(Pattern(units: units))
}

/// The `}` that closes a variable opened before `start`; a `}` inside a quoted default does not.
private func closingBrace(_ bytes: [UInt8], from start: Int) -> Int? {
    var quoted = false
    for index in start..<bytes.count {
        if bytes[index] == UInt8(ascii: "'") { quoted.toggle() }
        if bytes[index] == UInt8(ascii: "}") && !quoted { return index }
    }
    return nil
}

/// The inside of `${…}`: a key with an optional default, or one of the escapes.
private struct VariableReference {
    var key: String
    var fallback: String?

    init(_ body: String) {
        guard let comma = body.firstIndex(of: ",") else {
            key = body.trimmed
            return
        }
        key = String(body[..<comma]).trimmed
        let quoted = String(body[body.index(after: comma)...]).trimmed
        if quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") {
            // `''` inside a default is one quote.
            fallback = String(quoted.dropFirst().dropLast()).replacing("''", with: "'")
        }
    }
}

private func lookUp(_ variable: VariableReference, _ facts: Facts) -> Substitution {
    if ["*", "?", "$"].contains(variable.key) { return .pattern(Pattern(literal: variable.key)) }
    let fallback: Substitution = variable.fallback.map { .pattern(Pattern(literal: $0)) } ?? .noValue
    switch facts.value(of: variable.key) {
    case .values(let values): return values.count == 1 ? .pattern(Pattern(literal: values[0])) : fallback
    case .absent: return fallback
    case .unknown: return .unknown
    }
}

extension String {
    var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
