import RoleGenCore

/// Actions that read stored data, secrets or decrypt, on `*`.
struct DataExfiltrationRule: LintRule {
    static let description = RuleDescription(
        id: "RG3009", name: "data_exfiltration", title: "data-reading action on every resource", severity: .warning,
        rationale: "s3:GetObject, ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, secretsmanager:GetSecretValue and kms:Decrypt read the account's data, parameters and secrets; on `*`, NotResource or an ARN pattern covering every resource of the type (`arn:aws:secretsmanager:*:*:secret:*`) the holder can read every object, parameter and secret it can reach and decrypt with any key, not only the workload's own. The list is Cloudsplaining's data-exfiltration list, with kms:Decrypt.",
        fix: "Scope Resource to the buckets, parameter paths, secrets and keys the workload reads.",
        documentation: AWSDocs.resourceLevelPermissions,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [s3:ListBucket, ↓s3:GetObject*]\n  resources: \"*\""),
            .permissions("- allow: [↓secretsmanager:GetSecretValue, ↓ssm:GetParameter*, ↓kms:Decrypt]\n  resources: \"*\""),
            .permissions("- allow: ↓secretsmanager:GetSecretValue\n  resources: arn:aws:secretsmanager:*:*:secret:*"),
        ],
        nonTriggering: [
            .permissions("- allow: [s3:GetObject, kms:Decrypt]\n  resources: [arn:aws:s3:::bucket/*, arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab]"),
            .permissions("- allow: [ssm:DescribeParameters, secretsmanager:ListSecrets]\n  resources: \"*\""),
            .permissions("- allow: secretsmanager:*\n  resources: \"*\""),
            .permissions("- deny: s3:GetObject\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement in
            statement.unscopedGrants(Self.description.id) { $0.risk == .dataExfiltration }.map { written, grants, reach in
                Finding("\(statement.source) allows \(ActionList(grants)) on \(reach.description()); the role can read any resource of type \(ActionList.resourceTypes(grants))",
                        at: written.range)
            }
        }
    }
}
