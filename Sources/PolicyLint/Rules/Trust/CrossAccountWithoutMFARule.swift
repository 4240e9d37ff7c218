import RoleGenCore

/// People of another account may assume the role without multi-factor authentication.
struct CrossAccountWithoutMFARule: LintRule {
    /// Conditions that prove MFA, or (sts:ExternalId) mark the caller as a third party's software.
    static let answeringKeys: Set<String> = ["aws:multifactorauthpresent", "aws:multifactorauthage", "sts:externalid"]

    static let description = RuleDescription(
        id: "RG3107", name: "cross_account_without_mfa", title: "people of another account are trusted without MFA", severity: .warning,
        rationale: "Who is a person cannot be read from a trust policy, so rolegen judges by the principal: an account (its root, which delegates to the account's IAM users and roles) or an IAM user of an account other than the role's own is taken to be people signing in with long-term credentials, for whom aws:MultiFactorAuthPresent is the second factor. Role principals are taken to be workloads or sessions that signed in elsewhere (MFA is not carried through role chaining, so requiring it would lock them out), and an sts:ExternalId condition marks a third party's software, which RG3104 covers.",
        fix: "Add `require_mfa: true` to the account trust entry (a Bool aws:MultiFactorAuthPresent condition); for a workload, trust its role ARN rather than the account.",
        documentation: AWSDocs.mfaTrust,
        accessAnalyzer: [],
        // It reads the role's own account, which a trust policy file does not say.
        scope: .role,
        triggering: [
            .trust("- ↓account: security", top: "accounts:\n  security: \"444455556666\""),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: ↓arn:aws:iam::444455556666:user/alice}\n    Action: sts:AssumeRole"),
        ],
        nonTriggering: [
            .trust("- account: security\n  require_mfa: true", top: "accounts:\n  security: \"444455556666\""),
            .trust("- account: arn:aws:iam::444455556666:role/deployer"),
            .trust("- account: \"444455556666\"\n  external_id: EXAMPLE-4d3c2b1a"),
            .trust("- account: \"111122223333\"\n  require_mfa: false"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            guard !statement.hasCondition(anyOf: Self.answeringKeys) else { return nil }
            for principal in statement.allowedPrincipals("AWS") {
                guard let account = CrossAccountWithoutExternalIDRule.account(of: principal.value), account != role.role.account?.shown,
                      Self.isPeople(principal.value) else { continue }
                return Finding("people of account \(account) may assume the role without MFA", at: principal.range)
            }
            return nil
        }
    }

    /// An account (id or root ARN) or an IAM user.
    static func isPeople(_ principal: String) -> Bool {
        !principal.hasPrefix("arn:") || principal.hasSuffix(":root") || principal.contains(":user/")
    }
}
