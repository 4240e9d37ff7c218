/// A published way for a principal to raise its own privileges with IAM permissions: the
/// actions that must all be allowed together, what the first of them acts on, and how.
/// RG3004 reports the methods without iam:PassRole, RG3006 those with it.
public struct EscalationMethod: Sendable {
    /// The name its reference gives it (`PassExistingRoleToNewLambdaThenInvoke`).
    public let name: String
    /// Every action the method needs. The first is the one that reaches the privileged thing:
    /// it must reach every resource of its type (or the role itself, for `actsOnRoles`). The
    /// others create or start something new, and count on any resource the engine allows.
    public let actions: [String]
    /// The resource type the first action acts on (`role`, `function`, `instance`): the
    /// engine is asked about a resource of this type.
    public let resourceType: String
    /// One line: how the holder escalates.
    public let how: String
    public let reference: String
    /// For iam:PassRole: the principal of the service the role is passed to, so that an
    /// `iam:PassedToService` condition naming another service silences the method.
    public let passedToService: String?

    public var needsPassRole: Bool { passedToService != nil }

    init(_ name: String, _ actions: [String], on resourceType: String, passedTo service: String? = nil, how: String, reference: String) {
        self.name = name
        self.actions = actions
        self.resourceType = resourceType
        self.passedToService = service
        self.how = how
        self.reference = reference
    }
}

extension EscalationMethod {
    private static let rhino = "Rhino Security Labs, AWS IAM Privilege Escalation – Methods and Mitigation"
    private static let rhino2 = "Rhino Security Labs, AWS IAM Privilege Escalation – Methods and Mitigation, Part 2"
    private static let bishopFox = "BishopFox iam-vulnerable"
    private static let pacu = "Pacu iam__privesc_scan"

