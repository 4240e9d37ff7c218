/// Every lint rule, in code order.
public enum RuleRegistry {
    public static let rules: [any LintRule.Type] = [
        FullAdminRule.self,
        ServiceWildcardRule.self,
        PassRoleUnscopedRule.self,
        PrivilegeEscalationRule.self,
        AllowWithNegationRule.self,
        PassRoleComputeEscalationRule.self,
        TrustAnyPrincipalRule.self,
        OIDCSubjectRule.self,
        CognitoWithoutAMRRule.self,
        CrossAccountWithoutExternalIDRule.self,
        AdminManagedPolicyRule.self,
        MissingBoundaryRule.self,
        MissingRequiredTagsRule.self,
    ]

    /// The rule with this code or snake_case name, ignoring case.
    public static func rule(_ key: String) -> (any LintRule.Type)? {
        let key = key.lowercased()
        return rules.first { $0.description.id.lowercased() == key || $0.description.name == key }
    }
}
