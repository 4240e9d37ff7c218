import RoleGenCore

/// The small part of HCL the Terraform backend writes: quoted templates, references, lists,
/// objects and function calls, in attributes and blocks.
indirect enum HCLExpression: Equatable {
    /// A quoted string. Literal parts are escaped for HCL; references become `${…}`.
    case template([HCLTemplatePart])
    /// An expression written as is: `var.tags`, `aws_iam_role.app.arn`, `3600`, `each.value`.
    case reference(String)
    case list([HCLExpression])
    case object([HCLObjectItem])
    /// `name(arguments…)`; only the last argument may span several lines.
    case call(String, [HCLExpression])

    static func string(_ text: String) -> HCLExpression { .template([.literal(text)]) }
}

enum HCLTemplatePart: Equatable {
    case literal(String)
    /// An expression interpolated into the string, e.g. `var.external_id`.
    case interpolation(String)
}

struct HCLObjectItem: Equatable {
    enum Key: Equatable {
        /// A key that reads best bare (`Version`, `Effect`) when HCL allows it; quoted otherwise.
        case name(String)
        /// A key computed from a template: always quoted.
        case template([HCLTemplatePart])
    }

    var key: Key
    var value: HCLExpression

    init(_ key: String, _ value: HCLExpression) {
        self.key = .name(key)
        self.value = value
    }

    init(key: Key, _ value: HCLExpression) {
        self.key = key
        self.value = value
    }
}

/// One element of a block body.
enum HCLBodyItem: Equatable {
    case attribute(String, HCLExpression)
    case block(String, labels: [String], [HCLBodyItem])
    case blankLine
}

enum HCL {
    // MARK: Strings

    /// Printable ASCII characters that `escapeLiteral` may change.
    private static let specialInLiterals: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "%")]

    /// `text` as the inside of an HCL quoted string, so that it evaluates to exactly `text`:
    /// quotes and backslashes escaped, `${` as `$${` and `%{` as `%%{` (HCL template syntax,
    /// which IAM policy variables such as `${aws:username}` would otherwise trigger), control and
    /// invisible characters as `\uXXXX` so a reviewer sees every character that reaches AWS.
    static func escapeLiteral(_ text: String) -> String {
        if PlainText.isPrintableASCII(text, except: specialInLiterals) { return text }
        var output = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            // `$$` before `{` is HCL's escape for `$`; any `$` before it stays literal, so doubling
            // the last `$` of a run is enough (`$${x}` is written `$$${x}`).
            case "$" where next == "{": output += "$$"
            case "%" where next == "{": output += "%%"
            default:
                if isVisible(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += unicodeEscape(scalar)
                }
            }
        }
        return output
    }

    /// The quoted HCL string for a template. A literal `$` that ends a literal part directly
    /// before an interpolation is written `\u0024`: `$${` would read as an escaped `${`.
    static func quoted(_ parts: [HCLTemplatePart]) -> String {
        var output = "\""
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let text):
                var escaped = escapeLiteral(text)
                let nextIsInterpolation: Bool
                if index + 1 < parts.count, case .interpolation = parts[index + 1] { nextIsInterpolation = true } else { nextIsInterpolation = false }
                if nextIsInterpolation && escaped.hasSuffix("$") {
                    escaped.removeLast()
                    escaped += "\\u0024"
                }
                output += escaped
            case .interpolation(let expression):
                output += "${" + expression + "}"
            }
        }
        return output + "\""
    }

    /// Characters written as they are. Everything else — C0/C1 controls, DEL, format characters
    /// (bidirectional overrides, zero-width joiners, the BOM), line and paragraph separators,
    /// spaces other than U+0020, private use, unassigned and noncharacters — is escaped, so a
    /// spec cannot make the module show a reviewer something other than what AWS receives.
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return true }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator,
             .privateUse, .surrogate, .unassigned:
            return false
        default:
            return !scalar.properties.isNoncharacterCodePoint
        }
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value <= 0xFFFF {
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Whether `key` may be written bare as an object key. Keywords are quoted: a bare `for`
    /// starts a `for` expression, and `true`, `null`, … are values, not names.
    static func isBareKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        guard key.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") })
        else { return false }
        return !["for", "in", "if", "else", "endfor", "endif", "true", "false", "null"].contains(key)
    }

    /// Whether `name` is an HCL identifier (for block labels used as addresses, variable names).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    // MARK: Files

    /// A file of top-level blocks separated by blank lines, optionally after a comment header.
    static func file(header: [String] = [], _ blocks: [HCLBodyItem]) -> String {
        var lines: [HCLLine] = header.map { HCLLine(depth: 0, lead: "# " + commentSafe($0)) }
        if !header.isEmpty && !blocks.isEmpty { lines.append(HCLLine(depth: 0, lead: "")) }
        for (index, block) in blocks.enumerated() {
            if index > 0 { lines.append(HCLLine(depth: 0, lead: "")) }
            HCLWriter.body([block], depth: 0, into: &lines)
        }
        return HCLWriter.text(lines)
    }

    /// A comment line cannot hold a line break; other invisible characters are escaped too.
    static func commentSafe(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if isVisible(scalar) { output.unicodeScalars.append(scalar) } else { output += unicodeEscape(scalar) }
        }
        return output
    }
}

/// One output line: its nesting depth, the text before any aligned `=`, and the `= value`
/// part when the line holds a whole attribute (the lines `terraform fmt` aligns).
struct HCLLine {
    var depth: Int
    var lead: String
    var assign: String?
}

