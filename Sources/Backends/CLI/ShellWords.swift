import RoleGenCore

/// Shell words for values that reach bash. Every literal is quoted, whatever it holds, so
/// `$(...)`, backticks, `;`, quotes and line breaks stay data.
enum ShellWords {
    /// A literal: single quotes (a `'` inside becomes `'\''`); double quotes with `$`, `` ` ``,
    /// `"` and `\` escaped when it holds `$` or a backtick (single quotes would be just as
    /// safe, but shellcheck takes `'$(…)'` for a mistake); ANSI-C `$'…'` quoting when it
    /// holds control characters, so a line break never spans lines of the script.
    static func quote(_ text: String) -> String {
        // One pass over the bytes decides the quoting (a control character is one byte in UTF-8).
        var hasControl = false, hasExpansion = false, hasQuote = false
        for byte in text.utf8 {
            switch byte {
            case 0..<0x20, 0x7F: hasControl = true
            case UInt8(ascii: "$"), UInt8(ascii: "`"): hasExpansion = true
            case UInt8(ascii: "'"): hasQuote = true
            default: break
            }
        }
        if !hasControl && !hasExpansion && !hasQuote { return "'" + text + "'" }
        if !hasControl && hasExpansion {
            var out = "\""
            for c in text.unicodeScalars {
                if c == "$" || c == "`" || c == "\"" || c == "\\" { out += "\\" }
                out.unicodeScalars.append(c)
            }
            return out + "\""
        }
        guard hasControl else {
            var out = "'"
            for c in text.unicodeScalars {
                if c == "'" { out += #"'\''"# } else { out.unicodeScalars.append(c) }
            }
            return out + "'"
        }
        var out = "$'"
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += #"\\"#
            case "'": out += #"\'"#
            case "\n": out += #"\n"#
            case "\t": out += #"\t"#
            case "\r": out += #"\r"#
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let hex = String(c.value, radix: 16)
                    out += #"\x"# + (hex.count == 1 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "'"
    }

    /// A model string as one word: literal parts quoted, deploy-time inputs as the shell
    /// variables that hold them (`'arn:aws:iam::'"$input_partner"':root'`).
    static func word(_ text: Text, variables: [String: String]) -> String {
        if text.isEmpty { return "''" }
        return text.parts.map {
            switch $0 {
            case .literal(let literal): return quote(literal)
            case .input(let name): return "\"$" + variables[name]! + "\""
            }
        }.joined()
    }

    /// Text for a `#` comment: one line, control characters shown as `?`.
    static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
