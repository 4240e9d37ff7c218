import Foundation
import RoleGenCore

/// `.rolegen.yaml`:
///
/// ```yaml
/// lint:
///   disable: [RG3002, admin_managed_policy]   # codes or names
///   severity: {RG3001: warning, pass_role_unscoped: error}
/// ```
extension LintConfiguration {
    public static let fileName = ".rolegen.yaml"

    /// Decodes a configuration file's bytes. Pure; unknown keys, rules and severities are errors.
    public static func decode(_ bytes: [UInt8], file: String) -> (LintConfiguration?, [Diagnostic]) {
        let read = YAMLReader.read(bytes, file: file)
        guard let root = read.root, !read.diagnostics.hasErrors else { return (nil, read.diagnostics) }
        var diagnostics = read.diagnostics
        func error(_ code: DiagnosticCode, _ message: String, _ node: Node, fixIt: String? = nil) {
            diagnostics.append(.error(code, message, at: node.range, fixIt: fixIt))
        }
        func unknownKeys(_ pairs: [Node.Pair], allowed: [String], in context: String) {
            for pair in pairs where !allowed.contains(pair.key.scalar?.value ?? "") {
                error(.unknownKey, "unknown key '\(pair.key.scalar?.value ?? "?")' in \(context)", pair.key,
                      fixIt: "allowed keys: " + allowed.joined(separator: ", "))
            }
        }
        func rule(_ node: Node) -> String? {
            guard let name = node.scalar?.value, !(node.scalar?.isNull ?? true) else {
                error(.wrongType, "a rule is a code (RG3001) or name (full_admin)", node)
                return nil
            }
            guard RuleRegistry.rule(name) != nil else {
                error(.invalidValue, "no lint rule '\(name)'", node, fixIt: "rolegen rules lists them")
                return nil
            }
            return name
        }
        var configuration = LintConfiguration()
        guard let top = root.pairs else {
            error(.wrongType, "\(fileName) must be a mapping", root)
            return (nil, diagnostics)
        }
        unknownKeys(top, allowed: ["lint"], in: fileName)
        if let lint = top.first(where: { $0.key.scalar?.value == "lint" })?.value {
            guard let pairs = lint.pairs else {
                error(.wrongType, "lint must be a mapping", lint)
                return (nil, diagnostics)
            }
            unknownKeys(pairs, allowed: ["disable", "severity"], in: "lint")
            if let disable = pairs.first(where: { $0.key.scalar?.value == "disable" })?.value {
                if let items = disable.items {
                    configuration.disabled = Set(items.compactMap(rule))
                } else {
                    error(.wrongType, "lint.disable must be a list of rules", disable)
                }
            }
            if let severity = pairs.first(where: { $0.key.scalar?.value == "severity" })?.value {
                if let entries = severity.pairs {
                    for entry in entries {
                        guard let name = rule(entry.key) else { continue }
                        guard let value = entry.value.scalar.flatMap({ Severity(rawValue: $0.value) }) else {
                            error(.invalidValue, "severity must be error, warning or note", entry.value)
                            continue
                        }
                        configuration.severities[name] = value
                    }
                } else {
                    error(.wrongType, "lint.severity must be a mapping rule → error|warning|note", severity)
                }
            }
        }
        return (diagnostics.hasErrors ? nil : configuration, diagnostics)
    }

    /// The `.rolegen.yaml` nearest to `specPath`: in its directory or the closest parent.
    public static func locate(from specPath: String, fileManager: FileManager = .default) -> String? {
        var directory = URL(fileURLWithPath: specPath).standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = directory.appendingPathComponent(fileName).path
            if fileManager.fileExists(atPath: candidate) { return candidate }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }
}
