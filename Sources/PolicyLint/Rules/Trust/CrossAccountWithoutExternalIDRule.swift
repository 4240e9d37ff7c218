import RoleGenCore

/// Another account trusted without sts:ExternalId: the confused-deputy problem.
struct CrossAccountWithoutExternalIDRule: LintRule {
    /// Conditions that tie the caller to a known party; any one of them answers the rule.
    static let restrictingKeys = ["sts:externalid", "aws:principalorgid", "aws:principalorgpaths"]

    static let description = RuleDescription(
        id: "RG3104", name: "cross_account_without_external_id", title: "another account is trusted without sts:ExternalId", severity: .warning,
        rationale: "Accounts other than the role's own and those declared under the spec's `accounts:` count as third parties. A third party that assumes roles in many customers' accounts can be tricked into using its access to yours (the confused deputy) unless each customer's role requires a secret external id. Accounts of your own organization are better tied with aws:PrincipalOrgID.",
        fix: "Add `external_id:` to the account trust entry (third parties), or a condition on aws:PrincipalOrgID (your own accounts).",
        documentation: AWSDocs.confusedDeputy,
        accessAnalyzer: [],
        triggering: [
            .trust("- ↓account: \"444455556666\""),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: ↓arn:aws:iam::444455556666:role/vendor}\n    Action: sts:AssumeRole"),
        ],
        nonTriggering: [
            .trust("- account: \"444455556666\"\n  external_id: EXAMPLE-4d3c2b1a"),
            .trust("- account: \"111122223333\""),
            .trust("- account: security", top: "accounts:\n  security: \"444455556666\""),
            .trust("- policy:\n    Effect: Allow\n    Principal: {AWS: arn:aws:iam::444455556666:root}\n    Action: sts:AssumeRole\n    Condition:\n      StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            guard statement.effect.value == .allow, let principal = statement.principal, !principal.negated,
                  case .typed(let entries) = principal.content,
                  !statement.conditions.contains(where: { Self.restrictingKeys.contains($0.key.value.lowercased()) }) else { return nil }
            for entry in entries where entry.type.value == "AWS" {
                for value in entry.values {
                    guard let account = Self.account(of: value.value), !role.ownAccounts.contains(account) else { continue }
                    return Finding("account \(account) may assume the role without an external id", at: value.range)
                }
            }
            return nil
        }
    }

    /// The account of a 12-digit id or an `arn:…:iam::ID:…` principal.
    static func account(of principal: String) -> String? {
        if principal.count == 12, principal.allSatisfy(\.isNumber) { return principal }
        let parts = principal.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "iam" else { return nil }
        let account = String(parts[4])
        return account.count == 12 && account.allSatisfy(\.isNumber) ? account : nil
    }
}
