import Foundation
import Mustache

/// How a template backend writes every `{{value}}` into its output. The backend declares it
/// (`escape:` in backend.yaml, per file if needed); template authors cannot change it, because
/// the loader rejects the mustache tags that would (`{{{…}}}`, `{{&…}}`, `{{%…}}`, `{{=…=}}`).
public enum TemplateEscape: String, CaseIterable, Sendable {
    /// The content of a Python string literal: safe between `"…"`, `'…'` and triple quotes.
    case python
    /// The content of a TypeScript/JavaScript string literal: safe between `"…"`, `'…'` and
    /// backticks (`` ` `` and `$` are escaped, so `${…}` never interpolates).
    case typescript
    /// The content of a JSON string: safe between `"…"`.
    case json
    /// The content of a YAML double-quoted scalar (JSON's escapes, which YAML 1.2 shares).
    case yaml
    /// A complete Markdown code span (backticks included), for inline text outside tables.
    case markdown
    /// The text of a Mermaid node or edge label between double quotes (`A["…"]`).
    case mermaid

    /// One line for docs and errors.
    public var summary: String {
        switch self {
        case .python: return "Python string literal content, ASCII only"
        case .typescript: return "TypeScript string literal content (quotes and template literals), ASCII only"
        case .json: return "JSON string content, ASCII only"
        case .yaml: return "YAML double-quoted scalar content, ASCII only"
        case .markdown: return "a complete Markdown code span; control and invisible characters shown as symbols"
        case .mermaid: return "Mermaid label text between double quotes: every character but ASCII letters, digits, space and .:/_-@*=,+ as an entity code #N;"
        }
    }

    public func escape(_ text: String) -> String {
        switch self {
        case .python: return Self.python(text)
        case .typescript: return Self.typescript(text)
        case .json, .yaml: return Self.json(text)
        case .markdown: return Self.markdownCodeSpan(text)
        case .mermaid: return Self.mermaidLabel(text)
        }
    }

    /// The name the content type is registered under with swift-mustache.
    var contentTypeName: String { "rolegen-escape-" + rawValue }

    /// Registers every escaper with swift-mustache once, before any template is parsed.
    static let registered: Void = {
        for escape in TemplateEscape.allCases {
            MustacheContentTypes.register(Escaper(escape: escape), named: escape.contentTypeName)
        }
    }()

    private struct Escaper: MustacheContentType {
        let escape: TemplateEscape
        func escapeText(_ text: String) -> String { escape.escape(text) }
    }

    // MARK: - Escapers

    private static func python(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    out += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    out += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return out
    }

    private static func typescript(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "'": out += "\\'"
            case "`": out += "\\`"
            case "$": out += "\\$"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    out += "\\u{" + hex(scalar.value, digits: 1) + "}"
                }
            }
        }
        return out
    }

    private static func json(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else {
                    for unit in String(scalar).utf16 { out += "\\u" + hex(UInt32(unit), digits: 4) }
                }
            }
        }
        return out
    }

    /// A code span shows its content literally: no emphasis, links, HTML or entities. Only
    /// backticks (handled by a longer fence) and line breaks (a blank line would end the
    /// paragraph and the span with it) need care. Control characters become their Unicode
    /// control pictures and invisible or direction-changing characters a visible `⟨U+XXXX⟩`,
    /// so a reviewer sees every character that reaches AWS. Empty text is written *(empty)*.
    private static func markdownCodeSpan(_ text: String) -> String {
        guard !text.isEmpty else { return "*(empty)*" }
        var content = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 {
                content.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            } else if scalar.value == 0x7F {
                content += "\u{2421}"
            } else if isInvisible(scalar) {
                content += "⟨U+" + hex(scalar.value, digits: 4).uppercased() + "⟩"
            } else {
                content.unicodeScalars.append(scalar)
            }
        }
        var longestRun = 0, run = 0
        for character in content.unicodeScalars {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        // CommonMark strips one space from each end when both are spaces (and not all are).
        let allSpaces = !content.unicodeScalars.contains { $0 != " " }
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || (!allSpaces && content.hasPrefix(" ") && content.hasSuffix(" "))
        return pad ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
    }

    /// Mermaid reads `"`, `#`, `;`, brackets, backticks and HTML specially even inside a quoted
    /// label, and a line break would end the statement; its entity codes (`#34;`) stand for any
    /// character and render as that character, so all but a plain set are written that way.
    private static func mermaidLabel(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let plain = (scalar.isASCII && scalar.properties.isAlphabetic) || ("0"..."9").contains(scalar) || " .:/_-@*=,+".unicodeScalars.contains(scalar)
            if plain { out.unicodeScalars.append(scalar) } else { out += "#\(scalar.value);" }
        }
        return out
    }

    /// C1 controls, format characters (zero-width, bidirectional controls such as U+202E),
    /// and the other separators than space.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if (0x80...0x9F).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .unassigned, .privateUse, .surrogate:
            return true
        case .spaceSeparator:
            return scalar != " "
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
