import RoleGenCore

/// Escalation methods without iam:PassRole (see `EscalationMethod.all`): changing identity
/// policies or credentials, and taking over compute that already runs under a role. The
/// first action of each must reach every resource of its type (`*`, NotResource,
/// `arn:aws:iam::*:role/*`), through Action or NotAction, and the engine must allow them all.
struct PrivilegeEscalationRule: LintRule {
    static let methods = EscalationMethod.all.filter { !$0.needsPassRole }
    static let index = EscalationIndex(methods)

    /// The actions of those methods: no other rule reports them on `*` (see `ActionRisk`).
    static let escalationActions = methods.flatMap(\.actions)

    /// Those that change a role: on the role's own ARN they escalate too.
    static let roleActions: Set = ["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"]

    static let description = RuleDescription(
        id: "RG3004", name: "privilege_escalation", title: "role can escalate its privileges", severity: .error,
        rationale: "Each of these permissions on every resource of its type lets the holder gain permissions it was not given: by changing identity policies or credentials (iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:Attach*Policy, iam:Put*Policy, iam:AddUserToGroup, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile), or by taking over compute that already runs under a role (lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration, glue:UpdateDevEndpoint, cloudformation:UpdateStack or CreateChangeSet with ExecuteChangeSet, ssm:SendCommand, ssm:StartSession, ec2-instance-connect:SendSSHPublicKey, sagemaker:CreatePresignedNotebookInstanceUrl, codebuild:StartBuild with a buildspec override, codebuild:UpdateProject, codestar:AssociateTeamMember with CreateProject). The methods are Rhino Security Labs' and BishopFox iam-vulnerable's; the actions of one method may sit in different statements or policies. The policy evaluation engine is asked first: a Deny of any of the actions (in any policy, the permissions boundary or an SCP) silences the finding, as do conditions that pin the resource or the target (aws:ResourceTag/…, service keys such as iam:ResourceTag or lambda:FunctionArn); other conditions (aws:SourceIp, aws:MultiFactorAuthPresent) are named in notes. Methods that pass a role to new compute are RG3006's.",
        fix: "Remove the action, or scope Resource to the specific users, groups, roles, policies, functions, instances or projects the workload manages, and add a permissions boundary.",
        documentation: AWSDocs.escalation,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: [iam:GetRole, ↓iam:AttachRolePolicy]\n  resources: \"*\""),
            .permissions("- allow: ↓iam:Put*\n  resources: \"*\""),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*\n- allow: ↓iam:CreatePolicyVersion\n  resources: \"*\"\n- allow: ↓iam:CreateAccessKey\n  resources: \"*\""),
            .permissions("- allow: ↓iam:AttachRolePolicy\n  resources: arn:aws:iam::*:role/*"),
            .permissions("- Effect: Allow\n  NotAction: ↓[s3:*, ec2:*]\n  Resource: \"*\""),
            .permissions("- Effect: Allow\n  NotAction: ↓iam:*\n  Resource: \"*\""),
            .permissions("- allow: [lambda:GetFunction, ↓lambda:UpdateFunctionCode]\n  resources: \"*\""),
            .permissions("- allow: ↓ssm:SendCommand\n  resources: arn:aws:ec2:*:*:instance/*"),
            .permissions("- allow: ↓cloudformation:CreateChangeSet\n  resources: \"*\"\n- allow: cloudformation:ExecuteChangeSet\n  resources: arn:aws:cloudformation:*:*:stack/*/*"),
            .permissions("- allow: ↓iam:CreateAccessKey\n  resources: \"*\"\n  conditions:\n    IpAddress: {aws:SourceIp: 203.0.113.0/24}"),
        ],
        nonTriggering: [
            .permissions("- allow: iam:AttachRolePolicy\n  resources: arn:aws:iam::111122223333:role/app-*"),
            .permissions("- allow: iam:Get*\n  resources: \"*\""),
            .permissions("- deny: iam:Put*\n  resources: \"*\""),
            .permissions("- allow: iam:PutRolePolicy\n  resources: \"*\"\n- deny: iam:*\n  resources: arn:aws:iam::*:role/*"),
            .permissions("- allow: [ssm:SendCommand, ssm:StartSession]\n  resources: \"*\"\n  conditions:\n    StringEquals: {aws:ResourceTag/team: web}"),
            .permissions("- allow: lambda:UpdateFunctionCode\n  resources: arn:aws:lambda:eu-west-1:111122223333:function:app-*"),
            .permissions("- allow: cloudformation:CreateChangeSet\n  resources: \"*\""),
            .permissions("- allow: ssm:SendCommand\n  resources: [arn:aws:ssm:*:*:document/*, arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc]"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        // One finding per written action granting a method's first action, methods in table order.
        var groups: [(written: Located<String>, found: [FoundEscalation])] = []
        for escalation in role.escalations(Self.index) {
            let written = escalation.grants[0].written
            if let index = groups.firstIndex(where: { $0.written == written }) {
                groups[index].found.append(escalation)
            } else {
                groups.append((written, [escalation]))
            }
        }
        return groups.map { written, found in
            let first = found[0].grants[0]
            var actions: [String] = []
            for action in found.map({ $0.grants[0].action }) where !actions.contains(action) { actions.append(action) }
            let how = found.count == 1 ? ": it \(found[0].method.how)" : " (\(found.map(\.method.name).joined(separator: ", ")))"
            var notes: [Diagnostic.Note] = []
            for note in found.flatMap({ $0.notes(besides: written) + $0.onlyIf }) where !notes.contains(note) { notes.append(note) }
            return Finding("\(first.statement.source) allows \(actions.joined(separator: ", ")) on \(first.reach?.description() ?? "every resource"), a privilege escalation path\(how)",
                           at: written.range, notes: notes)
        }
    }
}
