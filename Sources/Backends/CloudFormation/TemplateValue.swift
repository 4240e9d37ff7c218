import RoleGenCore

/// A value in a CloudFormation template: plain data, or one of the intrinsic functions
/// rolegen uses. It is written as JSON (`{"Ref": …}`) or as YAML with short-form tags
/// (`!Ref …`) from the same tree, so template.yaml and template.json cannot drift apart.
indirect enum TemplateValue {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case list([TemplateValue])
    case map([(String, TemplateValue)])
    case ref(String)
    /// `Fn::Sub` with a template string (its literal `${` already written `${!`).
    case sub(String)
    case getAtt(String, String)
    case equals(TemplateValue, TemplateValue)
    case or([TemplateValue])
    /// `{"Condition": name}`, a condition used inside `Fn::Or`.
    case condition(String)

    var yaml: YAMLNode {
        switch self {
        case .string(let s): return .string(s)
        case .integer(let n): return .integer(n)
        case .bool(let b): return .bool(b)
        case .list(let items): return .sequence(items.map(\.yaml))
        case .map(let members): return .mapping(members.map { ($0.0, $0.1.yaml) })
        case .ref(let name): return .tagged("!Ref", .string(name))
        case .sub(let template): return .tagged("!Sub", .string(template))
        case .getAtt(let resource, let attribute): return .tagged("!GetAtt", .string(resource + "." + attribute))
        case .equals(let a, let b): return .tagged("!Equals", .sequence([a.yaml, b.yaml]))
        case .or(let items): return .tagged("!Or", .sequence(items.map(\.yaml)))
        case .condition(let name): return .mapping([("Condition", .string(name))])
        }
    }
}

extension TemplateValue {
    /// A model string: literal text as is; with deploy-time inputs, `Ref` to the input's
    /// parameter when the string is nothing else, else `Fn::Sub` in which literal `${`
    /// (IAM policy variables such as `${aws:username}`) is written `${!` so it reaches AWS
    /// unchanged.
    static func text(_ value: String, parameters: [String: String]) -> TemplateValue {
        guard DeployInputs.contains(value) else { return .string(value) }
        let segments = DeployInputs.segments(value)
        if segments.count == 1, case .input(let name) = segments[0] { return .ref(parameters[name]!) }
        return .sub(subTemplate(value, parameters: parameters))
    }

    /// The `Fn::Sub` form of a model string: inputs as `${Parameter}`, literal `${` as `${!`.
    static func subTemplate(_ value: String, parameters: [String: String]) -> String {
        DeployInputs.segments(value).map {
            switch $0 {
            case .literal(let text): return text.replacingOccurrences(of: "${", with: "${!")
            case .input(let name): return "${" + parameters[name]! + "}"
            }
        }.joined()
    }
}
