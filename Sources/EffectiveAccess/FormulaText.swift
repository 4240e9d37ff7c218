import PolicyEval
import RoleGenCore

extension StatementReference {
    /// `statement 'ReadAssets' of inline policy 'main'`, or `statement 2 of …` without a Sid.
    public var name: String {
        (sid.map { "statement '\($0)'" } ?? "statement \(index + 1)") + " of " + origin
    }

    /// The AWS managed policy that holds the statement, when one does.
    public var awsManagedPolicyName: String? {
        let prefix = "AWS managed policy '"
        guard origin.hasPrefix(prefix), origin.hasSuffix("'") else { return nil }
        return String(origin.dropFirst(prefix.count).dropLast())
    }
}

extension Clause {
    /// `StringEquals aws:RequestedRegion eu-west-1`, `the resource matches arn:…/${aws:username}`.
    public var text: String {
        switch test {
        case .condition(let op, let key, let values):
            return "\(op.value) \(key.value) \(values.map(\.value).joined(separator: " or "))"
        case .resourceMatches(let pattern):
            return "the resource matches \(pattern.value)"
        }
    }
}

extension Formula {
    /// The formula on one line: `StringEquals k v and not (Bool k2 true)`.
    public var text: String {
        switch self {
        case .always: return "always"
        case .never: return "never"
        case .clause(let clause): return clause.text
        case .not(let inner): return "not " + inner.grouped
        case .all(let parts): return parts.map(\.grouped).joined(separator: " and ")
        case .any(let parts): return parts.map(\.grouped).joined(separator: " or ")
        }
    }

    private var grouped: String {
        switch self {
        case .all, .any: return "(" + text + ")"
        default: return text
        }
    }
}
