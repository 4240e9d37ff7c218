import RoleGenCore

/// Long sessions for a role that third parties may assume.
struct LongSessionForThirdPartyRule: LintRule {
    /// IAM's default maximum session duration, in seconds.
    static let defaultDuration = 3600

    static let description = RuleDescription(
        id: "RG3109", name: "long_session_for_third_party", title: "long sessions for a role third parties may assume", severity: .warning,
        rationale: "max_session_duration bounds how long credentials from the role stay valid, and credentials cannot be revoked one by one. Accounts other than the role's own and those declared under the spec's `accounts:` are third parties (as for RG3104); their sessions should keep IAM's default of one hour, so a leaked credential or a relationship that ends loses its access soon.",
        fix: "Lower max_session_duration to 3600 for this role, or split off a role with longer sessions for your own accounts.",
        documentation: AWSDocs.sessionDuration,
        accessAnalyzer: [],
        // It reads the role's max_session_duration, which a trust policy file does not carry.
        scope: .role,
        triggering: [
            .trust("- account: \"444455556666\"\n  external_id: EXAMPLE-4d3c2b1a", role: "max_session_duration: ↓43200"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: arn:aws:iam::444455556666:role/vendor}\n    Action: sts:AssumeRole",
                   top: "defaults:\n  max_session_duration: ↓7200"),
        ],
        nonTriggering: [
            .trust("- account: security\n  require_mfa: true", top: "accounts:\n  security: \"444455556666\"", role: "max_session_duration: 43200"),
            .trust("- account: \"444455556666\"\n  external_id: EXAMPLE-4d3c2b1a", role: "max_session_duration: 3600"),
            .trust("- saml: ExampleCorpIdP", role: "max_session_duration: 43200"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        guard role.role.maxSessionDuration > Self.defaultDuration, let written = role.role.maxSessionDurationRange else { return [] }
        for statement in role.trust {
            for principal in statement.allowedPrincipals("AWS") {
                guard let account = CrossAccountWithoutExternalIDRule.account(of: principal.value),
                      !role.ownAccounts.contains(account) else { continue }
                let duration = role.role.maxSessionDuration
                let readable = duration % 3600 == 0 ? "\(duration / 3600) hours" : "\(duration / 3600) h \(duration % 3600 / 60) min"
                return [Finding("sessions of role \(role.role.name) may last \(duration) seconds (\(readable)), and third-party account \(account) may assume it",
                                at: written, notes: [.init("account \(account) is trusted here", at: principal.range)])]
            }
        }
        return []
    }
}
