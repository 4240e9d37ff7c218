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
    /// Written into one string as it goes: large templates have hundreds of thousands of lines.
    public static func emit(_ node: YAMLNode, header: [String] = []) -> String {
        var out = ""
        for line in header { out += "# " + commentSafe(line) + "\n" }
        switch node {
        case .mapping(let members) where !members.isEmpty:
            writeMapping(members, indent: 0, firstLineStarted: false, to: &out)
        case .sequence(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, firstLineStarted: false, to: &out)
        default:
            out += (inline(node) ?? "") + "\n"
        }
        return out
    }

    /// The scalar as YAML: plain when that is unambiguous, else quoted.
    public static func scalar(_ value: String) -> String {
        if isPlainSafe(value) { return value }
        if value.unicodeScalars.allSatisfy(isSingleQuotable) {
            var quoted = "'"
            for c in value.unicodeScalars {
                if c == "'" { quoted += "''" } else { quoted.unicodeScalars.append(c) }
            }
            return quoted + "'"
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

    private static func writeIndent(_ indent: Int, to out: inout String) {
        for _ in 0..<indent { out += " " }
    }

    /// A non-empty block collection whose lines are indented by `indent`. When
    /// `firstLineStarted`, the first line's indentation is already written (a `- ` in its place).
    private static func writeBlock(_ node: YAMLNode, indent: Int, firstLineStarted: Bool, to out: inout String) {
        switch node {
        case .sequence(let items): writeSequence(items, indent: indent, firstLineStarted: firstLineStarted, to: &out)
        case .mapping(let members): writeMapping(members, indent: indent, firstLineStarted: firstLineStarted, to: &out)
        default:
            if !firstLineStarted { writeIndent(indent, to: &out) }
            out += (inline(node) ?? "") + "\n"
        }
    }

    private static func writeMapping(_ members: [(String, YAMLNode)], indent: Int, firstLineStarted: Bool, to out: inout String) {
        for (index, (key, value)) in members.enumerated() {
            if index > 0 || !firstLineStarted { writeIndent(indent, to: &out) }
            let written = scalar(key)
            // YAML limits implicit keys to 1024 characters; longer ones use the explicit form.
            if written.utf8.count > 1000 && written.count > 1000 {
                out += "? " + written + "\n"
                writeIndent(indent, to: &out)
                out += ":"
            } else {
                out += written + ":"
            }
            writeValue(value, indent: indent, to: &out)
        }
    }

    private static func writeSequence(_ items: [YAMLNode], indent: Int, firstLineStarted: Bool, to out: inout String) {
        for (index, item) in items.enumerated() {
            if index > 0 || !firstLineStarted { writeIndent(indent, to: &out) }
            if case .tagged = item {
                out += "-"
                writeValue(item, indent: indent, to: &out)
            } else if let text = inline(item) {
                out += "- " + text + "\n"
            } else {
                // A collection starts on the dash's line, its other lines indented past the dash.
                out += "- "
                writeBlock(item, indent: indent + 2, firstLineStarted: true, to: &out)
            }
        }
    }

    /// After a key's colon or a dash: the value, inline or as an indented block; a tag stays
    /// on the line of the key or dash.
    private static func writeValue(_ value: YAMLNode, indent: Int, to out: inout String) {
        if let text = inline(value) {
            out += " " + text + "\n"
            return
        }
        var inner = value
        while case .tagged(let name, let wrapped) = inner {
            out += " " + name
            inner = wrapped
        }
        out += "\n"
        writeBlock(inner, indent: indent + 2, firstLineStarted: false, to: &out)
    }

    // MARK: Scalars

    /// Words that some YAML reader resolves to a boolean or null (YAML 1.1's full list;
    /// compared ignoring case, which also covers mixed spellings no reader accepts).
    private static let typedWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ]

    /// Bytes that may not start a plain scalar: indicators, and characters that could start a
    /// number, date or merge key.
    private static let unsafeFirstBytes = Set("-?:,[]{}#&*!|>'\"%@`.+=<~0123456789".utf8)

    /// Scanned as bytes: every accepted character is printable ASCII, one byte each.
    private static func isPlainSafe(_ s: String) -> Bool {
        let bytes = s.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        if unsafeFirstBytes.contains(first) { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            // Printable ASCII only; anything else is quoted so no reader has to guess.
            guard byte >= 0x20 && byte <= 0x7E else { return false }
            switch byte {
            // Flow indicators anywhere (legal in block plain scalars, but not worth the doubt).
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return false
            // ": " and " #".
            case UInt8(ascii: " ") where previous == UInt8(ascii: ":"): return false
            case UInt8(ascii: "#") where previous == UInt8(ascii: " "): return false
            default: break
            }
            previous = byte
        }
        // The longest typed word has five letters.
        if bytes.count <= 5 && typedWords.contains(s.lowercased()) { return false }
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
