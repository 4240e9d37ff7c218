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
    /// `Fn::Join` of `items` with `delimiter`.
    case join(String, [TemplateValue])
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
        case .join(let delimiter, let items): return .tagged("!Join", .sequence([.string(delimiter), .sequence(items.map(\.yaml))]))
        case .equals(let a, let b): return .tagged("!Equals", .sequence([a.yaml, b.yaml]))
        case .or(let items): return .tagged("!Or", .sequence(items.map(\.yaml)))
        case .condition(let name): return .mapping([("Condition", .string(name))])
        }
    }
}

extension TemplateValue {
    /// A model string: literal text as is, or, when it holds what `Fn::Sub` would read as a
    /// reference (`mentionsReference`), as `Fn::Join` on `${` of the text between, which no
    /// tool reads as a reference either. (`Fn::Sub` with `${!` would need no `Join`, but
    /// cfn-lint warns about a `Fn::Sub` without a variable, W1020.) With deploy-time inputs,
    /// `Ref` to the input's parameter when the string is nothing else, else `Fn::Sub`, in
    /// which every literal `${` (IAM policy variables such as `${aws:username}`, or
    /// `$${AWS::Region}` written in the spec) is written `${!` so it reaches AWS unchanged.
    static func text(_ value: Text, parameters: [String: String]) -> TemplateValue {
        if let literal = value.literal {
            guard mentionsReference(literal) else { return .string(literal) }
            return .join("${", literal.split(separator: "${", omittingEmptySubsequences: false).map { .string(String($0)) })
        }
        if value.parts.count == 1, case .input(let name) = value.parts[0] { return .ref(parameters[name]!) }
        return .sub(subTemplate(value, parameters: parameters))
    }

    /// The `Fn::Sub` form of a model string: inputs as `${Parameter}`, literal `${` as `${!`.
    private static func subTemplate(_ value: Text, parameters: [String: String]) -> String {
        value.parts.map {
            switch $0 {
            case .literal(let text): return escapedForSub(text)
            case .input(let name): return "${" + parameters[name]! + "}"
            }
        }.joined()
    }

    /// Text for a place that takes no intrinsic function (the template's, a parameter's and
    /// an output's `Description`, `Metadata`): when it holds what `Fn::Sub` would read as a
    /// reference, every `${` is written `${!`, CloudFormation's own notation for a literal
    /// `${`, so that cfn-lint does not take the text for a forgotten `Fn::Sub` (E1029).
    static func prose(_ text: String) -> TemplateValue {
        .string(mentionsReference(text) ? escapedForSub(text) : text)
    }

    /// Literal text for an `Fn::Sub` template: `${` becomes `${!`, which `Fn::Sub` writes as `${`.
    static func escapedForSub(_ text: String) -> String {
        text.replacingOccurrences(of: "${", with: "${!")
    }

    /// Whether `text` holds `${Name}` that `Fn::Sub` would read as a reference: a pseudo
    /// parameter (`${AWS::Region}`), a parameter or logical id (`${Foo}`) or an attribute
    /// (`${Foo.Arn}`). CloudFormation leaves such text alone outside `Fn::Sub`, but cfn-lint
    /// takes it for a forgotten `Fn::Sub` (E1029), and so might a reader. IAM policy
    /// variables (`${aws:username}`, `${aws:PrincipalTag/team}`: one colon, or a character
    /// no name holds) are no reference and stay plain.
    static func mentionsReference(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        while let dollar = bytes.firstIndex(of: UInt8(ascii: "$")) {
            bytes = bytes[bytes.index(after: dollar)...]
            guard bytes.first == UInt8(ascii: "{") else { continue }
            let name = bytes.dropFirst().prefix { isNameByte($0) }
            guard !name.isEmpty, name.endIndex < bytes.endIndex, bytes[name.endIndex] == UInt8(ascii: "}") else { continue }
            // Colons come in pairs in `AWS::Region`; one alone marks an IAM policy variable.
            var run = 0, loneColon = false
            for byte in name {
                if byte == UInt8(ascii: ":") { run += 1; continue }
                loneColon = loneColon || run == 1
                run = 0
            }
            if !loneColon && run != 1 { return true }
        }
        return false
    }

    /// The characters cfn-lint reads as a `Fn::Sub` variable name: letters, digits, `_`, `:`, `.`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
