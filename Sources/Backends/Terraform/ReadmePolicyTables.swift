import EffectiveAccess
import RoleGenCore

/// The README's view of policy documents: conditions in words, and what statements allow or
/// deny per service and access level. Documents come with deploy-time inputs already shown
/// as the module's variables; strings are written as code.
struct ReadmePolicyTables {
    private func code(_ text: String, inTable: Bool = false) -> String {
        ReadmeMarkdown.code(text, inTable: inTable)
    }

    func conditions(_ statement: Statement, inTable: Bool) -> String {
        statement.conditions.map { entry in
            code(entry.operator.value, inTable: inTable) + " " + code(entry.key.value, inTable: inTable) + " = "
                + entry.values.map { code($0.value, inTable: inTable) }.joined(separator: " or ")
        }.joined(separator: inTable ? "; " : " and ")
    }

    /// A summary per service, then one row per statement, service and access level.
    func permissions(_ sources: [(label: String, document: PolicyDocument)]) -> String {
        var allowed: [String: Set<ActionAccess.Level>] = [:]
        var rows: [[String]] = []
        var estimated = false
        for (label, document) in sources {
            for statement in document.statements {
                guard let action = statement.action else { continue }
                var groups: [(access: ActionAccess.Classification, actions: [String])] = []
                if action.negated {
                    groups = [(ActionAccess.classify("*"), action.values.map(\.value))]
                } else {
                    for value in action.values {
                        let access = ActionAccess.classify(value.value)
                        if let index = groups.firstIndex(where: { $0.access == access }) {
                            groups[index].actions.append(value.value)
                        } else {
                            groups.append((access, [value.value]))
                        }
                    }
                }
                for group in groups {
                    if statement.effect.value == .allow { allowed[group.access.service, default: []].formUnion(group.access.levels) }
                    estimated = estimated || group.access.estimated
                    let actions = (action.negated ? "every action except " : "") + group.actions.map { code($0, inTable: true) }.joined(separator: ", ")
                    var resources = ""
                    if let resource = statement.resource {
                        resources = (resource.negated ? "every resource except " : "") + resource.values.map { code($0.value, inTable: true) }.joined(separator: ", ")
                    }
                    rows.append([
                        statement.effect.value.rawValue, ReadmeMarkdown.code(group.access.service, inTable: true),
                        group.access.levels.map(\.title).joined(separator: ", ") + (group.access.estimated ? " (estimated)" : ""),
                        actions, resources, conditions(statement, inTable: true), label,
                    ])
                }
            }
        }
        var text = "Allowed, per service: "
        if allowed.isEmpty {
            text += "nothing (no Allow statement).\n\n"
        } else {
            text += allowed.keys.sorted().map { service in
                ReadmeMarkdown.code(service) + " " + allowed[service]!.sorted().map(\.title).joined(separator: ", ")
            }.joined(separator: "; ") + ".\n\n"
        }
        text += ReadmeMarkdown.table(["Effect", "Service", "Access level", "Actions", "Resources", "Conditions", "Policy"], rows)
        if estimated {
            text += "\n\nLevels marked estimated are for actions rolegen's AWS catalog does not know; they are read from the action's"
                + " name and err towards the higher level."
        }
        return text
    }

    /// What an AWS managed policy allows, per access level and service; the per-service lines
    /// folded away when it reaches many services.
    func awsManaged(_ policy: AWSManagedPolicy) -> String {
        // The same text in every role that attaches the policy.
        Self.awsManagedTexts.value(for: policy.name) { Self.awsManagedText(policy) }
    }

    private static let awsManagedTexts = Memo<String>()

    private static func awsManagedText(_ policy: AWSManagedPolicy) -> String {
        let summary = AccessSummary.of(policy)
        let code = { ReadmeMarkdown.code($0) }
        var text = "Through AWS managed policy \(code(policy.name)) (\(policy.versionID)), actions per access level and service:\n\n"
            + summary.overview(code: code).map { "- " + $0 }.joined(separator: "\n")
        if summary.isLarge {
            text += "\n\n<details><summary>\(summary.services.count) services</summary>\n\n"
                + summary.perService(code: code).map { "- " + $0 }.joined(separator: "\n") + "\n\n</details>"
        }
        return text
    }
}
