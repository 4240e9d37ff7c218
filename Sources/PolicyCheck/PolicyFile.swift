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
        let readDiagnostics = structural
        guard let document else { return Result(kind: kind ?? .identity, document: nil, diagnostics: readDiagnostics) }
        let resolvedKind = kind ?? PolicyKind.detect(document)
        var options = PolicyChecker.Options(missingVersionIsOld: true, resourceType: resourceType)
        // Organizations counts every character of an SCP or RCP as sent, whitespace included.
        if isJSON, let text { options.size = resolvedKind == .scp || resolvedKind == .rcp ? text.unicodeScalars.count : size(of: text) }
        let diagnostics = readDiagnostics + PolicyChecker.check(document, kind: resolvedKind, options: options)
        return Result(kind: resolvedKind, document: document, diagnostics: diagnostics)
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