/// Writes HCL exactly as `terraform fmt` formats it: two spaces per nesting level, one
/// attribute or element per line, and the `=` of consecutive one-line attributes aligned.
/// Alignment follows hclwrite: a run of lines that each hold a complete `name = value` is
/// padded to its longest name, counted in Unicode scalars; any other line ends the run.
enum HCLWriter {
    static func body(_ items: [HCLBodyItem], depth: Int, into lines: inout [HCLLine]) {
        for item in items {
            switch item {
            case .blankLine:
                lines.append(HCLLine(depth: depth, lead: ""))
            case .attribute(let name, let value):
                assign(name, value, depth: depth, into: &lines)
            case .block(let type, let labels, let items):
                let header = ([type] + labels.map { HCL.quoted([.literal($0)]) }).joined(separator: " ")
                if items.isEmpty {
                    lines.append(HCLLine(depth: depth, lead: header + " {}"))
                } else {
                    lines.append(HCLLine(depth: depth, lead: header + " {"))
                    body(items, depth: depth + 1, into: &lines)
                    lines.append(HCLLine(depth: depth, lead: "}"))
                }
            }
        }
    }

    /// `key = value`, on one line when the value fits on one, else opening the value's
    /// brackets at the end of the line.
    static func assign(_ key: String, _ value: HCLExpression, depth: Int, into lines: inout [HCLLine]) {
        if let single = singleLine(value) {
            lines.append(HCLLine(depth: depth, lead: key, assign: "= " + single))
            return
        }
        var valueLines: [HCLLine] = []
        let opening = multiLine(value, depth: depth, into: &valueLines)
        lines.append(HCLLine(depth: depth, lead: key + " = " + opening))
        lines += valueLines
    }

    /// The expression on one line, or nil when it must span several (non-empty lists and
    /// objects always do: one element per line reviews and diffs best).
    static func singleLine(_ expression: HCLExpression) -> String? {
        switch expression {
        case .template(let parts):
            if parts.count == 1, case .interpolation(let reference) = parts[0] { return reference }
            return HCL.quoted(parts)
        case .reference(let text):
            return text
        case .list(let items):
            return items.isEmpty ? "[]" : nil
        case .object(let items):
            return items.isEmpty ? "{}" : nil
        case .call(let name, let arguments):
            var rendered: [String] = []
            for argument in arguments {
                guard let text = singleLine(argument) else { return nil }
                rendered.append(text)
            }
            return name + "(" + rendered.joined(separator: ", ") + ")"
        }
    }

    /// Writes the lines after the first of a multi-line expression and returns the text that
    /// ends the first line (`{`, `[`, `jsonencode({`, `merge(var.tags, {`).
    private static func multiLine(_ expression: HCLExpression, depth: Int, into lines: inout [HCLLine]) -> String {
        switch expression {
        case .list(let items):
            for item in items {
                element(item, depth: depth + 1, suffix: ",", into: &lines)
            }
            lines.append(HCLLine(depth: depth, lead: "]"))
            return "["
        case .object(let items):
            for item in items {
                let key: String
                switch item.key {
                case .name(let name): key = HCL.isBareKey(name) ? name : HCL.quoted([.literal(name)])
                case .template(let parts): key = HCL.quoted(parts)
                }
                assign(key, item.value, depth: depth + 1, into: &lines)
            }
            lines.append(HCLLine(depth: depth, lead: "}"))
            return "{"
        case .call(let name, let arguments):
            // Leading arguments on the first line; the last one opens its brackets there too.
            let leading = arguments.dropLast().map { singleLine($0) ?? "" }
            var inner: [HCLLine] = []
            let opening = multiLine(arguments.last!, depth: depth, into: &inner)
            // The inner closing line (`}`) gains the call's `)`.
            inner[inner.count - 1].lead += ")"
            lines += inner
            return name + "(" + (leading + [opening]).joined(separator: ", ")
        case .template, .reference:
            preconditionFailure("single-line expression rendered as multi-line")
        }
    }

    /// A list element: one line, or a multi-line value whose closing line carries the comma.
    private static func element(_ expression: HCLExpression, depth: Int, suffix: String, into lines: inout [HCLLine]) {
        if let single = singleLine(expression) {
            lines.append(HCLLine(depth: depth, lead: single + suffix))
            return
        }
        var inner: [HCLLine] = []
        let opening = multiLine(expression, depth: depth, into: &inner)
        lines.append(HCLLine(depth: depth, lead: opening))
        inner[inner.count - 1].lead += suffix
        lines += inner
    }

    /// The final text: indentation, aligned `=` signs, one trailing newline.
    static func text(_ lines: [HCLLine]) -> String {
        var padded = lines.map { $0.lead }
        var chainStart: Int?
        func close(_ end: Int) {
            guard let start = chainStart else { return }
            func columns(_ line: HCLLine) -> Int { 2 * line.depth + line.lead.unicodeScalars.count }
            let width = lines[start..<end].map(columns).max()!
            for index in start..<end {
                padded[index] = lines[index].lead + String(repeating: " ", count: width - columns(lines[index]) + 1) + lines[index].assign!
            }
            chainStart = nil
        }
        for (index, line) in lines.enumerated() {
            if line.assign == nil {
                close(index)
            } else if chainStart == nil {
                chainStart = index
            }
        }
        close(lines.count)
        return zip(lines, padded).map { line, text in
            text.isEmpty ? "" : String(repeating: "  ", count: line.depth) + text
        }.joined(separator: "\n") + "\n"
    }
}
