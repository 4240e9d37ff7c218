import Foundation
import PolicyEval
import RoleGenCore

/// Builds `PolicyDocument` values from IAM JSON for the tests (rolegen's own reader lives in
/// another target). Every element gets a distinct made-up source range in a file named after
/// the policy, so references and clauses can be told apart.
enum PolicyJSON {
    static func policy(_ origin: String, _ json: String) -> NamedPolicy {
        NamedPolicy(origin: origin, document: document(json, file: origin))
    }

    static func document(_ json: String, file: String) -> PolicyDocument {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            fatalError("test policy is not a JSON object: \(json)")
        }
        var counter = Counter(file: file)
        let raw = object["Statement"]
        let statements = (raw as? [[String: Any]]) ?? (raw as? [String: Any]).map { [$0] } ?? []
        return PolicyDocument(
            version: (object["Version"] as? String).map { counter.located($0) },
            statements: statements.map { statement(from: $0, &counter) }, range: counter.next())
    }

    private static func statement(from object: [String: Any], _ counter: inout Counter) -> Statement {
        func list(_ key: String, _ notKey: String) -> ElementList? {
            if let values = strings(object[key]) { return ElementList(values.map { counter.located($0) }, range: counter.next()) }
            if let values = strings(object[notKey]) { return ElementList(values.map { counter.located($0) }, negated: true, range: counter.next()) }
            return nil
        }
        let conditions = (object["Condition"] as? [String: [String: Any]] ?? [:]).sorted { $0.key < $1.key }.flatMap { op, keys in
            keys.sorted { $0.key < $1.key }.map { key, values in
                ConditionEntry(operator: counter.located(op), key: counter.located(key),
                               values: (strings(values) ?? []).map { counter.located($0) })
            }
        }
        return Statement(
            sid: (object["Sid"] as? String).map { counter.located($0) },
            effect: counter.located((object["Effect"] as? String) == "Deny" ? Effect.deny : .allow),
            principal: principal(object, &counter),
            action: list("Action", "NotAction"), resource: list("Resource", "NotResource"),
            conditions: conditions, range: counter.next())
    }

    private static func principal(_ object: [String: Any], _ counter: inout Counter) -> PrincipalElement? {
        let negated = object["Principal"] == nil && object["NotPrincipal"] != nil
        guard let raw = object["Principal"] ?? object["NotPrincipal"] else { return nil }
        if raw as? String == "*" { return PrincipalElement(.wildcard, negated: negated, range: counter.next()) }
        let typed = (raw as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { type, values in
            (type: counter.located(type), values: (strings(values) ?? []).map { counter.located($0) })
        }
        return PrincipalElement(.typed(typed), negated: negated, range: counter.next())
    }

    private static func strings(_ value: Any?) -> [String]? {
        switch value {
        case let text as String: [text]
        case let list as [Any]: list.map { "\($0)" }
        case nil: nil
        case let other?: ["\(other)"]
        }
    }

    /// Hands out ranges on successive lines.
    struct Counter {
        var file: String
        var line = 0

        mutating func next() -> SourceRange {
            line += 1
            let start = SourceLocation(line: line, column: 1, offset: line * 100)
            return SourceRange(file: file, start: start, end: SourceLocation(line: line, column: 2, offset: line * 100 + 1))
        }

        mutating func located<T>(_ value: T) -> Located<T> { Located(value, next()) }
    }
}
