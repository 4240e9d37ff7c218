/// Every lint rule, in code order.
public enum RuleRegistry {
    public static let rules: [any LintRule.Type] = [
        FullAdminRule.self,
        ServiceWildcardRule.self,
        PassRoleUnscopedRule.self,
        PrivilegeEscalationRule.self,
        AllowWithNegationRule.self,
        PassRoleComputeEscalationRule.self,
        WriteOnAnyResourceRule.self,
        CredentialsExposureRule.self,
        DataExfiltrationRule.self,
        ResourceExposureRule.self,
        DenyMatchesNothingRule.self,
        RedundantStatementRule.self,
        RedundantActionRule.self,
        RedundantResourceRule.self,
        TrustAnyPrincipalRule.self,
        OIDCSubjectRule.self,
        CognitoWithoutAMRRule.self,
        CrossAccountWithoutExternalIDRule.self,
        WebIdentityWithoutAudienceRule.self,
        SAMLWithoutAudienceRule.self,
        CrossAccountWithoutMFARule.self,
        ServiceTrustWithoutSourceRule.self,
        LongSessionForThirdPartyRule.self,
        MissingBoundaryRule.self,
        MissingRequiredTagsRule.self,
        ControlPolicyRestrictsNothingRule.self,
        ControlPolicyLockoutRule.self,
        ControlPolicyBlocksGrantRule.self,
    ]

    /// Rules that were removed: their codes are never reused, and a configuration or suppression
    /// that names one is told where its findings went.
    public static let retired = [
        RetiredRule(id: "RG3201", name: "admin_managed_policy", replacement: """
            AWS managed policies are judged by what they grant: AdministratorAccess is RG3001 \
            (full_admin), PowerUserAccess RG3005 (allow_with_negation), IAMFullAccess RG3002 and RG3004, \
            each reported at the managed_policies entry.
            """),
    ]

    /// The retired rule with this code or name, ignoring case.
    public static func retiredRule(_ key: String) -> RetiredRule? {
        let key = key.lowercased()
        return retired.first { $0.id.lowercased() == key || $0.name == key }
    }

    /// The rule with this code or snake_case name, ignoring case.
    public static func rule(_ key: String) -> (any LintRule.Type)? {
        let key = key.lowercased()
        return rules.first { $0.description.id.lowercased() == key || $0.description.name == key }
    }
}

/// A rule that no longer exists, and what reports its findings now.
public struct RetiredRule: Sendable {
    public var id: String
    public var name: String
    public var replacement: String

    /// `RG3201 (admin_managed_policy) was retired: …`, for messages.
    public var explanation: String { "\(id) (\(name)) was retired: \(replacement)" }
}
