import AWSCatalog
/// Builds a role's trust policy: one statement per `trust:` entry, in the order written.
extension ResolverState {
    static let githubIssuer = "token.actions.githubusercontent.com"
    /// The sign-in endpoint SAML assertions are addressed to, per partition.
    static let samlSignInAudience = [
        "aws": "https://signin.aws.amazon.com/saml",
        "aws-cn": "https://signin.amazonaws.cn/saml",
        "aws-us-gov": "https://signin.amazonaws-us-gov.com/saml",
    ]

    /// Well-known web identity providers: principal, audience key, subject key.
    static let webIdentityProviders: [String: (principal: String, audienceKey: String, subjectKey: String)] = [
        "cognito": ("cognito-identity.amazonaws.com", "cognito-identity.amazonaws.com:aud", "cognito-identity.amazonaws.com:sub"),
        "google": ("accounts.google.com", "accounts.google.com:aud", "accounts.google.com:sub"),
        "facebook": ("graph.facebook.com", "graph.facebook.com:app_id", "graph.facebook.com:id"),
        "amazon": ("www.amazon.com", "www.amazon.com:app_id", "www.amazon.com:user_id"),
    ]

    mutating func trustPolicy(_ spec: RoleSpec, account: Text?) -> ModelDocument? {
        let before = errorCount
        var statements: [StatementOf<Text>] = []
        for entry in spec.trust {
            statements += trustStatements(entry, account: account)
        }
        guard errorCount == before, !statements.isEmpty else { return nil }
        var range = spec.trust.first!.range
        range.end = spec.trust.last!.range.end
        return ModelDocument(version: nil, statements: statements, range: range)
    }

    private mutating func trustStatements(_ entry: TrustEntry, account: Text?) -> [StatementOf<Text>] {
        let range = entry.range
        func list(_ values: [Text]) -> [Located<Text>] { values.map { Located($0, range) } }
        func statement(_ principalType: String, _ principals: [Text], _ action: String, _ conditions: [ConditionEntryOf<Text>]) -> StatementOf<Text> {
            statement(principalType, located: list(principals), action, conditions)
        }
        /// Principals that keep where each was written, so that findings point at the one meant.
        func statement(_ principalType: String, located principals: [Located<Text>], _ action: String,
                       _ conditions: [ConditionEntryOf<Text>]) -> StatementOf<Text> {
            StatementOf<Text>(
                effect: Located(.allow, range),
                principal: PrincipalElementOf<Text>(.typed([(Located(principalType, range), principals)]), range: range),
                action: ElementListOf<Text>([Located(Text(action), range)], range: range), resource: nil,
                conditions: conditions, range: range)
        }
        func condition(_ op: String, _ key: String, _ values: [Text]) -> ConditionEntryOf<Text> {
            ConditionEntryOf<Text>(operator: Located(op, range), key: Located(key, range), values: list(values))
        }
        /// StringLike when any value is a pattern, so `repo:org/app:*` matches as written.
        func matching(_ key: String, _ values: [Text]) -> ConditionEntryOf<Text> {
            condition(values.contains { $0.checkable.contains("*") || $0.checkable.contains("?") } ? "StringLike" : "StringEquals", key, values)
        }

        guard var extra = expandConditions(entry.conditions) else { return [] }
        // Extra conditions may add keys, never weaken the ones an entry generates: joining
        // `aws:MultiFactorAuthPresent: "false"` to rolegen's "true" would allow either.
        let generatedKeys: Set<String>
        switch entry.kind {
        case .account(_, let externalId, let requireMFA):
            generatedKeys = Set((externalId == nil ? [] : ["sts:externalid"]) + (requireMFA?.value == true ? ["aws:multifactorauthpresent"] : []))
        case .saml: generatedKeys = ["saml:aud"]
        case .github: generatedKeys = ["\(Self.githubIssuer):aud", "\(Self.githubIssuer):sub"]
        case .webIdentity: generatedKeys = ["*:aud", "*:sub", "*:amr", "*:app_id", "*:id", "*:user_id"]
        case .service, .policy: generatedKeys = []
        }
        extra = extra.filter { entry in
            let key = entry.key.value.lowercased()
            let clashes = generatedKeys.contains(key) || generatedKeys.contains { $0.hasPrefix("*") && key.hasSuffix($0.dropFirst()) }
            if clashes {
                error(.conflictingKeys, "condition key \(entry.key.value) is already set by this trust entry; a second value would loosen it",
                      at: entry.key.range, fixIt: "set it through the entry's own keys (external_id, require_mfa, audience, subject, branch, …)")
            }
            return !clashes
        }
        switch entry.kind {
        case .service(let services):
            let names = services.compactMap { located($0) }
            guard names.count == services.count else { return [] }
            return [statement("Service", located: names, "sts:AssumeRole", extra)]

        case .account(let principals, let externalId, let requireMFA):
            var arns: [Text] = []
            for principal in principals {
                guard let value = text(principal) else { continue }
                if value.hasLiteralPrefix("arn:") {
                    arns.append(value)
                } else if let id = accountID(principal) {
                    arns.append("arn:\(partition):iam::\(text: id):root")
                }
            }
            guard arns.count == principals.count else { return [] }
            var conditions: [ConditionEntryOf<Text>] = []
            if let externalId, let value = text(externalId) {
                conditions.append(condition("StringEquals", "sts:ExternalId", [value]))
            }
            if requireMFA?.value == true {
                conditions.append(condition("Bool", "aws:MultiFactorAuthPresent", ["true"]))
            }
            return [statement("AWS", arns, "sts:AssumeRole", conditions + extra)]

        case .saml(let provider, let providerAccount, let audience):
            guard let name = text(provider) else { return [] }
            var arn = name
            if !name.hasLiteralPrefix("arn:") {
                let owner = providerAccount.flatMap { accountID($0) } ?? account
                guard let owner = requireAccount(owner, for: "SAML provider '\(name)'", at: provider.range) else { return [] }
                arn = "arn:\(partition):iam::\(text: owner):saml-provider/\(text: name)"
            }
            guard let aud = audience.flatMap({ text($0) }) ?? Self.samlSignInAudience[partition].map({ Text($0) }) else {
                error(.missingKey, "a SAML trust entry in partition \(partition) needs an explicit audience (the partition's sign-in SAML URL)",
                      at: range)
                return []
            }
            return [statement("Federated", [arn], "sts:AssumeRoleWithSAML",
                              [condition("StringEquals", "SAML:aud", [aud])] + extra)]

        case .webIdentity(let identity):
            return webIdentityStatement(identity, account: account, extra: extra, statement: statement, condition: condition, matching: matching)

        case .github(let github):
            guard let repositories = texts(github.repositories), !repositories.isEmpty,
                  let branches = texts(github.branches), let environments = texts(github.environments),
                  let refs = texts(github.refs) else { return [] }
            for (repo, written) in zip(repositories, github.repositories) {
                let parts = repo.checkable.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count != 2 || parts.contains(where: \.isEmpty) {
                    error(.invalidValue, "github repository must be written owner/repo, found '\(repo)'", at: written.range)
                }
            }
            let owner = github.providerAccount.flatMap { accountID($0) } ?? account
            guard let owner = requireAccount(owner, for: "the GitHub OIDC provider", at: range) else { return [] }
            var subjects: [Text] = []
            for repo in repositories {
                let prefix: Text = "repo:\(text: repo):"
                subjects += branches.map { prefix + "ref:refs/heads/" + $0 }
                subjects += refs.map { prefix + "ref:" + $0 }
                subjects += environments.map { prefix + "environment:" + $0 }
                if github.pullRequest?.value == true { subjects.append(prefix + "pull_request") }
            }
            if branches.isEmpty && refs.isEmpty && environments.isEmpty && github.pullRequest?.value != true {
                subjects = repositories.map { "repo:\(text: $0):*" }
            }
            return [statement("Federated", ["arn:\(partition):iam::\(text: owner):oidc-provider/\(Self.githubIssuer)"],
                              "sts:AssumeRoleWithWebIdentity",
                              [condition("StringEquals", "\(Self.githubIssuer):aud", ["sts.amazonaws.com"]),
                               matching("\(Self.githubIssuer):sub", subjects)] + extra)]

        case .policy(let statements):
            return expand(statements) ?? []
        }
    }

