import RoleGenCore

/// iam:PassRole on any role together with an action that starts code under a passed role.
struct PassRoleComputeEscalationRule: LintRule {
    /// Actions that run code or templates with a role passed to them (the published PassRole paths).
    static let computeActions = [
        "lambda:CreateFunction", "lambda:UpdateFunctionConfiguration", "ec2:RunInstances",
        "glue:CreateDevEndpoint", "glue:CreateJob", "cloudformation:CreateStack", "cloudformation:UpdateStack",
        "datapipeline:CreatePipeline", "ecs:RunTask", "sagemaker:CreateNotebookInstance", "codebuild:CreateProject",
    ]

    static let description = RuleDescription(
        id: "RG3006", name: "pass_role_escalation", title: "role can pass any role to code it starts", severity: .error,
        rationale: "With iam:PassRole on any role and an action that starts code under a passed role (a Lambda function, an EC2 instance, a Glue job, a CloudFormation stack, …), the holder runs code as the most privileged role in the account. The two grants may sit in different statements or policies of the role; together they are an escalation path.",
        fix: "Scope iam:PassRole to the role ARNs the workload must pass, with an iam:PassedToService condition.",
        documentation: AWSDocs.passRole,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [↓iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]\n  resources: \"*\""),
            .permissions("- allow: ec2:RunInstances\n  resources: \"*\"\n- allow: ↓iam:Pass*\n  resources: \"*\"\n  conditions:\n    StringEquals: {iam:PassedToService: ec2.amazonaws.com}"),
            .permissions("- allow: [↓iam:PassRole, lambda:CreateFunction]\n  resources: arn:aws:iam::111122223333:role/*"),
            .permissions("- Effect: Allow\n  NotAction: ↓s3:*\n  Resource: \"*\""),
        ],
        nonTriggering: [
            .permissions("- allow: [iam:PassRole]\n  resources: arn:aws:iam::111122223333:role/lambda-exec\n- allow: lambda:CreateFunction\n  resources: \"*\""),
            .permissions("- allow: iam:PassRole\n  resources: \"*\""),
            .permissions("- allow: lambda:CreateFunction\n  resources: \"*\"\n- deny: iam:PassRole\n  resources: \"*\""),
        ])

    func check(_ role: LintRole) -> [Finding] {
        // The PassRole grants first: few roles have one, and the compute actions cost more to look for.
        let passing = role.allows.compactMap { statement -> (statement: LintStatement, passRole: Located<String>, reach: ResourceReach)? in
            guard statement.wildcardAction == nil, statement.mayGrant(service: "iam"), statement.mayReach(arnService: "iam"), let passRole = statement.granting("iam:PassRole"),
                  let reach = statement.reachingEvery("iam:PassRole") else { return nil }
            return (statement, passRole, reach)
        }
        guard !passing.isEmpty else { return [] }
        var compute: (written: Located<String>, action: String)?
        search: for statement in role.allows {
            for action in Self.computeActions {
                if let written = statement.granting(action) {
                    compute = (written, action)
                    break search
                }
            }
        }
        guard let (computeWritten, computeAction) = compute else { return [] }
        return passing.map { statement, passRole, reach in
            // A customer policy may be attached to several roles: name the one that can start code.
            Finding("\(statement.source) allows iam:PassRole on \(reach.description(every: "role")) and " + (role.isRole
                        ? "role '\(role.role.name)' can start code with \(computeAction)"
                        : "\(computeAction), which starts code under a passed role"),
                    at: passRole.range, notes: [.init("\(computeAction) is granted here", at: computeWritten.range)])
        }
    }
}
