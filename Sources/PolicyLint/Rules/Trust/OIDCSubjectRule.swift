import RoleGenCore

/// OIDC (GitHub, EKS, …) trust that any identity of the provider can satisfy.
struct OIDCSubjectRule: LintRule {
    static let description = RuleDescription(
        id: "RG3102", name: "oidc_subject_unrestricted", title: "OIDC trust without a specific subject", severity: .error,
        rationale: "Without a `sub` condition, or with a wildcard repository in it, any token of the provider can assume the role: for GitHub that is any workflow of any repository on github.com.",
        fix: "Restrict the subject: `github: owner/repo` with `branch:` or `environment:`; `subject:` for other providers.",
        documentation: AWSDocs.oidcTrust,
        accessAnalyzer: ["MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", "MISSING_GITHUB_REPO_CONDITION_KEY"],
        triggering: [
            .trust("- ↓github: octo-org/*"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: ↓arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com}\n    Action: sts:AssumeRoleWithWebIdentity\n    Condition:\n      StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com}\n    Action: sts:AssumeRoleWithWebIdentity\n    Condition:\n      StringLike: {token.actions.githubusercontent.com:sub: ↓\"*\"}"),
        ],
        nonTriggering: [
            .trust("- github: octo-org/website\n  branch: main"),
            .trust("- web_identity: oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\n  subject: system:serviceaccount:orders:orders-worker"),
            .trust("- service: lambda.amazonaws.com"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.compactMap { statement in
            guard statement.effect.value == .allow, let principal = statement.principal, !principal.negated,
                  case .typed(let entries) = principal.content else { return nil }
            for entry in entries where entry.type.value == "Federated" {
                for provider in entry.values {
                    guard let marker = provider.value.range(of: ":oidc-provider/") else { continue }
                    let host = String(provider.value[marker.upperBound...])
                    let subjects = statement.conditions.filter { $0.key.value.lowercased() == (host + ":sub").lowercased() }
                    if subjects.isEmpty {
                        return Finding("any identity of \(host) may assume the role: no \(host):sub condition", at: provider.range)
                    }
                    let values = subjects.flatMap(\.values)
                    if let wild = values.first(where: { Self.isUnrestricted($0.value) }) {
                        return Finding("subject '\(wild.value)' lets identities of \(Self.whom(wild.value)) assume the role through \(host)",
                                       at: provider.range == wild.range ? provider.range : wild.range)
                    }
                }
            }
            return nil
        }
    }

    /// Who an unrestricted subject lets in: "any repository of octo-org" for `repo:octo-org/*`.
    static func whom(_ subject: String) -> String {
        let repository = subject.hasPrefix("repo:") ? subject.dropFirst(5).split(separator: ":", maxSplits: 1).first ?? "" : ""
        let owner = repository.split(separator: "/", maxSplits: 1).first ?? ""
        if repository.contains("/"), !owner.isEmpty, !owner.contains("*"), !owner.contains("?") { return "any repository of \(owner)" }
        return "any repository or service account"
    }

    /// `*`, or a GitHub subject whose owner/repo part has a wildcard (`repo:octo-org/*:…`).
    static func isUnrestricted(_ subject: String) -> Bool {
        if subject.allSatisfy({ $0 == "*" }) { return true }
        guard subject.hasPrefix("repo:") else { return false }
        let repository = subject.dropFirst(5).split(separator: ":", maxSplits: 1).first ?? ""
        return repository.contains("*") || repository.contains("?")
    }
}
