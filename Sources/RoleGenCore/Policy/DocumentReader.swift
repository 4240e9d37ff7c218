import AWSCatalog

/// Reads an IAM policy document from the YAML/JSON front end's node tree into the policy
/// model, reporting what the model cannot hold: JSON types, unknown or missing elements,
/// empty values. Unlike the spec decoder it keeps going past every problem, so a file's
/// whole grammar is checked in one run, and it grades findings like Access Analyzer.
public struct DocumentReader {
    /// JSON input: a plain scalar is a number, `true`, `false` or `null`, never a string.
    /// In YAML input every non-null scalar is a string (rolegen's strict YAML rules).
    let isJSON: Bool
    private(set) var diagnostics: [Diagnostic] = []

    public static let documentElements = ["Version", "Id", "Statement"]
    public static let statementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
                                           "Resource", "NotResource", "Condition"]

    public init(isJSON: Bool) {
        self.isJSON = isJSON
    }

    /// Whether a node looks like a policy document rather than a rolegen spec.
    public static func isPolicyDocument(_ node: Node) -> Bool {
        guard let pairs = node.pairs else { return false }
        let keys = pairs.compactMap { $0.key.scalar?.value }
        return keys.contains("Statement") || (keys.contains("Version") && !keys.contains("version"))
    }

    public static func read(_ node: Node, isJSON: Bool) -> (PolicyDocument?, [Diagnostic]) {
        var reader = DocumentReader(isJSON: isJSON)
        let document = reader.document(node)
        return (document, reader.diagnostics)
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) {
        report(code, .error, message, at: range, fixIt: fixIt)
    }

    private mutating func report(_ code: DiagnosticCode, _ severity: Severity, _ message: String,
                                 at range: SourceRange, fixIt: String? = nil) {
        diagnostics.append(Diagnostic(code, severity, message, at: range, fixIt: fixIt))
    }

    private func jsonType(_ node: Node) -> String {
        switch node.content {
        case .mapping: return "an object"
        case .sequence: return "an array"
        case .scalar(let scalar):
            if scalar.isNull { return "null" }
            guard isJSON, scalar.style == .plain else { return "a string" }
            return scalar.value == "true" || scalar.value == "false" ? "a boolean" : "a number"
        }
    }

    /// The string a node holds, or nil after reporting a type mismatch.
    private mutating func string(_ node: Node, _ what: @autoclosure () -> String, expected: String = "a string") -> Located<String>? {
        if let scalar = node.scalar, !scalar.isNull, !isJSON || scalar.style != .plain {
            return Located(scalar.value, node.range)
        }
        report(.policyDataType, "\(what()) must be \(expected), found \(jsonType(node))", at: node.range)
        return nil
    }

    private mutating func unknownElement(_ key: Node, allowed: [String], in context: String) {
        let name = key.scalar?.value ?? ""
        var fixIt: String?
        if let exact = allowed.first(where: { $0.lowercased() == name.lowercased() }) {
            fixIt = "write '\(exact)' (element names are case-sensitive)"
        } else if let close = Nearest.closest(to: name, in: allowed) {
            fixIt = "did you mean '\(close)'?"
        } else {
            fixIt = "\(context) elements: " + allowed.joined(separator: ", ")
        }
        report(.invalidPolicyElement, "unknown \(context) element '\(name)'", at: key.range, fixIt: fixIt)
    }

    public mutating func document(_ node: Node) -> PolicyDocument? {
        guard let pairs = node.pairs else {
            report(.policyDataType, "a policy document must be an object, found \(jsonType(node))", at: node.range)
            return nil
        }
        var version: Located<String>?
        var id: Located<String>?
        var statementNode: Node?
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "Version": version = string(pair.value, "Version")
            case "Id": id = string(pair.value, "Id")
            case "Statement": statementNode = pair.value
            default: unknownElement(pair.key, allowed: Self.documentElements, in: "policy")
            }
        }
        if let version {
            switch version.value {
            case PolicyVersion.current:
                break
            case "2008-10-17":
                report(.oldPolicyVersion, .warning, "policy Version 2008-10-17 has no policy variables and fewer features",
                       at: version.range, fixIt: "write \"2012-10-17\"")
            default:
                report(.invalidPolicyVersion, "policy Version must be \"2012-10-17\" (or \"2008-10-17\"), found '\(version.value)'",
                       at: version.range, fixIt: "write \"2012-10-17\": the version names the policy language, not your policy's date")
            }
        } else if !pairs.contains(where: { $0.key.scalar?.value == "Version" }) {
            report(.missingPolicyVersion, .warning, "policy has no Version, so IAM reads it as 2008-10-17 (no policy variables)",
                   at: node.range, fixIt: "add \"Version\": \"2012-10-17\"")
        }
        var statements: [Statement] = []
        if let statementNode {
            switch statementNode.content {
            case .mapping:
                statements = statement(statementNode).map { [$0] } ?? []
            case .sequence(let items):
                if items.isEmpty {
                    report(.missingStatement, "Statement is an empty array; the policy grants and denies nothing", at: statementNode.range)
                }
                statements = items.compactMap { statement($0) }
            case .scalar:
                report(.policyDataType, "Statement must be an object or an array of objects, found \(jsonType(statementNode))",
                       at: statementNode.range)
            }
        } else {
            report(.missingStatement, "policy has no Statement", at: node.range)
        }
        return PolicyDocument(version: version, id: id, statements: statements, range: node.range)
    }

    private mutating func statement(_ node: Node) -> Statement? {
        guard let pairs = node.pairs else {
            report(.policyDataType, "a statement must be an object, found \(jsonType(node))", at: node.range)
            return nil
        }
        var fields = Fields()
        for pair in pairs {
            guard let key = pair.key.scalar?.value, Self.statementElements.contains(key) else {
                unknownElement(pair.key, allowed: Self.statementElements, in: "statement")
                continue
            }
            fields.pairs.append((key, pair))
        }
        var sid: Located<String>?
        if let node = fields["Sid"]?.value, let value = string(node, "Sid") {
            sid = value
            if value.value.isEmpty {
                report(.emptyPolicyElement, .warning, "Sid is empty", at: node.range, fixIt: "remove it, or name the statement")
            }
        }
        var effect = Located(Effect.allow, node.range)
        if let pair = fields["Effect"] {
            if let text = string(pair.value, "Effect") {
                if let value = Effect(rawValue: text.value) {
                    effect = Located(value, pair.value.range)
                } else {
                    let fixed = [Effect.allow, .deny].first { $0.rawValue.lowercased() == text.value.lowercased() }
                    report(.invalidEffect, "Effect must be \"Allow\" or \"Deny\", found '\(text.value)'", at: pair.value.range,
                           fixIt: fixed.map { "write \"\($0.rawValue)\" (IAM is case-sensitive here)" })
                }
            }
        } else {
            report(.missingEffect, "statement has no Effect", at: node.range, fixIt: "add \"Effect\": \"Allow\" or \"Deny\"")
        }
        let principal = principalElement(fields, statement: node)
        let action = elementList(fields, "Action", "NotAction", statement: node)
        if action == nil {
            report(.missingAction, "statement has no Action", at: node.range, fixIt: "add \"Action\" (or \"NotAction\")")
        }
        let resource = elementList(fields, "Resource", "NotResource", statement: node)
        var conditions: [ConditionEntry] = []
        if let pair = fields["Condition"] { conditions = conditionBlock(pair.value) }
        return Statement(sid: sid, effect: effect, principal: principal, action: action, resource: resource,
                         conditions: conditions, range: node.range)
    }

    /// A statement's elements; a handful, so a list beats a dictionary.
    private struct Fields {
        var pairs: [(String, Node.Pair)] = []
        subscript(_ key: String) -> Node.Pair? { pairs.first { $0.0 == key }?.1 }
    }

    private mutating func elementList(_ fields: Fields, _ key: String, _ notKey: String, statement: Node) -> ElementList? {
        let positive = fields[key], negative = fields[notKey]
        if positive != nil, let negative {
            report(.elementCombination, "a statement has either \(key) or \(notKey), not both", at: negative.key.range)
        }
        guard let pair = positive ?? negative else { return nil }
        let name = positive != nil ? key : notKey
        var values: [Located<String>] = []
        switch pair.value.content {
        case .sequence(let items):
            if items.isEmpty {
                report(.emptyPolicyElement, .warning, "\(name) is an empty array, so the statement applies to nothing", at: pair.value.range)
            }
            values = items.compactMap { string($0, "each \(name) entry") }
        case .scalar:
            values = string(pair.value, name, expected: "a string or an array of strings").map { [$0] } ?? []
        case .mapping:
            // Reported here; an empty list keeps the checker from reporting the element missing too.
            report(.policyDataType, "\(name) must be a string or an array of strings, found an object", at: pair.value.range)
        }
        return ElementList(values, negated: positive == nil, range: pair.value.range)
    }

    private mutating func principalElement(_ fields: Fields, statement: Node) -> PrincipalElement? {
        let positive = fields["Principal"], negative = fields["NotPrincipal"]
        if positive != nil, let negative {
            report(.elementCombination, "a statement has either Principal or NotPrincipal, not both", at: negative.key.range)
        }
        guard let pair = positive ?? negative else { return nil }
        let name = positive != nil ? "Principal" : "NotPrincipal"
        let node = pair.value
        let negated = negative != nil && positive == nil
        // A malformed principal is reported here and read as one that names nobody, so that
        // the checker does not report it missing as well.
        let malformed = PrincipalElement(.typed([]), negated: negated, range: node.range)
        switch node.content {
        case .scalar:
            guard let text = string(node, name) else { return malformed }
            guard text.value == "*" else {
                report(.invalidPrincipalFormat, "\(name) must be \"*\" or an object such as {\"AWS\": …}, found '\(text.value)'",
                       at: node.range, fixIt: text.value.hasPrefix("arn:") || text.value.allSatisfy(\.isNumber)
                        ? "write {\"AWS\": \"\(text.value)\"}" : nil)
                return malformed
            }
            return PrincipalElement(.wildcard, negated: negated, range: node.range)
        case .sequence:
            report(.invalidPrincipalFormat, "\(name) must be \"*\" or an object such as {\"AWS\": …}, found an array", at: node.range)
            return malformed
        case .mapping(let pairs):
            if pairs.isEmpty {
                report(.emptyPolicyElement, .warning, "\(name) is an empty object", at: node.range)
            }
            var entries: [(type: Located<String>, values: [Located<String>])] = []
            for entry in pairs {
                guard let type = entry.key.scalar?.value else { continue }
                var values: [Located<String>] = []
                switch entry.value.content {
                case .sequence(let items):
                    if items.isEmpty {
                        report(.emptyPolicyElement, .warning, "\(name) \(type) is an empty array", at: entry.value.range)
                    }
                    values = items.compactMap { string($0, "each \(name) \(type) entry") }
                case .scalar:
                    values = string(entry.value, "\(name) \(type)").map { [$0] } ?? []
                case .mapping:
                    report(.policyDataType, "\(name) \(type) must be a string or an array of strings, found an object",
                           at: entry.value.range)
                }
                entries.append((Located(type, entry.key.range), values))
            }
            return PrincipalElement(.typed(entries), negated: negated, range: node.range)
        }
    }

    private mutating func conditionBlock(_ node: Node) -> [ConditionEntry] {
        guard let operators = node.pairs else {
            report(.policyDataType, "Condition must be an object of operators, found \(jsonType(node))", at: node.range)
            return []
        }
        if operators.isEmpty {
            report(.emptyPolicyElement, .warning, "Condition is an empty object", at: node.range, fixIt: "remove it")
        }
        var entries: [ConditionEntry] = []
        for pair in operators {
            guard let op = pair.key.scalar?.value else { continue }
            guard let keys = pair.value.pairs else {
                report(.policyDataType, "condition operator \(op) must map keys to values, found \(jsonType(pair.value))",
                       at: pair.value.range)
                continue
            }
            if keys.isEmpty {
                report(.emptyPolicyElement, .warning, "condition operator \(op) has no keys", at: pair.value.range)
            }
            for keyPair in keys {
                guard let key = keyPair.key.scalar?.value else { continue }
                guard let values = conditionValues(keyPair.value, key: key, operator: op) else { continue }
                entries.append(ConditionEntry(operator: Located(op, pair.key.range), key: Located(key, keyPair.key.range),
                                              values: values))
            }
        }
        return entries
    }

    private mutating func conditionValues(_ node: Node, key: String, operator op: String) -> [Located<String>]? {
        let items: [Node]
        switch node.content {
        case .sequence(let list):
            if list.isEmpty {
                let qualifier = op.hasPrefix("ForAllValues:") ? "; with ForAllValues it matches only when the key is absent (use Null)"
                    : op.hasPrefix("ForAnyValue:") ? "; with ForAnyValue it never matches" : ""
                report(.emptyPolicyElement, .warning, "condition key \(key) has an empty array of values\(qualifier)", at: node.range)
                return nil
            }
            items = list
        case .scalar:
            items = [node]
        case .mapping:
            report(.policyDataType, "values of condition key \(key) must be strings, numbers or booleans, found an object", at: node.range)
            return nil
        }
        var values: [Located<String>] = []
        var types: Set<String> = []
        for item in items {
            guard let scalar = item.scalar, !scalar.isNull else {
                report(.policyDataType, "values of condition key \(key) must be strings, numbers or booleans, found \(jsonType(item))",
                       at: item.range)
                return nil
            }
            types.insert(jsonType(item))
            values.append(Located(scalar.value, item.range))
        }
        if types.count > 1 {
            report(.mixedConditionTypes, "values of condition key \(key) mix JSON types (\(types.sorted().joined(separator: ", ")))",
                   at: node.range, fixIt: "write every value as a string")
        }
        return values
    }
}

