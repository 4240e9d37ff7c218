import RoleGenCore

/// Model strings and policy documents as HCL expressions, with deploy-time inputs as module
/// variables. Shared by the account modules and the organization module.
struct ModelHCL {
    /// Input name → module variable name.
    let variables: [String: String]

    /// A model string as HCL: literal text, with deploy-time inputs as `var.NAME`.
    func expression(_ text: Text) -> HCLExpression {
        .template(templateParts(text))
    }

    func expression(_ text: String) -> HCLExpression { .template([.literal(text)]) }

    func templateParts(_ text: Text) -> [HCLTemplatePart] {
        text.parts.map {
            switch $0 {
            case .literal(let literal): return .literal(literal)
            case .input(let name): return .interpolation("var." + (variables[name] ?? name))
            }
        }
    }

    /// A policy document as HCL for `jsonencode`, from the same canonical form the IAM JSON
    /// target writes, so both targets send AWS the same document.
    func document(_ document: ModelDocument) -> HCLExpression {
        hcl(CanonicalJSON.value(of: document))
    }

    private func hcl(_ value: JSONValue) -> HCLExpression {
        switch value {
        case .string(let text): return expression(text)
        case .text(let text): return expression(text)
        case .integer(let number): return .reference(String(number))
        case .bool(let flag): return .reference(flag ? "true" : "false")
        case .null: return .reference("null")
        case .array(let items): return .list(items.map(hcl))
        case .object(let members):
            return .object(members.map { key, value in HCLObjectItem(key, hcl(value)) })
        }
    }

    /// `var.tags`, merged with the spec's own tags, which win.
    func tags(_ tags: [Tag]) -> HCLExpression {
        guard !tags.isEmpty else { return .reference("var.tags") }
        return .call("merge", [.reference("var.tags"), .object(tags.map {
            HCLObjectItem(key: .template([.literal($0.key)]), expression($0.value))
        })])
    }

    /// A string known at plan time that stands for a model string: inputs shown as `${name}`
    /// (escaped, so the key is that text and not the variable's value). For `for_each` keys.
    static func key(_ text: Text) -> HCLObjectItem.Key { key(text.shown) }

    static func key(_ text: String) -> HCLObjectItem.Key { .template([.literal(text)]) }
}
