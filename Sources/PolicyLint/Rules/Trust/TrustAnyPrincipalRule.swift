import RoleGenCore

/// A trust statement any AWS principal can satisfy.
struct TrustAnyPrincipalRule: LintRule {
    static let description = RuleDescription(
        id: "RG3101", name: "trust_any_principal", title: "role is assumable by any AWS principal", severity: .error,
        rationale: "A `*` or `AWS: \"*\"` principal without conditions lets any AWS account in the world assume the role.",
        fix: "Name the accounts or roles that may assume it, or add conditions such as aws:PrincipalOrgID or aws:SourceAccount.",
        documentation: AWSDocs.roleTrust,
        accessAnalyzer: [],
        triggering: [
            .trust("- policy:\n    Effect: Allow\n    Principal: ↓\"*\"\n    Action: sts:AssumeRole"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: ↓\"*\"}\n    Action: sts:AssumeRole"),
        ],
        nonTriggering: [
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: \"*\"}\n    Action: sts:AssumeRole\n    Condition:\n      StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}"),
            .trust("- account: \"444455556666\"\n  external_id: EXAMPLE-4d3c2b1a"),
            .trust("- service: ec2.amazonaws.com"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            guard statement.effect.value == .allow, statement.conditions.isEmpty,
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
}
