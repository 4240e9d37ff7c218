import RoleGenCore

/// SAML trust that accepts assertions addressed to any service provider.
struct SAMLWithoutAudienceRule: LintRule {
    static let description = RuleDescription(
        id: "RG3106", name: "saml_without_audience", title: "SAML trust without a SAML:aud condition", severity: .warning,
        rationale: "SAML:aud is the endpoint an assertion was addressed to. Without it, an assertion the identity provider issued for another application (service provider) can be replayed to AWS to assume the role. rolegen's `saml:` entry always sets it; hand-written policies may not.",
        fix: "Use the `saml:` trust entry, or add `StringEquals: {SAML:aud: https://signin.aws.amazon.com/saml}` (the partition's sign-in SAML URL).",
        documentation: AWSDocs.samlTrust,
        accessAnalyzer: [],
        triggering: [
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: ↓arn:aws:iam::111122223333:saml-provider/ExampleCorpIdP}\n    Action: sts:AssumeRoleWithSAML"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: ↓arn:aws:iam::111122223333:saml-provider/ExampleCorpIdP}\n    Action: sts:AssumeRoleWithSAML\n    Condition:\n      StringEquals: {SAML:sub_type: persistent}"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: ↓arn:aws:iam::111122223333:saml-provider/ExampleCorpIdP}\n    Action: sts:AssumeRoleWithSAML\n    Condition:\n      StringLike: {SAML:aud: \"*\"}"),
        ],
        nonTriggering: [
            .trust("- saml: ExampleCorpIdP"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: arn:aws:iam::111122223333:saml-provider/ExampleCorpIdP}\n    Action: sts:AssumeRoleWithSAML\n    Condition:\n      StringEquals: {SAML:aud: https://signin.aws.amazon.com/saml}"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            // `SAML:aud: "*"`, or a negated test, accepts any audience all the same.
            let audience = statement.conditions.contains { condition in
                condition.key.value.lowercased() == "saml:aud" && !condition.operator.value.lowercased().contains("not")
                    && !condition.values.contains { $0.value.allSatisfy { $0 == "*" } }
            }
            guard !audience,
                  let provider = statement.allowedPrincipals("Federated").first(where: { $0.value.contains(":saml-provider/") })
            else { return nil }
            return Finding("assertions of \(provider.value.split(separator: "/").last ?? "") addressed to any application may assume the role: no SAML:aud condition",
                           at: provider.range)
        }
    }
}
