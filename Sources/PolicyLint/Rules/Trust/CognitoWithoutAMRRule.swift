import RoleGenCore

/// Cognito identity pool trust that does not say whether identities must be authenticated.
struct CognitoWithoutAMRRule: LintRule {
    static let description = RuleDescription(
        id: "RG3103", name: "cognito_without_amr", title: "Cognito trust without an amr condition", severity: .warning,
        rationale: "Without `cognito-identity.amazonaws.com:amr`, the role is open to unauthenticated (guest) identities of the pool as well as signed-in users.",
        fix: "Add `amr: authenticated` (or `unauthenticated` for a deliberate guest role) to the web_identity entry.",
        documentation: "https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html",
        accessAnalyzer: [],
        triggering: [
            .trust("- ↓web_identity: cognito\n  audience: us-west-2:12345678-1234-1234-1234-123456789012"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: ↓cognito-identity.amazonaws.com}\n    Action: sts:AssumeRoleWithWebIdentity\n    Condition:\n      StringEquals: {cognito-identity.amazonaws.com:aud: us-west-2:12345678-1234-1234-1234-123456789012}"),
        ],
        nonTriggering: [
            .trust("- web_identity: cognito\n  audience: us-west-2:12345678-1234-1234-1234-123456789012\n  amr: authenticated"),
            .trust("- web_identity: accounts.google.com\n  audience: 1234567890.apps.googleusercontent.com"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            guard statement.effect.value == .allow, let principal = statement.principal, !principal.negated,
                  case .typed(let entries) = principal.content else { return nil }
            for entry in entries where entry.type.value == "Federated" {
                if let cognito = entry.values.first(where: { $0.value == "cognito-identity.amazonaws.com" }),
                   !statement.conditions.contains(where: { $0.key.value.lowercased() == "cognito-identity.amazonaws.com:amr" }) {
                    return Finding("Cognito identities may assume the role whether or not they are authenticated: no amr condition", at: cognito.range)
                }
            }
            return nil
        }
    }
}
