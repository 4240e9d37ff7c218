import AWSCatalog
import RoleGenCore

extension PolicyChecker {
    /// IAM expands `${…}` only in Resource, NotResource and Condition values.
    mutating func checkNoVariable(_ value: Located<String>, element: String) {
        guard PlainText.contains(value.value, byte: UInt8(ascii: "$")), let start = value.value.firstRange(of: "${") else { return }
        report(.variableInElement, "IAM does not expand policy variables in \(element); '\(value.value)' is taken literally",
               at: value.subrange(offset: value.value.distance(from: value.value.startIndex, to: start.lowerBound), length: 2))
    }

    /// Policy variables in Resource and Condition values: well-formed, in a 2012-10-17
    /// policy, and with operators that expand them.
    mutating func checkVariables(_ value: Located<String>, operator op: ConditionOperator? = nil) {
        let text = value.value
        guard PlainText.contains(text, byte: UInt8(ascii: "$")) else { return }
        var searchFrom = text.startIndex
        // Character offset of `searchFrom`, advanced as the search goes: counting from the
        // start for each variable cost quadratic time on a value of thousands of variables.
        var searchOffset = 0
        var usesVariable = false
        let findingsBefore = diagnostics.count
        while let open = text[searchFrom...].firstRange(of: "${") {
            usesVariable = true
            // Each finding's range counts the value; a few per value say enough.
            if diagnostics.count - findingsBefore >= 10 { break }
            let offset = searchOffset + text.distance(from: searchFrom, to: open.lowerBound)
            guard let close = text[open.upperBound...].firstIndex(of: "}") else {
                report(.malformedVariable, "policy variable '\(text[open.lowerBound...])' has no closing }", at: value.subrange(offset: offset, length: 2),
                       fixIt: "write ${name}")
                return
            }
            let body = text[open.upperBound..<close]
            let length = text.distance(from: open.lowerBound, to: close) + 1
            // Worked out only for a finding: it counts the whole value.
            var range: SourceRange { value.subrange(offset: offset, length: length) }
            searchFrom = text.index(after: close)
            searchOffset = offset + length
            if ["*", "?", "$"].contains(body) { continue }
            var name = body
            if let comma = body.firstIndex(of: ",") {
                name = body[..<comma]
                let fallback = body[body.index(after: comma)...].drop { $0 == " " }
                if !(fallback.count >= 2 && fallback.first == "'" && fallback.last == "'") {
                    report(.malformedVariable, "the default value of policy variable ${\(body)} must be in single quotes", at: range,
                           fixIt: "write ${\(name), '\(fallback.trimmingCharacters(in: ["'", "\"", " "]))'}")
                    continue
                }
            }
            if name.isEmpty {
                report(.malformedVariable, "policy variable ${} is empty", at: range, fixIt: "name a condition key, such as ${aws:username}")
            } else if name.includes(" ") {
                report(.malformedVariable, "policy variable ${\(body)} contains a space", at: range,
                       fixIt: "write ${\(name.filter { $0 != " " })}")
            } else if name.lowercased().hasPrefix("aws:"), catalog.globalConditionKey(named: String(name)) == nil {
                // A misspelt variable is no value in the request: what it guards matches nothing.
                report(.invalidGlobalConditionKey, "policy variable ${\(name)} names no global condition key", at: range,
                       fixIt: Nearest.closest(to: String(name), in: catalog.globalConditionKeys.map(\.name)).map { "did you mean ${\($0)}?" })
            }
        }
        guard usesVariable else { return }
        if version != PolicyVersion.current {
            let read = version.map { "policy Version \($0)" } ?? "a policy without Version (read as 2008-10-17)"
            report(.variableInOldVersion, "\(read) takes '\(text)' literally; variables need 2012-10-17", at: value.range,
                   fixIt: "write \"Version\": \"2012-10-17\"")
        }
        if let op, op.family != .string && op.family != .arn {
            report(.variableForOperator, "\(op.base) does not expand policy variables; only String and Arn operators do", at: value.range)
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
