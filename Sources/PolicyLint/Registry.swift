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
        AdminManagedPolicyRule.self,
        MissingBoundaryRule.self,
        MissingRequiredTagsRule.self,
        ControlPolicyRestrictsNothingRule.self,
        ControlPolicyLockoutRule.self,
        ControlPolicyBlocksGrantRule.self,
    ]

    /// The rule with this code or snake_case name, ignoring case.
    public static func rule(_ key: String) -> (any LintRule.Type)? {
        let key = key.lowercased()
        return rules.first { $0.description.id.lowercased() == key || $0.description.name == key }
    }
}
