import RoleGenCore

/// Web identity (OIDC) trust that does not say which client the token must have been issued to.
struct WebIdentityWithoutAudienceRule: LintRule {
    /// Providers IAM names by domain, and the keys that carry their audience (Google's `aud`
    /// key holds the token's azp claim, `oaud` its aud claim; either pins the client).
    static let namedProviders: [String: [String]] = [
        "cognito-identity.amazonaws.com": ["cognito-identity.amazonaws.com:aud"],
        "accounts.google.com": ["accounts.google.com:aud", "accounts.google.com:oaud"],
        "graph.facebook.com": ["graph.facebook.com:app_id"],
        "www.amazon.com": ["www.amazon.com:app_id"],
    ]

    static let description = RuleDescription(
        id: "RG3105", name: "web_identity_without_audience", title: "web identity trust without an audience condition", severity: .warning,
        rationale: "The audience (`aud`, for Facebook and Login with Amazon `app_id`) names the client a token was issued to. Without it, tokens the provider issued to any other client can assume the role as long as the other conditions match; for Cognito that is an identity in any identity pool of any account. rolegen's `github:` entry and the named `web_identity:` providers always set the audience; an OIDC issuer or provider ARN given to `web_identity:` does so only with `audience:`.",
        fix: "Add `audience:` to the web_identity entry (sts.amazonaws.com for EKS and GitHub, the identity pool id for Cognito), or a StringEquals condition on the provider's aud key.",
        documentation: AWSDocs.oidcTrust,
        accessAnalyzer: [],
        triggering: [
            .trust("- ↓web_identity: oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\n  subject: system:serviceaccount:orders:orders-worker"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: ↓cognito-identity.amazonaws.com}\n    Action: sts:AssumeRoleWithWebIdentity\n    Condition:\n      ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: authenticated}"),
        ],
        nonTriggering: [
            .trust("- web_identity: oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\n  audience: sts.amazonaws.com\n  subject: system:serviceaccount:orders:orders-worker"),
            .trust("- web_identity: cognito\n  audience: us-west-2:12345678-1234-1234-1234-123456789012\n  amr: authenticated"),
            .trust("- github: octo-org/website\n  branch: main"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            for provider in statement.allowedPrincipals("Federated") {
                guard let (host, keys) = Self.audienceKeys(of: provider.value),
                      !statement.hasCondition(anyOf: Set(keys.map { $0.lowercased() })) else { continue }
                let who = host == "cognito-identity.amazonaws.com" ? "identities of any Cognito identity pool" : "tokens \(host) issued to any client"
                return Finding("\(who) may assume the role: no \(keys[0]) condition", at: provider.range)
            }
            return nil
        }
    }

    /// The provider's host and audience keys, for a named provider or an OIDC provider ARN;
    /// nil for SAML providers.
    static func audienceKeys(of provider: String) -> (host: String, keys: [String])? {
        if let keys = namedProviders[provider] { return (provider, keys) }
        guard let marker = provider.range(of: ":oidc-provider/") else { return nil }
        let host = String(provider[marker.upperBound...])
        return (host, [host + ":aud"])
    }
}
