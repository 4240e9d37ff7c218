import RoleGenCore

/// Actions that return credentials, on `*`.
struct CredentialsExposureRule: LintRule {
    static let description = RuleDescription(
        id: "RG3008", name: "credentials_exposure", title: "action that returns credentials on every resource", severity: .warning,
        rationale: "These actions return credentials, passwords or keys: temporary credentials of any role that trusts the account (sts:AssumeRole), database credentials (redshift:GetClusterCredentials, rds-db:connect), Windows passwords (ec2:GetPasswordData), service-specific credentials and access keys of IAM users. On `*`, NotResource or an ARN pattern covering every resource of the type (`arn:aws:iam::*:role/*`) they hand the holder the credentials of every such resource. The list is Cloudsplaining's, less the STS calls a role's policy does not govern; iam:CreateAccessKey and the login-profile actions are reported as privilege escalation (RG3004). Actions that take only `*` (ecr:GetAuthorizationToken) are left out: there is nothing narrower to write.",
        fix: "Scope Resource to the roles, clusters, databases or users whose credentials the workload needs.",
        documentation: AWSDocs.credentialsExposure,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [s3:GetObject, ↓sts:AssumeRole]\n  resources: \"*\""),
            .permissions("- allow: [↓redshift:GetCluster*, ↓ec2:GetPasswordData]\n  resources: \"*\""),
            .permissions("- allow: ↓sts:AssumeRole\n  resources: arn:aws:iam::*:role/*"),
        ],
        nonTriggering: [
            .permissions("- allow: sts:AssumeRole\n  resources: arn:aws:iam::111122223333:role/deploy"),
            .permissions("- allow: [ecr:GetAuthorizationToken, sts:GetCallerIdentity]\n  resources: \"*\""),
            .permissions("- allow: sts:*\n  resources: \"*\""),
            .permissions("- deny: redshift:GetClusterCredentials\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.allows.flatMap { statement in
            statement.unscopedGrants(Self.description.id) { $0.risk == .credentialsExposure }.map { written, grants, reach in
                Finding("\(statement.source) allows \(ActionList(grants)) on \(reach.description()); \(grants.count == 1 ? "it returns" : "they return") credentials for any \(ActionList.resourceTypes(grants))",
                        at: written.range)
            }
        }
    }
}
