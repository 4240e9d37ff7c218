/// Writes policy documents as canonical JSON: IAM's element order (Version, Id, Statement;
/// Sid, Effect, Principal, Action, Resource, Condition), sorted keys where order is free
/// (principal types, condition operators and keys), lists in the order written, a
/// one-element list as a plain string, 2-space indent and a trailing newline.
public enum CanonicalJSON {
    public static func encode(_ document: PolicyDocument, pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(value(of: document))
        return writer.text(trailingNewline: pretty)
    }

    public static func encode(_ document: ModelDocument, pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(value(of: document))
        return writer.text(trailingNewline: pretty)
    }

    public static func value(of document: PolicyDocument) -> JSONValue { value(of: document, string: JSONValue.string) }

    /// A model document's JSON: texts with deploy-time inputs as `.text`, the rest as `.string`.
    public static func value(of document: ModelDocument) -> JSONValue { value(of: document, string: JSONValue.of) }

    public static func value(of statement: Statement) -> JSONValue { value(of: statement, string: JSONValue.string) }

    private static func value<Word: Equatable>(of document: PolicyDocumentOf<Word>, string: (Word) -> JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("Version", .string(document.version?.value ?? PolicyVersion.current)),
        ]
        if let id = document.id { members.append(("Id", string(id.value))) }
        members.append(("Statement", .array(document.statements.map { value(of: $0, string: string) })))
        return .object(members)
    }

    private static func value<Word: Equatable>(of statement: StatementOf<Word>, string: (Word) -> JSONValue) -> JSONValue {
        func list(_ values: [Word]) -> JSONValue {
            values.count == 1 ? string(values[0]) : .array(values.map(string))
        }
        var members: [(String, JSONValue)] = []
        if let sid = statement.sid { members.append(("Sid", string(sid.value))) }
        members.append(("Effect", .string(statement.effect.value.rawValue)))
        if let principal = statement.principal {
            let value: JSONValue
            switch principal.content {
            case .wildcard:
                value = .string("*")
            case .typed(let entries):
                value = .object(merged(entries.map { ($0.type.value, $0.values.map(\.value)) }).map { ($0.0, list($0.1)) })
            }
            members.append((principal.negated ? "NotPrincipal" : "Principal", value))
        }
        if let action = statement.action {
            members.append((action.negated ? "NotAction" : "Action", list(action.values.map(\.value))))
        }
        if let resource = statement.resource {
            members.append((resource.negated ? "NotResource" : "Resource", list(resource.values.map(\.value))))
        }
        if !statement.conditions.isEmpty {
            var operators: [String: [(String, [Word])]] = [:]
            for entry in statement.conditions {
                operators[entry.operator.value, default: []].append((entry.key.value, entry.values.map(\.value)))
            }
            let block = operators.keys.sorted().map { op in
                (op, JSONValue.object(merged(operators[op]!).map { ($0.0, list($0.1)) }))
            }
            members.append(("Condition", .object(block)))
        }
        return .object(members)
    }

    /// Joins entries with the same key (keeping first-seen value order) and sorts by key.
    private static func merged<Word: Equatable>(_ entries: [(String, [Word])]) -> [(String, [Word])] {
        var byKey: [String: [Word]] = [:]
        for (key, values) in entries {
            var existing = byKey[key, default: []]
            for value in values where !existing.contains(value) { existing.append(value) }
            byKey[key] = existing
        }
        return byKey.keys.sorted().map { ($0, byKey[$0]!) }
    }
}
