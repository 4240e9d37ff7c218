import Foundation
import RoleGenCore

/// `.rolegen.yaml`:
///
/// ```yaml
/// lint:
///   disable: [RG3002, full_admin]   # codes or names
///   severity: {RG3001: warning, pass_role_unscoped: error}
///   exclude:                                  # globs relative to this file's directory
///     - legacy/**                             # every rule
///     - {path: "vendor/*.json", rules: [RG3104]}
///   options:
///     missing_required_tags: {keys: [owner, cost-center]}
/// checks:                                     # accesses no role or permission set may have
///   - name: no-passrole-anywhere
///     not_allowed: [{action: iam:PassRole, resource: "*"}]
///     except_roles: [deployer]
///     severity: error                         # error (default), warning or note
///     context: {aws:RequestedRegion: eu-west-1}
/// ```
extension LintConfiguration {
    public static let fileName = ".rolegen.yaml"

    /// Decodes a configuration file's bytes. Pure; unknown keys, rules, severities and options
    /// are errors. Exclude patterns are relative to the directory of `file`.
    public static func decode(_ bytes: [UInt8], file: String) -> (LintConfiguration?, [Diagnostic]) {
        let read = YAMLReader.read(bytes, file: file)
        guard let root = read.root, !read.diagnostics.hasErrors else { return (nil, read.diagnostics) }
        var decoder = ConfigurationDecoder(file: file, diagnostics: read.diagnostics)
        let configuration = decoder.decode(root)
        return (decoder.diagnostics.hasErrors ? nil : configuration, decoder.diagnostics)
    }

    /// The `.rolegen.yaml` nearest to `inputPath`: in its directory or the closest parent.
    public static func locate(from inputPath: String, fileManager: FileManager = .default) -> String? {
        var directory = URL(fileURLWithPath: inputPath).standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = directory.appendingPathComponent(fileName).path
            if fileManager.fileExists(atPath: candidate) { return candidate }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }
}

private struct ConfigurationDecoder {
    let file: String
    var diagnostics: [Diagnostic]

