import RoleGenCore

extension PolicyChecker {
    static let principalTypes = ["AWS", "Service", "Federated", "CanonicalUser"]
    /// Web identity providers that are trusted by domain rather than by provider ARN.
    static let webIdentityDomains: Set<String> = ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"]

    mutating func checkPrincipal(_ principal: PrincipalElement) {
        let name = principal.negated ? "NotPrincipal" : "Principal"
        guard kind.hasPrincipal else { return }
        guard case .typed(let entries) = principal.content else {
            if kind == .trust && !principal.negated {
                report(.wildcardInPrincipal, "a role trust policy cannot trust \"*\" (everyone)", at: principal.range,
                       fixIt: "name the accounts, roles, services or identity providers that may assume the role")
            }
            return
        }
        for (type, values) in entries {
            guard Self.principalTypes.contains(type.value) else {
                let exact = Self.principalTypes.first { $0.lowercased() == type.value.lowercased() }
                report(.invalidPrincipalKey, "unknown principal type '\(type.value)' in \(name)", at: type.range,
                       fixIt: exact.map { "write '\($0)' (case-sensitive)" }
                        ?? Nearest.closest(to: type.value, in: Self.principalTypes).map { "did you mean '\($0)'?" }
                        ?? "principal types: " + Self.principalTypes.joined(separator: ", "))
                continue
            }
            if type.value == "Federated" && kind != .trust {
                report(.federatedOutsideTrust, "Federated principals can be trusted only by role trust policies", at: type.range)
                continue
            }
            for value in values {
                checkNoVariable(value, element: name)
                if deployTimeValues.contains(value) { continue }
                switch type.value {
                case "AWS": checkAWSPrincipal(value)
                case "Service": checkServicePrincipal(value)
                case "Federated": checkFederatedPrincipal(value)
                default: checkCanonicalUser(value)
                }
            }
        }
    }

