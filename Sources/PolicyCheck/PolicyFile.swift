import RoleGenCore

/// Checks a raw IAM policy document read by the front end (JSON or YAML): the reader's
/// structural checks, then the grammar and catalog checks for its kind.
public enum PolicyFile {
    public struct Result {
        public var kind: PolicyKind
        public var document: PolicyDocument?
        public var diagnostics: [Diagnostic]
    }

    /// `kind` nil detects the kind from the content (see `PolicyKind.detect`). `text` is the
    /// file's JSON text, whose characters other than whitespace are what IAM's quotas count.
    /// `resourceType`: what a resource policy is attached to, when known.
    public static func check(_ node: Node, isJSON: Bool, kind: PolicyKind?, text: String? = nil, resourceType: ResourcePolicyType? = nil) -> Result {
        let (document, structural) = DocumentReader.read(node, isJSON: isJSON)
        var readDiagnostics = structural
        if isJSON, let text { readDiagnostics = trailingCommas(in: text, file: node.range.file) + readDiagnostics }
        guard let document else { return Result(kind: kind ?? .identity, document: nil, diagnostics: readDiagnostics) }
        let resolvedKind = kind ?? PolicyKind.detect(document)
        var options = PolicyChecker.Options(missingVersionIsOld: true, resourceType: resourceType)
        // Organizations counts every character of an SCP or RCP as sent, whitespace included.
        if isJSON, let text { options.size = resolvedKind == .scp || resolvedKind == .rcp ? text.unicodeScalars.count : size(of: text) }
        let diagnostics = readDiagnostics + PolicyChecker.check(document, kind: resolvedKind, options: options)
        return Result(kind: resolvedKind, document: document, diagnostics: diagnostics)
    }

    /// YAML's flow syntax, which reads the JSON, accepts `{"a": 1,}`; JSON (and IAM) do not.
    static func trailingCommas(in text: String, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var text = text
        text.withUTF8 { bytes in
            var inString = false, escaped = false
            var comma: Int?
            for (offset, byte) in bytes.enumerated() {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    comma = nil
                case UInt8(ascii: ","):
                    comma = offset
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if let at = comma {
                        let start = location(of: at, in: bytes)
                        var end = start
                        end.column += 1
                        end.offset += 1
                        diagnostics.append(.error(.yamlSyntax, "JSON does not allow a comma before '\(Character(Unicode.Scalar(byte)))'",
                                                  at: SourceRange(file: file, start: start, end: end), fixIt: "remove the comma"))
                    }
                    comma = nil
                case 0x20, 0x09, 0x0A, 0x0D:
                    break
                default:
                    comma = nil
                }
            }
        }
        return diagnostics
    }

    /// Line and column (characters) of a byte offset; only computed for findings.
    private static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(line: line, column: column, offset: offset)
    }

    /// Characters other than JSON whitespace (space, tab, line breaks).
    static func size(of text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte & 0xC0 != 0x80 {
                count += 1
            }
            return count
        }
    }
}
