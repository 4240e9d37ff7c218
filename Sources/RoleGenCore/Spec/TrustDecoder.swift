import AWSCatalog
extension NodeDecoder {
    private static let commonTrustKeys = ["conditions"]
    private static let trustKeys: [String: [String]] = [
        "service": ["service"],
        "account": ["account", "external_id", "require_mfa"],
        "saml": ["saml", "provider_account", "audience"],
        "web_identity": ["web_identity", "provider_account", "audience", "subject", "amr"],
        "github": ["github", "branch", "environment", "ref", "pull_request", "provider_account"],
        "policy": ["policy"],
    ]

    mutating func trustEntry(_ node: Node) -> TrustEntry? {
        guard var fields = mapping(node, "a trust entry") else { return nil }
        let kinds = SpecDecoder.trustKinds.filter { fields.has($0) }
        guard kinds.count == 1, let kindName = kinds.first else {
            if kinds.isEmpty {
                let unknown = fields.keys.first.flatMap { Nearest.closest(to: $0, in: SpecDecoder.trustKinds) }
                error(.missingKey, "a trust entry needs one of: " + SpecDecoder.trustKinds.joined(separator: ", "), at: node.range,
                      fixIt: unknown.map { "did you mean '\($0)'?" })
            } else {
                error(.conflictingKeys, "a trust entry has one kind, found " + kinds.joined(separator: " and ")
                      + "; write one entry per kind", at: node.range)
            }
            return nil
        }
        let before = errorCount
        let kindNode = fields.take(kindName)!
        var kind: TrustEntry.Kind?
        switch kindName {
        case "service":
            kind = strings(kindNode, "service").map(TrustEntry.Kind.service)
        case "account":
            let principals = strings(kindNode, "account")
            let externalId = fields.take("external_id").flatMap { nonEmptyString($0, "external_id") }
            let mfa = fields.take("require_mfa").flatMap { bool($0, "require_mfa") }
            if let principals { kind = .account(principals: principals, externalId: externalId, requireMFA: mfa) }
        case "saml":
            let provider = nonEmptyString(kindNode, "saml (a SAML provider name or ARN)")
            let account = fields.take("provider_account").flatMap { nonEmptyString($0, "provider_account") }
            let audience = fields.take("audience").flatMap { nonEmptyString($0, "audience") }
            if let provider { kind = .saml(provider: provider, providerAccount: account, audience: audience) }
        case "web_identity":
            let provider = nonEmptyString(kindNode, "web_identity (cognito, google, facebook, amazon or an OIDC provider)")
            let identity = TrustEntry.WebIdentity(
                provider: provider ?? Located("", kindNode.range),
                providerAccount: fields.take("provider_account").flatMap { nonEmptyString($0, "provider_account") },
                audience: fields.take("audience").flatMap { strings($0, "audience") } ?? [],
                subject: fields.take("subject").flatMap { strings($0, "subject") } ?? [],
                amr: fields.take("amr").flatMap { nonEmptyString($0, "amr") })
            if provider != nil { kind = .webIdentity(identity) }
        case "github":
            let github = TrustEntry.GitHub(
                repositories: strings(kindNode, "github (owner/repo)") ?? [],
                branches: fields.take("branch").flatMap { strings($0, "branch") } ?? [],
                environments: fields.take("environment").flatMap { strings($0, "environment") } ?? [],
                refs: fields.take("ref").flatMap { strings($0, "ref") } ?? [],
                pullRequest: fields.take("pull_request").flatMap { bool($0, "pull_request") },
                providerAccount: fields.take("provider_account").flatMap { nonEmptyString($0, "provider_account") })
            kind = .github(github)
        default:
            let items = kindNode.items ?? [kindNode]
            let decoded = items.compactMap { statement($0, .trust) }
            if decoded.count == items.count && !decoded.isEmpty { kind = .policy(decoded) }
        }
        var conditions: [ConditionEntry] = []
        if kindName != "policy", let node = fields.take("conditions") {
            conditions = conditionBlock(node) ?? []
        }
        finish(fields, allowed: Self.trustKeys[kindName]! + (kindName == "policy" ? [] : Self.commonTrustKeys))
        guard errorCount == before, let kind else { return nil }
        return TrustEntry(kind: kind, conditions: conditions, range: node.range)
    }
}

enum AccountID {
    static func isValid(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func hint(for node: Node) -> String? {
        guard let scalar = node.scalar, scalar.value.allSatisfy(\.isNumber) else { return nil }
        return scalar.value.count < 12 ? "account ids have exactly 12 digits; is a digit missing?" : nil
    }
}
