import RoleGenCore

/// The rules of AWS Organizations resource control policies.
extension PolicyChecker {
    /// Service prefixes whose actions RCPs apply to. AWS Organizations User Guide, "Resource
    /// control policies (RCPs)", list of AWS services that support RCPs
    /// (docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services),
    /// read in 2026; no machine-readable source lists them.
    static let rcpServices = ["s3", "sts", "kms", "sqs", "secretsmanager", "cognito-idp", "cognito-identity", "logs",
                              "dynamodb", "ecr", "aoss", "rolesanywhere"]
    /// Keys of the calling IAM principal, absent when an AWS service calls.
    static let principalKeys: Set<String> = ["aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn"]

    mutating func checkRCPStatement(_ statement: Statement) {
        if let principal = statement.principal {
            if principal.negated {
                report(.rcpPrincipal, "resource control policies do not support NotPrincipal", at: principal.range,
                       fixIt: "write \"Principal\": \"*\" and exempt principals with a condition such as aws:PrincipalOrgID")
            } else if case .typed = principal.content {
                report(.rcpPrincipal, "the Principal of a resource control policy is \"*\"", at: principal.range,
                       fixIt: "write \"Principal\": \"*\" and choose principals with a condition such as aws:PrincipalArn")
            }
        }
        if let action = statement.action {
            if action.negated {
                report(.rcpNotAction, "resource control policies do not support NotAction", at: action.range,
                       fixIt: "list the actions to deny in Action")
            } else {
                for value in action.values where value.value != "*" && !deployTimeValues.contains(value) {
                    guard let colon = value.value.firstIndex(of: ":") else { continue }
                    let prefix = value.value[..<colon]
                    guard !ARNRules.isOpen(prefix), !Self.rcpServices.contains(prefix.lowercased()) else { continue }
                    report(.rcpActionService, "resource control policies do not apply to \(prefix) actions", at: value.subrange(of: prefix),
                           fixIt: "RCPs apply to " + Self.rcpServices.joined(separator: ", ") + "; restrict \(prefix) with a service control policy")
                }
            }
        }
        if statement.effect.value == .allow {
            checkRCPAllow(statement)
        } else {
            checkRCPDenyConditions(statement)
        }
    }

    /// Allow is RCPFullAWSAccess's alone: Principal, Action and Resource "*", no Condition.
    private mutating func checkRCPAllow(_ statement: Statement) {
        let fix = "RCPs restrict with Deny statements; Allow is only the full-access statement (Principal, Action and Resource \"*\")"
        for element in [statement.action, statement.resource].compactMap({ $0 }) {
            guard element.negated || element.values.map(\.value) != ["*"] else { continue }
            report(.rcpAllow, "an Allow statement of a resource control policy allows \"*\" only", at: element.range, fixIt: fix)
        }
        if let condition = statement.conditions.first {
            report(.rcpAllow, "an Allow statement of a resource control policy has no Condition", at: condition.operator.range, fixIt: fix)
        }
    }

    /// A Deny on principal keys spares AWS services only with aws:PrincipalIsAWSService false;
    /// one on source keys spares IAM principals only with it true and a Null check.
    private mutating func checkRCPDenyConditions(_ statement: Statement) {
        func has(_ key: String, _ family: ConditionOperator.Family, _ value: String) -> Bool {
            statement.conditions.contains { entry in
                guard entry.key.value.lowercased() == key, case .success(let op) = ConditionOperator.parse(entry.operator.value) else { return false }
                return op.family == family && entry.values.contains { $0.value.lowercased() == value }
            }
        }
        // Only keys whose absence makes the condition match (negated operators, IfExists) deny those who lack them.
        let matchingWhenAbsent = statement.conditions.filter { entry in
            guard case .success(let op) = ConditionOperator.parse(entry.operator.value) else { return false }
            return op.family != .null && (op.isNegated || op.ifExists)
        }
        if let entry = matchingWhenAbsent.first(where: { Self.principalKeys.contains($0.key.value.lowercased()) }),
           !has("aws:principalisawsservice", .bool, "false") {
            report(.rcpMissingPrincipalTypeCondition, .warning,
                   "AWS services send no \(entry.key.value): this Deny also denies them when they act for you", at: entry.key.range,
                   fixIt: "add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}")
        }
        guard let entry = matchingWhenAbsent.first(where: { Self.sourceKeys.contains($0.key.value.lowercased()) }) else { return }
        if !has("aws:principalisawsservice", .bool, "true") {
            report(.rcpMissingPrincipalTypeCondition, .warning,
                   "IAM principals send no \(entry.key.value): this Deny also denies your own users and roles", at: entry.key.range,
                   fixIt: "add \"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}")
        }
        if !has("aws:sourceaccount", .null, "false") && !has("aws:sourcearn", .null, "false") {
            report(.rcpMissingSourceNullCheck, .warning,
                   "services send \(entry.key.value) only when they act for a resource: without a Null check this Deny also denies their other calls",
                   at: entry.key.range, fixIt: "add \"Null\": {\"aws:SourceAccount\": \"false\"}")
        }
    }
}
