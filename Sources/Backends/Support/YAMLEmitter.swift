/// A YAML document as an emitter sees it: strings are always strings (never typed by how
/// they look), mappings keep the order they were built with, and any node may carry a
/// local tag such as CloudFormation's `!Ref`.
public indirect enum YAMLNode {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case sequence([YAMLNode])
    case mapping([(String, YAMLNode)])
    /// `tag` is written as is, e.g. `!Ref`.
    case tagged(String, YAMLNode)
}

/// Writes `YAMLNode`s as block-style YAML that YAML 1.1 and 1.2 readers (PyYAML, which
/// cfn-lint uses, libyaml, CloudFormation itself) all read back as the same strings.
///
/// A string is written plain only when no reader could take it for anything but that string:
/// printable ASCII, no indicator at the start, no `: ` or ` #` inside, no flow characters,
/// and nothing a YAML 1.1 reader resolves to another type (`yes`, `no`, `on`, `off`, `y`,
/// `null`, `~`, numbers such as `0123`, `1_000`, `1:30`, `.5`, dates). Everything else is
/// single-quoted, or double-quoted with escapes when it holds line breaks or characters
/// YAML cannot carry literally. Keys follow the same rules.
public enum YAMLEmitter {
    /// The document, each line of `header` as a `# ` comment first, with a trailing newline.
    public static func emit(_ node: YAMLNode, header: [String] = []) -> String {
        var lines = header.map { "# " + commentSafe($0) }
        switch node {
        case .mapping(let members) where !members.isEmpty:
            lines += mappingLines(members, indent: 0)
        case .sequence(let items) where !items.isEmpty:
            lines += sequenceLines(items, indent: 0)
        default:
            lines.append(inline(node) ?? "")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scalar as YAML: plain when that is unambiguous, else quoted.
    public static func scalar(_ value: String) -> String {
        if isPlainSafe(value) { return value }
        if value.unicodeScalars.allSatisfy(isSingleQuotable) {
            return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return doubleQuoted(value)
    }

    // MARK: Block structure

    /// The node on the rest of the current line, or nil for a non-empty block collection.
    private static func inline(_ node: YAMLNode) -> String? {
        switch node {
        case .string(let s): return scalar(s)
        case .integer(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .sequence(let items): return items.isEmpty ? "[]" : nil
        case .mapping(let members): return members.isEmpty ? "{}" : nil
        case .tagged(let tag, let inner): return inline(inner).map { tag + " " + $0 }
        }
    }

    /// The lines of a non-empty block collection whose first line starts at `indent`.
    private static func blockLines(_ node: YAMLNode, indent: Int) -> [String] {
        switch node {
        case .sequence(let items): return sequenceLines(items, indent: indent)
        case .mapping(let members): return mappingLines(members, indent: indent)
        default: return [String(repeating: " ", count: indent) + (inline(node) ?? "")]
        }
    }

    private static func mappingLines(_ members: [(String, YAMLNode)], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for (key, value) in members {
            let written = scalar(key)
            // YAML limits implicit keys to 1024 characters; longer ones use the explicit form.
            let prefix = written.count > 1000 ? pad + "? " + written + "\n" + pad + ":" : pad + written + ":"
            lines += valueLines(value, prefix: prefix, indent: indent)
        }
        return lines
    }

    private static func sequenceLines(_ items: [YAMLNode], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for item in items {
            if case .tagged = item {
                lines += valueLines(item, prefix: pad + "-", indent: indent)
            } else if let text = inline(item) {
                lines.append(pad + "- " + text)
            } else {
                // A collection starts on the dash's line, its other lines indented past the dash.
                var nested = blockLines(item, indent: indent + 2)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            }
        }
        return lines
    }

    /// `prefix` (a key and its colon, or a dash) followed by the value, inline or as an
    /// indented block; a tag stays on the prefix line.
    private static func valueLines(_ value: YAMLNode, prefix: String, indent: Int) -> [String] {
        if let text = inline(value) { return [prefix + " " + text] }
        var tag = ""
        var inner = value
        while case .tagged(let name, let wrapped) = inner {
            tag += " " + name
            inner = wrapped
        }
        return [prefix + tag] + blockLines(inner, indent: indent + 2)
    }

    // MARK: Scalars

    /// Words that some YAML reader resolves to a boolean or null (YAML 1.1's full list;
    /// compared ignoring case, which also covers mixed spellings no reader accepts).
    private static let typedWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ]

    private static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        // Printable ASCII only; anything else is quoted so no reader has to guess.
        guard s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value <= 0x7E }) else { return false }
        if first == " " || last == " " || last == ":" { return false }
        // Indicators at the start, and characters that could start a number, date or merge key.
        if "-?:,[]{}#&*!|>'\"%@`.+=<~0123456789".unicodeScalars.contains(first) { return false }
        // Flow indicators anywhere (legal in block plain scalars, but not worth the doubt).
        if s.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        if s.contains(": ") || s.contains(" #") { return false }
        if typedWords.contains(s.lowercased()) { return false }
        return true
    }

    /// Characters a single-quoted scalar can hold literally on one line.
    private static func isSingleQuotable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20...0x7E: return true
        // YAML's printable set, minus the characters YAML 1.1 treats as line breaks
        // (U+0085, U+2028, U+2029) and the byte order mark.
        case 0xA0...0xD7FF: return c.value != 0x2028 && c.value != 0x2029
        case 0xE000...0xFFFD: return c.value != 0xFEFF
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{0}": out += "\\0"
            default:
                if isSingleQuotable(c) {
                    out.unicodeScalars.append(c)
                } else if c.value <= 0xFF {
                    out += "\\x" + hex(c.value, width: 2)
                } else if c.value <= 0xFFFF {
                    out += "\\u" + hex(c.value, width: 4)
                } else {
                    out += "\\U" + hex(c.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A comment line cannot hold a line break (the rest would be read as YAML); control
    /// characters are shown as `?`.
    static func commentSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isSingleQuotable($0) ? $0 : "?" }))
    }
}