    /// Every method, IAM ones first. Left out: sts:AssumeRole alone (RG3008 reports it on
    /// every role; which roles trust the holder is decided by their trust policies), and
    /// codestar:CreateProjectFromTemplate, which the catalog no longer lists (CodeStar is closed).
    public static let all: [EscalationMethod] = [
        // Changing identity policies or credentials (RG3004).
        .init("CreateNewPolicyVersion", ["iam:CreatePolicyVersion"], on: "policy",
              how: "writes a new default version of a customer managed policy attached to itself", reference: "\(rhino) 1; \(bishopFox) privesc1"),
        .init("SetExistingDefaultPolicyVersion", ["iam:SetDefaultPolicyVersion"], on: "policy",
              how: "makes an older, broader version of an attached policy the default", reference: "\(rhino) 2; \(bishopFox) privesc2"),
        .init("CreateAccessKey", ["iam:CreateAccessKey"], on: "user",
              how: "creates an access key for a more privileged user", reference: "\(rhino) 4; \(bishopFox) privesc4"),
        .init("CreateLoginProfile", ["iam:CreateLoginProfile"], on: "user",
              how: "sets a console password for a more privileged user without one", reference: "\(rhino) 5; \(bishopFox) privesc5"),
        .init("UpdateLoginProfile", ["iam:UpdateLoginProfile"], on: "user",
              how: "changes a more privileged user's console password", reference: "\(rhino) 6; \(bishopFox) privesc6"),
        .init("AttachUserPolicy", ["iam:AttachUserPolicy"], on: "user",
              how: "attaches AdministratorAccess to a user it controls", reference: "\(rhino) 7; \(bishopFox) privesc7"),
        .init("AttachGroupPolicy", ["iam:AttachGroupPolicy"], on: "group",
              how: "attaches AdministratorAccess to a group of a user it controls", reference: "\(rhino) 8; \(bishopFox) privesc8"),
        .init("AttachRolePolicy", ["iam:AttachRolePolicy"], on: "role",
              how: "attaches AdministratorAccess to itself or a role it can assume", reference: "\(rhino) 9; \(bishopFox) privesc9"),
        .init("PutUserPolicy", ["iam:PutUserPolicy"], on: "user",
              how: "writes an inline policy granting `*` into a user it controls", reference: "\(rhino) 10; \(bishopFox) privesc10"),
        .init("PutGroupPolicy", ["iam:PutGroupPolicy"], on: "group",
              how: "writes an inline policy granting `*` into a group of a user it controls", reference: "\(rhino) 11; \(bishopFox) privesc11"),
        .init("PutRolePolicy", ["iam:PutRolePolicy"], on: "role",
              how: "writes an inline policy granting `*` into itself or a role it can assume", reference: "\(rhino) 12; \(bishopFox) privesc12"),
        .init("AddUserToGroup", ["iam:AddUserToGroup"], on: "group",
              how: "adds a user it controls to a more privileged group", reference: "\(rhino) 13; \(bishopFox) privesc13"),
        .init("UpdateRolePolicyToAssumeIt", ["iam:UpdateAssumeRolePolicy"], on: "role",
              how: "rewrites a privileged role's trust policy to trust itself, then assumes it", reference: "\(rhino) 14; \(bishopFox) privesc14"),
        // Taking over compute that already runs under a role (RG3004).
        .init("EditExistingLambdaFunctionWithRole", ["lambda:UpdateFunctionCode"], on: "function",
              how: "replaces the code of a function that runs under a privileged role", reference: "\(rhino) 17; \(bishopFox) privesc17"),
        .init("UpdateLambdaFunctionLayers", ["lambda:UpdateFunctionConfiguration"], on: "function",
              how: "adds a layer whose code overrides a privileged function's libraries", reference: "\(rhino2); \(bishopFox) privesc17"),
        .init("UpdateExistingGlueDevEndpoint", ["glue:UpdateDevEndpoint"], on: "devendpoint",
              how: "adds its SSH key to a Glue development endpoint and uses the endpoint's role", reference: "\(rhino) 19; \(bishopFox) privesc19"),
        .init("CloudFormation-UpdateStack", ["cloudformation:UpdateStack"], on: "stack",
              how: "changes the template of a stack that runs under a privileged service role", reference: "\(bishopFox) privesc-cfUpdateStack"),
        .init("CloudFormation-ChangeSet", ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"], on: "stack",
              how: "changes such a stack's template through a change set", reference: "\(bishopFox) privesc-cfUpdateStack (the change-set form of UpdateStack)"),
        .init("SSM-SendCommand", ["ssm:SendCommand"], on: "instance",
              how: "runs commands on an instance and reads its instance profile's credentials", reference: "\(bishopFox) privesc-ssm-command"),
        .init("SSM-StartSession", ["ssm:StartSession"], on: "instance",
              how: "opens a shell on an instance and reads its instance profile's credentials", reference: "\(bishopFox) privesc-ssm-session"),
        .init("EC2InstanceConnect-SendSSHPublicKey", ["ec2-instance-connect:SendSSHPublicKey"], on: "instance",
              how: "pushes its SSH key to an instance and reads its instance profile's credentials", reference: "\(bishopFox) privesc-instanceConnect"),
        .init("EC2InstanceConnect-SendSerialConsoleSSHPublicKey", ["ec2-instance-connect:SendSerialConsoleSSHPublicKey"], on: "instance",
              how: "pushes its SSH key to an instance's serial console", reference: "\(bishopFox) privesc-instanceConnect"),
        .init("SageMakerCreatePresignedNotebookURL", ["sagemaker:CreatePresignedNotebookInstanceUrl"], on: "notebook-instance",
              how: "opens Jupyter on a notebook instance and uses its execution role", reference: "\(rhino2), method 3; \(bishopFox) privesc-sageUpdateURL"),
        .init("CodeBuild-StartBuildWithBuildspecOverride", ["codebuild:StartBuild"], on: "project",
              how: "starts a build of a project with a buildspec override; it runs under the project's service role", reference: "CodeBuild StartBuild buildspecOverride"),
        .init("CodeBuild-StartBuildBatchWithBuildspecOverride", ["codebuild:StartBuildBatch"], on: "project",
              how: "starts a batch build with a buildspec override", reference: "CodeBuild StartBuildBatch buildspecOverride"),
        .init("CodeBuild-UpdateProject", ["codebuild:UpdateProject"], on: "project",
              how: "changes a project's buildspec; the next build runs it under the project's service role", reference: "CodeBuild UpdateProject"),
        .init("CodeStarCreateProjectThenAssociateTeamMember", ["codestar:AssociateTeamMember", "codestar:CreateProject"], on: "project",
              how: "creates a CodeStar project and makes itself its owner, gaining the project's IAM policies", reference: "\(rhino2); \(pacu)"),
        // Passing a role to new compute (RG3006).
        .init("CreateEC2WithExistingIP", ["iam:PassRole", "ec2:RunInstances"], on: "role", passedTo: "ec2.amazonaws.com",
              how: "starts an instance with a privileged instance profile", reference: "\(rhino) 3; \(bishopFox) privesc3"),
        .init("EC2-AssociateIamInstanceProfile", ["iam:PassRole", "ec2:AssociateIamInstanceProfile"], on: "role", passedTo: "ec2.amazonaws.com",
              how: "gives an instance it controls a privileged instance profile", reference: "\(pacu); \(bishopFox) privesc3"),
        .init("PassExistingRoleToNewLambdaThenInvoke", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], on: "role", passedTo: "lambda.amazonaws.com",
              how: "creates a function under a privileged role and invokes it", reference: "\(rhino) 15; \(bishopFox) privesc15"),
        .init("PassExistingRoleToNewLambdaThenTrigger", ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"], on: "role", passedTo: "lambda.amazonaws.com",
              how: "creates a function under a privileged role and triggers it from a stream", reference: "\(rhino) 16; \(bishopFox) privesc16"),
        .init("PassExistingRoleToNewLambdaThenInvokeCrossAccount", ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"], on: "role", passedTo: "lambda.amazonaws.com",
              how: "creates a function under a privileged role and lets another account invoke it", reference: pacu),
        .init("PassRoleToExistingLambda", ["iam:PassRole", "lambda:UpdateFunctionConfiguration"], on: "role", passedTo: "lambda.amazonaws.com",
              how: "gives an existing function a privileged execution role", reference: pacu),
        .init("PassExistingRoleToNewGlueDevEndpoint", ["iam:PassRole", "glue:CreateDevEndpoint"], on: "role", passedTo: "glue.amazonaws.com",
              how: "creates a Glue development endpoint under a privileged role and logs in to it", reference: "\(rhino) 18; \(bishopFox) privesc18"),
        .init("PassExistingRoleToNewGlueJob", ["iam:PassRole", "glue:CreateJob"], on: "role", passedTo: "glue.amazonaws.com",
              how: "creates a Glue job that runs its script under a privileged role", reference: pacu),
        .init("PassExistingRoleToCloudFormation", ["iam:PassRole", "cloudformation:CreateStack"], on: "role", passedTo: "cloudformation.amazonaws.com",
              how: "creates a stack whose template runs under a privileged service role", reference: "\(rhino) 20; \(bishopFox) privesc20"),
        .init("PassExistingRoleToNewDataPipeline", ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], on: "role",
              passedTo: "datapipeline.amazonaws.com",
              how: "creates a pipeline that runs commands under a privileged role", reference: "\(rhino) 21; \(bishopFox) privesc21"),
        .init("SageMaker-CreateNotebookPassRole", ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], on: "role",
              passedTo: "sagemaker.amazonaws.com",
              how: "creates a notebook instance under a privileged role and opens it", reference: "\(rhino2), method 2; \(bishopFox) privesc-sageNotebook"),
        .init("SageMaker-CreateTrainingJobPassRole", ["iam:PassRole", "sagemaker:CreateTrainingJob"], on: "role", passedTo: "sagemaker.amazonaws.com",
              how: "runs a training container under a privileged role", reference: "\(bishopFox) privesc-sageTraining"),
        .init("SageMaker-CreateProcessingJobPassRole", ["iam:PassRole", "sagemaker:CreateProcessingJob"], on: "role", passedTo: "sagemaker.amazonaws.com",
              how: "runs a processing container under a privileged role", reference: "\(bishopFox) privesc-sageProcessing"),
        .init("CodeBuild-CreateProjectPassRole", ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], on: "role", passedTo: "codebuild.amazonaws.com",
              how: "creates a build project under a privileged service role and starts it", reference: "\(bishopFox) privesc-codeBuildProject"),
        .init("ECS-RunTaskPassRole", ["iam:PassRole", "ecs:RunTask"], on: "role", passedTo: "ecs-tasks.amazonaws.com",
              how: "runs a task with a privileged task role and its command overridden (or a task definition it registers)",
              reference: "ECS RunTask overrides.taskRoleArn (PassRole to ecs-tasks.amazonaws.com)"),
        .init("PassExistingRoleToNewCodeStarProject", ["iam:PassRole", "codestar:CreateProject"], on: "role", passedTo: "codestar.amazonaws.com",
              how: "creates a CodeStar project under a privileged service role", reference: "\(rhino2), method 1; \(pacu)"),
    ]
}
