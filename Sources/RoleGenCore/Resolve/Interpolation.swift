/// `${name}` substitution in spec strings.
///
/// Spec variables are `${name}` (letters, digits, `_`, `-`) and `${accounts.NAME}`.
/// IAM policy variables pass through untouched: anything containing a colon
/// (`${aws:username}`, `${aws:PrincipalTag/team}`, `${saml:sub}`) and the special
/// `${*}`, `${?}`, `${$}`. `$${` writes a literal `${`.
public enum Interpolation {
    public enum Lookup {
        case value(Text)
        case undefined(suggestion: String?)
    }

    public struct Failure: Error {
        public var message: String
        public var code: DiagnosticCode
        /// Character offset of the `${` within the string, and the reference's length.
        public var offset: Int
        public var length = 2
        public var fixIt: String?
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic && first.isASCII) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-") }
    }

    /// True when `text` is exactly one spec variable reference such as `${partner_account}`.
    static func isSingleReference(_ text: String) -> Bool {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return false }
        return isVariableName(String(text.dropFirst(2).dropLast()))
    }

    /// True when `${content}` is an IAM policy variable that must reach AWS literally.
    static func isPolicyVariable(_ content: String) -> Bool {
        content.contains(":") || content == "*" || content == "?" || content == "$"
    }

    /// Expands `text`; `lookup` answers for names that are not policy variables.
    public static func expand(_ text: String, lookup: (String) throws -> Lookup) throws -> Text {
        guard PlainText.contains(text, byte: UInt8(ascii: "$")) else { return Text(text) }
        var output = Text("")
        var literal = ""
        func flush() {
            output.append(.literal(literal))
            literal = ""
        }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "$" && i + 2 < chars.count && chars[i + 1] == "$" && chars[i + 2] == "{" {
                literal += "${"
                i += 3
                continue
            }
            guard c == "$" && i + 1 < chars.count && chars[i + 1] == "{" else {
                literal.append(c)
                i += 1
                continue
            }
            guard let close = chars[(i + 2)...].firstIndex(of: "}") else {
                throw Failure(message: "'${' is not closed with '}'", code: .invalidValue, offset: i,
                              fixIt: "write $${ for a literal ${")
            }
            let content = String(chars[(i + 2)..<close])
            if isPolicyVariable(content) {
                literal += "${" + content + "}"
            } else {
                switch try lookup(content) {
                case .value(let value):
                    flush()
                    output += value
                case .undefined(let suggestion):
                    throw Failure(message: "undefined variable '\(content)'", code: .undefinedVariable, offset: i, length: close + 1 - i,
                                  fixIt: suggestion.map { "did you mean '\($0)'?" }
                                    ?? "define it under variables: or pass --var \(content)=VALUE; write $${ for a literal ${")
                }
            }
            i = close + 1
        }
        flush()
        return output
    }
}
