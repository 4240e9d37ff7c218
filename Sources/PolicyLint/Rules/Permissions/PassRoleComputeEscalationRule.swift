import RoleGenCore

/// iam:PassRole on every role together with the actions that start code under a passed role:
/// the escalation methods of `EscalationMethod.all` that need iam:PassRole.
struct PassRoleComputeEscalationRule: LintRule {
    static let methods = EscalationMethod.all.filter(\.needsPassRole)
    static let index = EscalationIndex(methods)

    static let description = RuleDescription(
        id: "RG3006", name: "pass_role_escalation", title: "role can pass any role to code it starts", severity: .error,
        rationale: "With iam:PassRole on every role and the actions that start code under a passed role — ec2:RunInstances or ec2:AssociateIamInstanceProfile; lambda:CreateFunction with lambda:InvokeFunction, lambda:CreateEventSourceMapping or lambda:AddPermission; lambda:UpdateFunctionConfiguration; glue:CreateDevEndpoint or glue:CreateJob; cloudformation:CreateStack; datapipeline:CreatePipeline with PutPipelineDefinition; sagemaker:CreateNotebookInstance with CreatePresignedNotebookInstanceUrl, CreateTrainingJob or CreateProcessingJob; codebuild:CreateProject with StartBuild; ecs:RunTask (with a task role override); codestar:CreateProject — the holder runs code as the most privileged role in the account. The methods are Rhino Security Labs', BishopFox iam-vulnerable's and Pacu's; the grants may sit in different statements or policies of the role. The policy evaluation engine is asked first, iam:PassRole with iam:PassedToService set to the compute service: a Deny of any of the actions, or a PassedToService condition naming another service, silences the finding, as do conditions that pin the resource (aws:ResourceTag/…, iam:ResourceTag/…); other conditions (aws:SourceIp, aws:MultiFactorAuthPresent) are named in notes. The finding is reported once per role, at the first iam:PassRole grant, with a note at each other grant.",
        fix: "Scope iam:PassRole to the role ARNs the workload must pass, with an iam:PassedToService condition.",
        documentation: AWSDocs.passRole,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [↓iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]\n  resources: \"*\""),
            .permissions("- allow: ec2:RunInstances\n  resources: \"*\"\n- allow: ↓iam:Pass*\n  resources: \"*\"\n  conditions:\n    StringEquals: {iam:PassedToService: ec2.amazonaws.com}"),
            .permissions("- allow: ↓iam:PassRole\n  resources: arn:aws:iam::111122223333:role/*\n- allow: [lambda:CreateFunction, lambda:InvokeFunction]\n  resources: arn:aws:lambda:*:*:function:app-*"),
            .permissions("- Effect: Allow\n  NotAction: ↓s3:*\n  Resource: \"*\""),
            .permissions("- allow: ↓iam:PassRole\n  resources: \"*\"", role: "managed_policies: [AWSLambda_FullAccess]"),
            .permissions("- allow: [↓iam:PassRole, glue:CreateDevEndpoint]\n  resources: \"*\"\n  conditions:\n    Bool: {aws:MultiFactorAuthPresent: \"true\"}"),
        ],
        nonTriggering: [
            .permissions("- allow: [iam:PassRole]\n  resources: arn:aws:iam::111122223333:role/lambda-exec\n- allow: lambda:CreateFunction\n  resources: \"*\""),
            .permissions("- allow: iam:PassRole\n  resources: \"*\""),
            .permissions("- allow: lambda:CreateFunction\n  resources: \"*\"\n- deny: iam:PassRole\n  resources: \"*\""),
            .permissions("- allow: [iam:PassRole, ec2:RunInstances]\n  resources: \"*\"\n- deny: ec2:RunInstances\n  resources: \"*\""),
            .permissions("- allow: ec2:RunInstances\n  resources: \"*\"\n- allow: iam:PassRole\n  resources: \"*\"\n  conditions:\n    StringEquals: {iam:PassedToService: lambda.amazonaws.com}"),
            .permissions("- allow: [iam:PassRole, ec2:RunInstances]\n  resources: \"*\"\n  conditions:\n    StringEquals: {iam:ResourceTag/passable: \"true\"}"),
            .permissions("- allow: [iam:PassRole, lambda:CreateFunction]\n  resources: \"*\""),
            .permissions("- allow: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]\n  resources: arn:aws:iam::*:role/*"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        let found = role.escalations(Self.index)
        // Every method's first action is iam:PassRole, found at the same (first) grant.
        guard let passRole = found.first?.grants[0] else { return [] }
        var starts: [String] = []
        for action in found.flatMap({ $0.grants.dropFirst().map(\.action) }) where !starts.contains(action) { starts.append(action) }
        let names = found.prefix(3).map(\.method.name).joined(separator: ", ") + (found.count > 3 ? " and \(found.count - 3) more" : "")
        var notes: [Diagnostic.Note] = []
        for note in found.flatMap({ $0.notes(besides: passRole.written) + $0.onlyIf }) where !notes.contains(note) { notes.append(note) }
        let compute = starts.count > 4 ? starts.prefix(4).joined(separator: ", ") + " and \(starts.count - 4) more" : starts.joined(separator: ", ")
        // A customer policy may be attached to several roles: name the one that can start code.
        return [Finding("\(passRole.statement.source) allows iam:PassRole on \(passRole.reach?.description(every: "role") ?? "every role") and "
                            + (role.isRole ? "role '\(role.role.name)' can start code under a passed role with \(compute)"
                                           : "\(compute), which start code under a passed role")
                            + " (\(names))",
                        at: passRole.written.range, notes: notes)]
    }
}
