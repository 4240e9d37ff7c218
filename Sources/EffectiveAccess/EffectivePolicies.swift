import PolicyEval
import RoleGenCore

/// The policies that decide what a role, a permission set or a raw policy file may do, ready
/// for the evaluation engine: inline, customer managed and AWS managed policies, the
/// permissions boundary, and the service control policies the spec attaches to the root or
/// to the role's account.
public struct EffectivePolicies: Sendable {
    /// `role 'app'`, `permission set 'Admins'`, `policy file 'x.json'`.
    public var subject: String
    public var policies: PolicySet
    public var principal: Principal
    /// What the set leaves out or assumes, for the reader.
    public var assumptions: [String]

    /// The role or permission set named `name` (roles first; IAM names ignore case).
    public init?(named name: String, in model: Model) {
        if let role = model.roles.first(where: { $0.name.lowercased() == name.lowercased() }) {
            self.init(role, in: model, customer: Self.customerPolicies(model))
        } else if let set = model.permissionSets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            self.init(set, in: model, customer: Self.customerPolicies(model))
        } else {
            return nil
        }
    }

    /// Every role's, in the model's order.
    public static func ofRoles(in model: Model) -> [EffectivePolicies] {
        let customer = customerPolicies(model)
        return model.roles.map { EffectivePolicies($0, in: model, customer: customer) }
    }

    /// Every permission set's, in the model's order.
    public static func ofPermissionSets(in model: Model) -> [EffectivePolicies] {
        let customer = customerPolicies(model)
        return model.permissionSets.map { EffectivePolicies($0, in: model, customer: customer) }
    }

    private static func customerPolicies(_ model: Model) -> [String: CustomerPolicy] {
        Dictionary(model.policies.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A raw identity policy file, alone: no boundary, no SCPs.
    public init(document: PolicyDocument, file: String) {
        subject = "policy file '\(file)'"
        policies = PolicySet(identityPolicies: [NamedPolicy(origin: subject, document: document)])
        principal = Principal(account: Self.unknownAccount, arn: "arn:aws:iam::\(Self.unknownAccount):role/policy-file")
        assumptions = ["the policy is the principal's only policy: no boundary, no service control policies"]
    }

    init(_ role: Role, in model: Model, customer: [String: CustomerPolicy]) {
        subject = "role '\(role.name)'"
        var assumptions: [String] = []
        var identity = role.inlinePolicies.map { NamedPolicy(origin: "inline policy '\($0.name)'", document: $0.document.shown) }
        for reference in role.managedPolicies {
            if let policy = Self.named(reference, customer: customer) {
                identity.append(policy)
            } else {
                assumptions.append("\(reference.arn) is not in the spec nor an AWS managed policy rolegen ships: left out")
            }
        }
        let boundary = role.permissionsBoundary.flatMap { Self.named($0, customer: customer) }
        if let written = role.permissionsBoundary, boundary == nil {
            assumptions.append("the permissions boundary \(written.arn) is unknown to rolegen: left out")
        }
        let account = role.account?.literal ?? Self.unknownAccount
        if role.account?.literal == nil { assumptions.append("the role's account is not known at build time: \(account) stands for it") }
        var tags: [String: String] = [:]
        for tag in role.tags { tags[tag.key] = tag.value.literal }
        principal = Principal(account: account, arn: "arn:\(role.partition):iam::\(account):role\(role.path)\(role.name)", tags: tags)
        policies = PolicySet(identityPolicies: identity, permissionsBoundary: boundary,
                             serviceControlPolicies: Self.controlPolicyLevels(model, account: role.account, assumptions: &assumptions))
        self.assumptions = assumptions
    }

    init(_ set: PermissionSet, in model: Model, customer: [String: CustomerPolicy]) {
        subject = "permission set '\(set.name)'"
        var assumptions = ["the role Identity Center makes of it in an assigned account; service control policies are not applied"]
        var identity = set.inlinePolicy.map { [NamedPolicy(origin: "inline policy of permission set '\(set.name)'", document: $0.shown)] } ?? []
        identity += set.managedPolicies.compactMap { Self.named($0, customer: customer) }
        for reference in set.customerManagedPolicies {
            if let policy = customer[reference.name] {
                identity.append(NamedPolicy(origin: "policy '\(policy.name)'", document: policy.document.shown))
            } else {
                assumptions.append("customer managed policy \(reference.path)\(reference.name) is made outside the spec: left out")
            }
        }
        var boundary: NamedPolicy?
        switch set.permissionsBoundary {
        case .awsManaged(let arn)?:
            boundary = arn.literal.flatMap(AWSManagedPolicy.named(arn:)).map(Self.named)
        case .customer(let reference)?:
            boundary = customer[reference.name].map { NamedPolicy(origin: "policy '\($0.name)'", document: $0.document.shown) }
        case nil:
            break
        }
        let account = set.assignments.first?.account.literal ?? Self.unknownAccount
        principal = Principal(account: account, arn: "arn:aws:iam::\(account):role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_\(set.name)")
        policies = PolicySet(identityPolicies: identity, permissionsBoundary: boundary)
        self.assumptions = assumptions
    }

    /// Stands for an account the spec does not give.
    static let unknownAccount = "000000000000"

    private static func named(_ policy: AWSManagedPolicy) -> NamedPolicy {
        NamedPolicy(origin: "AWS managed policy '\(policy.name)'", document: policy.document)
    }

    private static func named(_ reference: PolicyReference, customer: [String: CustomerPolicy]) -> NamedPolicy? {
        if case .customer(let name) = reference.kind, let policy = customer[name] {
            return NamedPolicy(origin: "policy '\(policy.name)'", document: policy.document.shown)
        }
        return reference.awsManagedPolicy.map(named)
    }

    /// The root's SCPs, then the account's: each a level every request must pass. AWS attaches
    /// FullAWSAccess at every level and most organizations keep it, adding Deny lists; a level
    /// whose spec SCPs allow nothing is taken to keep it. (OU membership is not in the spec.)
    private static func controlPolicyLevels(_ model: Model, account: Text?, assumptions: inout [String]) -> [[NamedPolicy]] {
        let scps = model.serviceControlPolicies
        guard !scps.isEmpty else { return [] }
        func level(_ attached: [ServiceControlPolicy]) -> [NamedPolicy] {
            var level = attached.map { NamedPolicy(origin: "service control policy '\($0.name)'", document: $0.document.shown) }
            if !attached.contains(where: { $0.document.statements.contains { $0.effect.value == .allow } }) {
                level.append(fullAWSAccess)
            }
            return level
        }
        let root = scps.filter { $0.targets.contains(.root) }
        let own = account.map { id in scps.filter { $0.targets.contains(.id(id)) } } ?? []
        if scps.contains(where: { $0.targets.contains { target in
            if case .id(let id) = target { return id.shown.hasPrefix("ou-") } else { return false }
        } }) {
            assumptions.append("service control policies attached to OUs are left out: the spec does not say which accounts an OU holds")
        }
        assumptions.append("FullAWSAccess is taken to stay attached at each level whose service control policies in the spec allow nothing")
        return [level(root), level(own)]
    }

    /// AWS's default service control policy.
    private static let fullAWSAccess = NamedPolicy(origin: "service control policy 'FullAWSAccess' (AWS's default, assumed attached)", document: PolicyDocument(
        version: Located(PolicyVersion.current, .file("FullAWSAccess")),
        statements: [Statement(effect: Located(.allow, .file("FullAWSAccess")), action: ElementList([Located("*", .file("FullAWSAccess"))], range: .file("FullAWSAccess")),
                               resource: ElementList([Located("*", .file("FullAWSAccess"))], range: .file("FullAWSAccess")), range: .file("FullAWSAccess"))],
        range: .file("FullAWSAccess")))
}