    private mutating func webIdentityStatement(
        _ identity: TrustEntry.WebIdentity, account: Text?, extra: [ConditionEntryOf<Text>],
        statement: (String, [Text], String, [ConditionEntryOf<Text>]) -> StatementOf<Text>,
        condition: (String, String, [Text]) -> ConditionEntryOf<Text>,
        matching: (String, [Text]) -> ConditionEntryOf<Text>
    ) -> [StatementOf<Text>] {
        guard let provider = literal(identity.provider, "web_identity", code: .invalidValue), let audience = texts(identity.audience),
              let subject = texts(identity.subject) else { return [] }
        let amr = identity.amr.flatMap { text($0) }
        var principal: Text
        var audienceKey: String, subjectKey: String
        if let known = Self.webIdentityProviders[provider] {
            (principal, audienceKey, subjectKey) = (Text(known.principal), known.audienceKey, known.subjectKey)
            if audience.isEmpty {
                error(.missingKey, "web_identity \(provider) needs an audience (\(provider == "cognito" ? "the identity pool id" : "the application id"))",
                      at: identity.provider.range)
                return []
            }
        } else {
            // Any OIDC provider: its ARN, or its issuer host (the ARN is formed in the role's account).
            var host = provider
            if provider.hasPrefix("arn:") {
                guard let marker = provider.range(of: ":oidc-provider/") else {
                    error(.invalidValue, "web_identity ARN must be an OIDC provider ARN (…:oidc-provider/HOST)", at: identity.provider.range,
                          fixIt: "or use one of: cognito, google, facebook, amazon")
                    return []
                }
                host = String(provider[marker.upperBound...])
                principal = Text(provider)
            } else {
                if host.hasPrefix("https://") { host = String(host.dropFirst("https://".count)) }
                if !host.contains(".") {
                    error(.invalidValue, "unknown web identity provider '\(provider)'", at: identity.provider.range,
                          fixIt: Nearest.closest(to: provider, in: Self.webIdentityProviders.keys).map { "did you mean '\($0)'?" }
                            ?? "use cognito, google, facebook, amazon, an OIDC issuer host or an OIDC provider ARN")
                    return []
                }
                let owner = identity.providerAccount.flatMap { accountID($0) } ?? account
                guard let owner = requireAccount(owner, for: "OIDC provider '\(host)'", at: identity.provider.range) else { return [] }
                principal = "arn:\(partition):iam::\(text: owner):oidc-provider/\(host)"
            }
            audienceKey = host + ":aud"
            subjectKey = host + ":sub"
        }
        if amr != nil && provider != "cognito" {
            error(.invalidValue, "amr applies to Cognito identity pools only", at: identity.amr!.range)
            return []
        }
        var conditions: [ConditionEntryOf<Text>] = []
        if !audience.isEmpty { conditions.append(condition("StringEquals", audienceKey, audience)) }
        if !subject.isEmpty { conditions.append(matching(subjectKey, subject)) }
        if let amr {
            conditions.append(condition("ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr", [amr]))
        }
        return [statement("Federated", [principal], "sts:AssumeRoleWithWebIdentity", conditions + extra)]
    }
}
