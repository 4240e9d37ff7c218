import RoleGenCore

/// Shell words for values that reach bash. Every literal is quoted, whatever it holds, so
/// `$(...)`, backticks, `;`, quotes and line breaks stay data.
enum ShellWords {
    /// A literal: single quotes (a `'` inside becomes `'\''`); double quotes with `$`, `` ` ``,
    /// `"` and `\` escaped when it holds `$` or a backtick (single quotes would be just as
    /// safe, but shellcheck takes `'$(…)'` for a mistake); ANSI-C `$'…'` quoting when it
    /// holds control characters, so a line break never spans lines of the script.
    static func quote(_ text: String) -> String {
        let hasControl = text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        if !hasControl && (text.contains("$") || text.contains("`")) {
            var out = "\""
            for c in text.unicodeScalars {
                if c == "$" || c == "`" || c == "\"" || c == "\\" { out += "\\" }
                out.unicodeScalars.append(c)
            }
            return out + "\""
        }
        guard hasControl else { return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
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
    static func word(_ text: String, variables: [String: String]) -> String {
        let segments = DeployInputs.segments(text)
        if segments.isEmpty { return "''" }
        return segments.map {
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
