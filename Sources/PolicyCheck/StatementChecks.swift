import AWSCatalog
import RoleGenCore

/// Checks that judge a statement's elements together: condition keys that need each other,
/// conditions that a Deny turns around, and what a statement's actions and resources grant.
extension PolicyChecker {
    /// Keys that say little on their own, and the keys (any one) that must accompany them.
    static let pairedConditionKeys: [(key: String, partners: [String])] = [
        ("aws:VpcSourceIp", ["aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn"]),
        ("aws:Ec2InstanceSourcePrivateIPv4", ["aws:Ec2InstanceSourceVpc"]),
    ]

    mutating func checkConditionCombinations(_ statement: Statement) {
        let conditions = statement.conditions
        func has(_ key: String) -> Bool { conditions.contains { $0.key.value.lowercased() == key.lowercased() } }
        for (key, partners) in Self.pairedConditionKeys {
            guard let entry = conditions.first(where: { $0.key.value.lowercased() == key.lowercased() }), !partners.contains(where: has) else { continue }
            report(.missingPairedConditionKey, .warning,
                   "\(entry.key.value) matches the same private addresses in every VPC; pair it with \(partners.joined(separator: " or "))",
                   at: entry.key.range)
        }
        let deny = statement.effect.value == .deny
        for entry in conditions where entry.key.value.lowercased() == "s3:prefix" {
            guard case .success(let op) = ConditionOperator.parse(entry.operator.value), op.family != .null,
                  deny != op.isNegated else { continue }
            let how = deny ? "a Deny on" : "an Allow with \(op.base) on"
            report(.s3PrefixInNegativeContext, .warning, "\(how) s3:prefix is bypassed by listing with a shorter prefix",
                   at: entry.key.range, fixIt: "allow the prefixes that may be listed (StringLike in an Allow) instead")
        }
        if !deny, let attributes = conditions.first(where: { $0.key.value.lowercased() == "dynamodb:attributes" }),
           !conditions.contains(where: { $0.key.value.lowercased() == "dynamodb:select" && $0.values.contains { $0.value == "SPECIFIC_ATTRIBUTES" } }) {
            report(.dynamoDBAttributesWithoutSelect, .warning,
                   "dynamodb:Attributes limits the attributes a request names, but requests that name none still read whole items",
                   at: attributes.key.range, fixIt: "add StringEquals dynamodb:Select SPECIFIC_ATTRIBUTES")
        }
    }

    static let createServiceLinkedRole = Array("iam:createservicelinkedrole".utf8)

    /// iam:CreateServiceLinkedRole on every role: Access Analyzer's CREATE_SLR_* warnings.
    mutating func checkServiceLinkedRoleGrant(_ statement: Statement) {
        guard statement.effect.value == .allow, let actions = statement.action, let resources = statement.resource,
              !statement.conditions.contains(where: { $0.key.value.lowercased() == "iam:awsservicename" }) else { return }
        let everyResource = resources.negated ? "NotResource" : resources.values.contains { $0.value == "*" } ? "Resource \"*\"" : nil
        guard let everyResource else { return }
        func grants(_ pattern: String) -> Bool {
            Glob.matches(Array(pattern.lowercased().utf8), Self.createServiceLinkedRole)
        }
        if actions.negated {
            guard !actions.values.contains(where: { grants($0.value) }) else { return }
            report(.createServiceLinkedRoleAnywhere, .warning,
                   "NotAction with \(everyResource) allows iam:CreateServiceLinkedRole for any service", at: actions.range,
                   fixIt: "add iam:CreateServiceLinkedRole to NotAction, or allow it separately with an iam:AWSServiceName condition")
        } else if let written = actions.values.first(where: { grants($0.value) }) {
            let how = written.value.lowercased() == "iam:createservicelinkedrole" ? "" : " (through \(written.value))"
            report(.createServiceLinkedRoleAnywhere, .warning,
                   "iam:CreateServiceLinkedRole\(how) with \(everyResource) allows creating the service-linked role of any service",
                   at: written.range, fixIt: "add an iam:AWSServiceName condition naming the services, or name the role ARNs")
        }
    }
}