    mutating func decode(_ root: Node) -> LintConfiguration? {
        var configuration = LintConfiguration()
        guard let top = root.pairs else {
            error(.wrongType, "\(LintConfiguration.fileName) must be a mapping", root)
            return nil
        }
        unknownKeys(top, allowed: ["lint", "checks"], in: LintConfiguration.fileName)
        if let checksNode = value(of: "checks", in: top) {
            configuration.checks = checks(checksNode)
        }
        guard let lint = value(of: "lint", in: top) else { return configuration }
        guard let pairs = lint.pairs else {
            error(.wrongType, "lint must be a mapping", lint)
            return nil
        }
        unknownKeys(pairs, allowed: ["disable", "severity", "exclude", "options"], in: "lint")
        if let disable = value(of: "disable", in: pairs) {
            if let items = disable.items {
                configuration.disabled = Set(items.compactMap { rule($0)?.name })
            } else {
                error(.wrongType, "lint.disable must be a list of rules", disable)
            }
        }
        if let severity = value(of: "severity", in: pairs) {
            if let entries = severity.pairs {
                for entry in entries {
                    guard let name = rule(entry.key)?.name else { continue }
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
        if let excludeNode = value(of: "exclude", in: pairs) {
            if let items = excludeNode.items {
                configuration.excludes = items.compactMap { exclude($0) }
            } else {
                error(.wrongType, "lint.exclude must be a list of paths or {path, rules} entries", excludeNode)
            }
        }
        if let optionsNode = value(of: "options", in: pairs) {
            if let entries = optionsNode.pairs {
                for entry in entries {
                    guard let (_, description) = rule(entry.key) else { continue }
                    if let values = self.options(entry.value, of: description) {
                        configuration.options[description.id] = values
                    }
                }
            } else {
                error(.wrongType, "lint.options must be a mapping rule → {option: value}", optionsNode)
            }
        }
        return configuration
    }

    /// `checks:`: a list of checks with unique names.
    private mutating func checks(_ node: Node) -> [CustomCheck] {
        guard let items = node.items else {
            error(.wrongType, "checks must be a list of checks {name, not_allowed, except_roles, severity, context}", node)
            return []
        }
        var checks: [CustomCheck] = []
        var names: [String: SourceRange] = [:]
        for item in items {
            guard let check = check(item) else { continue }
            if let first = names[check.name.value.lowercased()] {
                diagnostics.append(.error(.duplicateName, "a check named '\(check.name.value)' is already defined", at: check.name.range,
                                          notes: [Diagnostic.Note("first defined here", at: first)], fixIt: "give each check its own name"))
                continue
            }
            names[check.name.value.lowercased()] = check.name.range
            checks.append(check)
        }
        return checks
    }

    private mutating func check(_ node: Node) -> CustomCheck? {
        guard let pairs = node.pairs else {
            error(.wrongType, "a check is a mapping {name, not_allowed, except_roles, severity, context}", node)
            return nil
        }
        let before = diagnostics.count
        unknownKeys(pairs, allowed: ["name", "not_allowed", "except_roles", "severity", "context"], in: "a check")
        var name: Located<String>?
        if let nameNode = value(of: "name", in: pairs) {
            name = string(nameNode, "a check's name")
        } else {
            error(.missingKey, "a check needs a 'name'", node, fixIt: "add name: no-passrole-anywhere")
        }
        var notAllowed: [CustomCheck.Access] = []
        if let listNode = value(of: "not_allowed", in: pairs) {
            if let entries = listNode.items, !entries.isEmpty {
                notAllowed = entries.compactMap { access($0) }
            } else {
                error(.wrongType, "not_allowed must be a non-empty list of {action, resource}", listNode)
            }
        } else {
            error(.missingKey, "a check needs 'not_allowed', the accesses it forbids", node,
                  fixIt: "add not_allowed: [{action: iam:PassRole, resource: \"*\"}]")
        }
        var exceptRoles: [Located<String>] = []
        if let exceptNode = value(of: "except_roles", in: pairs) {
            if let entries = exceptNode.items {
                exceptRoles = entries.compactMap { string($0, "an except_roles entry") }
            } else {
                error(.wrongType, "except_roles must be a list of role or permission set names", exceptNode)
            }
        }
        var severity = Severity.error
        if let severityNode = value(of: "severity", in: pairs) {
            if let value = severityNode.scalar.flatMap({ Severity(rawValue: $0.value) }) {
                severity = value
            } else {
                error(.invalidValue, "severity must be error, warning or note", severityNode)
            }
        }
        var context: [String: [String]] = [:]
        if let contextNode = value(of: "context", in: pairs) {
            if let entries = contextNode.pairs {
                for entry in entries {
                    guard let key = string(entry.key, "a context key") else { continue }
                    let values = (entry.value.items ?? [entry.value]).compactMap { string($0, "a context value")?.value }
                    context[key.value, default: []] += values
                }
            } else {
                error(.wrongType, "context must be a mapping condition key → value or list of values", contextNode)
            }
        }
        guard diagnostics.count == before, let name else { return nil }
        return CustomCheck(name: name, notAllowed: notAllowed, exceptRoles: exceptRoles, severity: severity, context: context)
    }

    /// `{action: iam:PassRole, resource: "*"}`; the resource defaults to `*`.
    private mutating func access(_ node: Node) -> CustomCheck.Access? {
        guard let pairs = node.pairs else {
            error(.wrongType, "a not_allowed entry is a mapping {action, resource}", node)
            return nil
        }
        unknownKeys(pairs, allowed: ["action", "resource"], in: "a not_allowed entry")
        guard let actionNode = value(of: "action", in: pairs) else {
            error(.missingKey, "a not_allowed entry needs an 'action'", node, fixIt: "add action: iam:PassRole")
            return nil
        }
        guard let action = string(actionNode, "an action") else { return nil }
        let parts = action.value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            error(.invalidValue, "an action is service:Name (iam:PassRole, s3:Delete*), got '\(action.value)'", actionNode)
            return nil
        }
        let resource = value(of: "resource", in: pairs).flatMap { string($0, "a resource") } ?? Located("*", node.range)
        return CustomCheck.Access(action: action, resource: resource)
    }

    /// A non-empty string scalar.
    private mutating func string(_ node: Node, _ what: String) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull, !scalar.value.isEmpty else {
            error(.wrongType, "\(what) must be a non-empty string", node)
            return nil
        }
        return Located(scalar.value, node.range)
    }

    /// `legacy/**`, or `{path: legacy/**, rules: [RG3001]}`.
    private mutating func exclude(_ node: Node) -> LintExclude? {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        if node.scalar != nil {
            return pattern(node).map { LintExclude(pattern: $0, relativeTo: directory) }
        }
        guard let pairs = node.pairs else {
            error(.wrongType, "a lint.exclude entry is a path or a mapping {path, rules}", node)
            return nil
        }
        unknownKeys(pairs, allowed: ["path", "rules"], in: "a lint.exclude entry")
        guard let pathNode = value(of: "path", in: pairs) else {
            error(.missingKey, "a lint.exclude entry needs a 'path'", node, fixIt: "add path: \"dir/**\"")
            return nil
        }
        var rules: Set<String> = []
        if let rulesNode = value(of: "rules", in: pairs) {
            guard let items = rulesNode.items else {
                error(.wrongType, "rules must be a list of rules", rulesNode)
                return nil
            }
            rules = Set(items.compactMap { rule($0)?.description.id })
        }
        return pattern(pathNode).map { LintExclude(pattern: $0, rules: rules, relativeTo: directory) }
    }

    private mutating func pattern(_ node: Node) -> String? {
        guard let scalar = node.scalar, !scalar.isNull, !scalar.value.isEmpty else {
            error(.wrongType, "an exclude path is a glob such as legacy/** or policies/*.json", node)
            return nil
        }
        guard !scalar.value.hasPrefix("/") else {
            error(.invalidValue, "exclude paths are relative to the directory of \(LintConfiguration.fileName)", node,
                  fixIt: "drop the leading '/'")
            return nil
        }
        return scalar.value
    }

    /// A rule's options: only those its description declares; each a string or a list of them.
    private mutating func options(_ node: Node, of description: RuleDescription) -> RuleOptions? {
        guard let pairs = node.pairs else {
            error(.wrongType, "the options of \(description.name) must be a mapping option → value", node)
            return nil
        }
        let allowed = description.options.map(\.name)
        var options = RuleOptions()
        for pair in pairs {
            let name = pair.key.scalar?.value ?? "?"
            guard allowed.contains(name) else {
                error(.unknownKey, "unknown option '\(name)' of \(description.id) \(description.name)", pair.key,
                      fixIt: allowed.isEmpty ? "\(description.name) takes no options" : "options: " + allowed.joined(separator: ", "))
                continue
            }
            let items = pair.value.items ?? [pair.value]
            let values = items.compactMap { item -> String? in
                guard let scalar = item.scalar, !scalar.isNull else {
                    error(.wrongType, "option \(name) takes a string or a list of strings", item)
                    return nil
                }
                return scalar.value
            }
            options.values[name] = values
        }
        return options
    }

    /// A rule code or name: the name as written and the rule's description.
    private mutating func rule(_ node: Node) -> (name: String, description: RuleDescription)? {
        guard let name = node.scalar?.value, !(node.scalar?.isNull ?? true) else {
            error(.wrongType, "a rule is a code (RG3001) or name (full_admin)", node)
            return nil
        }
        guard let rule = RuleRegistry.rule(name) else {
            if let retired = RuleRegistry.retiredRule(name) {
                // Not an error: a configuration written for an older rolegen keeps working.
                diagnostics.append(.warning(.invalidValue, retired.explanation, at: node.range, fixIt: "remove '\(name)' or name the rule that replaced it"))
            } else {
                error(.invalidValue, "no lint rule '\(name)'", node, fixIt: "rolegen rules lists them")
            }
            return nil
        }
        return (name, rule.description)
    }

    private func value(of key: String, in pairs: [Node.Pair]) -> Node? {
        pairs.first { $0.key.scalar?.value == key }?.value
    }

    private mutating func unknownKeys(_ pairs: [Node.Pair], allowed: [String], in context: String) {
        for pair in pairs where !allowed.contains(pair.key.scalar?.value ?? "") {
            error(.unknownKey, "unknown key '\(pair.key.scalar?.value ?? "?")' in \(context)", pair.key,
                  fixIt: "allowed keys: " + allowed.joined(separator: ", "))
        }
    }

    private mutating func error(_ code: DiagnosticCode, _ message: String, _ node: Node, fixIt: String? = nil) {
        diagnostics.append(.error(code, message, at: node.range, fixIt: fixIt))
    }
}
