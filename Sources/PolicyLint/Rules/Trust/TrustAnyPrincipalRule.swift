import RoleGenCore

/// A trust statement any AWS principal can satisfy.
struct TrustAnyPrincipalRule: LintRule {
    static let description = RuleDescription(
        id: "RG3101", name: "trust_any_principal", title: "role is assumable by any AWS principal", severity: .error,
        rationale: "A `*` or `AWS: \"*\"` principal lets any AWS account in the world assume the role unless a condition narrows who the caller is (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, …) or where the call comes from (aws:SourceVpce, aws:SourceIp). Other conditions, such as aws:SecureTransport or an sts:ExternalId that is no secret, do not.",
        fix: "Name the accounts or roles that may assume it, or add conditions such as aws:PrincipalOrgID or aws:SourceAccount.",
        documentation: AWSDocs.roleTrust,
        accessAnalyzer: [],
        triggering: [
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: ↓\"*\"}\n    Action: sts:AssumeRole"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: ↓\"*\"}\n    Action: sts:AssumeRole\n    Condition:\n      Bool: {aws:SecureTransport: \"true\"}\n      StringEquals: {sts:ExternalId: EXAMPLE-4d3c2b1a}"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: ↓\"*\"}\n    Action: sts:AssumeRole\n    Condition:\n      StringLike: {aws:PrincipalOrgID: \"*\"}\n      StringEqualsIfExists: {aws:PrincipalAccount: \"111122223333\"}"),
        ],
        nonTriggering: [
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: \"*\"}\n    Action: sts:AssumeRole\n    Condition:\n      StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: \"*\"}\n    Action: sts:AssumeRole\n    Condition:\n      ArnLike: {aws:PrincipalArn: \"arn:aws:iam::111122223333:role/ci-*\"}"),
            .trust("- account: \"444455556666\"\n  external_id: EXAMPLE-4d3c2b1a"),
            .trust("- service: ec2.amazonaws.com"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            guard statement.effect.value == .allow, !statement.conditions.contains(where: Self.restrictsCaller),
                  let principal = statement.principal, !principal.negated else { return nil }
            switch principal.content {
            case .wildcard:
                return Finding("any AWS principal may assume the role", at: principal.range)
            case .typed(let entries):
                for entry in entries where entry.type.value == "AWS" {
                    if let any = entry.values.first(where: { $0.value == "*" }) {
                        return Finding("any AWS principal may assume the role", at: any.range)
                    }
                }
                return nil
            }
        }
    }

    /// Keys that say who the caller is or where the call comes from (lower case).
    static let callerKeys: Set<String> = [
        "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:userid",
        "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceowner",
        "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:vpcsourceip",
    ]

    /// A condition that only callers named by it satisfy: a caller key that admits only its
    /// values, none of them every address.
    static func restrictsCaller(_ condition: ConditionEntry) -> Bool {
        callerKeys.contains(condition.key.value.lowercased()) && condition.admitsOnlyItsValues
            && !condition.values.contains { $0.value == "0.0.0.0/0" || $0.value == "::/0" }
    }
}
