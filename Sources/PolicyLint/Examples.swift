extension RuleExample {
    /// A spec with one role trusted by EC2 whose inline policy holds `statements` (YAML list
    /// items, indented from column 1), and further role keys in `role`.
    static func permissions(_ statements: String, role: String = "") -> RuleExample {
        RuleExample("""
        version: 1
        roles:
          - name: app
            trust:
              - service: ec2.amazonaws.com
        \(role.isEmpty ? "" : indent(role, by: 4) + "\n")    inline_policies:
              - name: main
                statements:
        \(indent(statements, by: 10))

        """)
    }

    /// A spec with one role in account 111122223333 holding `trust` entries (YAML list items,
    /// indented from column 1), after top-level keys `top`, with further role keys in `role`.
    static func trust(_ entries: String, top: String = "", role: String = "") -> RuleExample {
        RuleExample("""
        version: 1
        \(top.isEmpty ? "" : top + "\n")roles:
          - name: app
            account: "111122223333"
        \(role.isEmpty ? "" : indent(role, by: 4) + "\n")    trust:
        \(indent(entries, by: 6))

        """)
    }

    static func indent(_ text: String, by count: Int) -> String {
        let pad = String(repeating: " ", count: count)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}

/// AWS documentation pages the rules cite.
enum AWSDocs {
    static let bestPractices = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"
    static let passRole = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"
    static let notAction = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html"
    static let confusedDeputy = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"
    static let oidcTrust = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub"
    static let roleTrust = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy"
    static let managedJobFunctions = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html"
    static let boundaries = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html"
    static let scpEvaluation = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html"
    static let scpExamples = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html"
    static let samlTrust = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html"
    static let mfaTrust = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html"
    static let sessionDuration = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html"
    static let escalation = policyChecks
    static let resourceLevelPermissions = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_controlling.html#access_controlling-resources"
    static let credentialsExposure = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access.html"
    static let resourceBasedPolicies = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html"
    static let policyEvaluation = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
    static let policyChecks = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
}

extension RuleExample {
    /// The same spec with top-level keys `top` added after `version:`.
    func withTop(_ top: String) -> RuleExample {
        RuleExample(spec.replacingOccurrences(of: "version: 1\n", with: "version: 1\n" + top + "\n"))
    }

    /// A spec with one service control policy named `guard` attached to `targets`, holding
    /// `statements` (YAML list items, indented from column 1), after top-level keys `top`.
    static func serviceControlPolicy(_ statements: String, targets: String = "[root]", top: String = "") -> RuleExample {
        RuleExample("""
        version: 1
        \(top.isEmpty ? "" : top + "\n")service_control_policies:
          - name: guard
            targets: \(targets)
            statements:
        \(indent(statements, by: 6))

        """)
    }
}