    private mutating func checkAWSPrincipal(_ value: Located<String>) {
        let text = value.value
        // {"AWS": "*"} is accepted, also in trust policies (restricted by conditions such as
        // aws:PrincipalOrgID); only the bare "Principal": "*" is refused there.
        if text == "*" { return }
        if ARNRules.isAccount(Substring(text)) { return }
        if text.count == 21, ["AROA", "AIDA"].contains(text.prefix(4)), text.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
            let what = text.hasPrefix("AROA") ? "role" : "user"
            report(.principalUniqueID, .warning, "'\(text)' is a \(what) unique id; it stops matching if the \(what) is recreated",
                   at: value.range, fixIt: "write the \(what)'s ARN")
            return
        }
        guard text.hasPrefix("arn:") else {
            report(.invalidPrincipalFormat, "AWS principal '\(text)' is neither a 12-digit account id, an ARN nor \"*\"", at: value.range)
            return
        }
        let fields = ARNRules.fields(text)
        if text.includes("*") || text.includes("?") {
            report(.wildcardInPrincipal, "principals are matched exactly: the wildcard in '\(text)' matches nothing",
                   at: value.range, fixIt: "name the principal, or use \"*\" with a condition such as aws:PrincipalArn (ArnLike)")
            return
        }
        guard fields.count == 6, ["iam", "sts"].contains(fields[2]), ARNRules.partitions.contains(String(fields[1])),
              ARNRules.isAccount(fields[4]) || (fields[4] == "cloudfront" && fields[5].hasPrefix("user/")) else {
            report(.invalidPrincipalFormat, "AWS principal '\(text)' is not an IAM or STS ARN (arn:aws:iam::ACCOUNT:role/NAME, …:root, …)",
                   at: value.range)
            return
        }
        // Only these are principals: IAM refuses groups, policies and other IAM resources.
        let principalForms = fields[2] == "iam" ? ["root", "user/", "role/"] : ["assumed-role/", "federated-user/"]
        let resource = String(fields[5])
        guard principalForms.contains(where: { $0.hasSuffix("/") ? resource.hasPrefix($0) && resource.count > $0.count : resource == $0 }) else {
            let forms = fields[2] == "iam" ? "…:root, …:user/NAME or …:role/NAME" : "…:assumed-role/ROLE/SESSION or …:federated-user/NAME"
            report(.invalidPrincipalFormat, "'\(text)' is no principal: an \(fields[2]) principal ARN is \(forms)",
                   at: value.range, fixIt: fields[5].hasPrefix("group/") ? "name the group's users, or the account" : nil)
            return
        }
    }

    private mutating func checkServicePrincipal(_ value: Located<String>) {
        let text = value.value
        if text == "*" { return }
        let suffixes = [".amazonaws.com", ".amazonaws.com.cn", ".amazon.com", ".c2s.ic.gov", ".sc2s.sgov.gov"]
        guard let suffix = suffixes.first(where: { text.hasSuffix($0) }),
              text.dropLast(suffix.count).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }),
              !text.dropLast(suffix.count).isEmpty else {
            report(.invalidPrincipalFormat, "service principal '\(text)' is not of the form service.amazonaws.com", at: value.range,
                   fixIt: text.hasPrefix("arn:") || ARNRules.isAccount(Substring(text)) ? "accounts and roles go under \"AWS\"" : nil)
            return
        }
        checkKnownServicePrincipal(value)
    }

    /// A service principal the generated list does not know: an error when it is a near miss of one.
    mutating func checkKnownServicePrincipal(_ value: Located<String>) {
        switch ServicePrincipals.check(value.value) {
        case .known:
            break
        case .misspelt(let close):
            report(.misspeltServicePrincipal, "no AWS service is named '\(value.value)'; it is a near miss of \(close)", at: value.range,
                   fixIt: "did you mean '\(close)'?")
        case .unknown(let close):
            report(.unknownServicePrincipal, .warning,
                   "'\(value.value)' is not among the \(ServicePrincipals.count) known service principals (\(ServicePrincipals.source))",
                   at: value.range, fixIt: close.map { "did you mean '\($0)'?" } ?? "check the principal in the service's documentation")
        }
    }

    private mutating func checkFederatedPrincipal(_ value: Located<String>) {
        let text = value.value
        if text.hasPrefix("arn:") {
            let fields = ARNRules.fields(text)
            if fields.count == 6, fields[2] == "iam", ARNRules.isAccount(fields[4]) || fields[4].includes("*"),
               fields[5].hasPrefix("saml-provider/") || fields[5].hasPrefix("oidc-provider/") { return }
        } else if text.includes("."), !text.includes("/"), !text.includes(" ") {
            return
        }
        report(.invalidPrincipalFormat, "Federated principal '\(text)' is neither a SAML or OIDC provider ARN nor an identity provider domain",
               at: value.range, fixIt: "for example arn:aws:iam::111122223333:saml-provider/NAME or accounts.google.com")
    }

    private mutating func checkCanonicalUser(_ value: Located<String>) {
        if value.value.count == 64 && value.value.allSatisfy(\.isHexDigit) { return }
        report(.invalidPrincipalFormat, "CanonicalUser '\(value.value)' is not a 64-character canonical user id", at: value.range)
    }

    // MARK: Trust actions

    /// Each principal type assumes a role with its own STS action.
    mutating func checkTrustActions(_ statement: Statement) {
        guard statement.effect.value == .allow, let principal = statement.principal, !principal.negated,
              case .typed(let entries) = principal.content, let action = statement.action, !action.negated else { return }
        let actions = action.values.map { $0.value.lowercased() }
        func allows(_ name: String) -> Bool {
            actions.contains { Glob.matches($0, name) }
        }
        for (type, values) in entries {
            for value in values {
                let needed: String
                switch type.value {
                case "Federated":
                    needed = value.value.includes(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity"
                case "AWS", "Service":
                    needed = "sts:AssumeRole"
                default:
                    continue
                }
                if !allows(needed.lowercased()) {
                    let kindName = type.value == "Federated" ? (needed.hasSuffix("SAML") ? "a SAML provider" : "an OIDC provider")
                        : type.value == "AWS" ? "an AWS principal" : "a service principal"
                    report(.mismatchedActionForPrincipal, "\(kindName) assumes a role with \(needed), which this statement does not allow",
                           at: action.range, notes: [.init("principal", at: value.range)], fixIt: "add \(needed) to Action")
                }
                if type.value == "Service", value.value == "rolesanywhere.amazonaws.com" {
                    let missing = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"].filter { !allows($0.lowercased()) }
                    if !missing.isEmpty {
                        report(.rolesAnywhereActions, "IAM Roles Anywhere needs \(missing.joined(separator: ", ")) in this statement",
                               at: action.range, fixIt: "allow sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession")
                    }
                }
            }
        }
    }
}

import AWSCatalog
