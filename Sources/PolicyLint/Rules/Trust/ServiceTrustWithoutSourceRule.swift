import RoleGenCore

/// A service trusted without tying its requests to your resources: the cross-service confused deputy.
struct ServiceTrustWithoutSourceRule: LintRule {
    /// Services whose documentation shows aws:SourceArn / aws:SourceAccount in the trust policy
    /// of the roles they assume. Services that do not send the keys when assuming a role (EC2
    /// instance profiles, Lambda execution roles) are left out: the condition would lock them out.
    static let documented: [String: String] = [
        "autoscaling.amazonaws.com": "https://docs.aws.amazon.com/autoscaling/ec2/userguide/cross-service-confused-deputy-prevention.html",
        "bedrock.amazonaws.com": "https://docs.aws.amazon.com/bedrock/latest/userguide/cross-service-confused-deputy-prevention.html",
        "greengrass.amazonaws.com": "https://docs.aws.amazon.com/greengrass/v2/developerguide/cross-service-confused-deputy-prevention.html",
        "iot.amazonaws.com": "https://docs.aws.amazon.com/iot/latest/developerguide/cross-service-confused-deputy-prevention.html",
        "personalize.amazonaws.com": "https://docs.aws.amazon.com/personalize/latest/dg/cross-service-confused-deputy-prevention.html",
        "sagemaker.amazonaws.com": "https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html",
        "scheduler.amazonaws.com": "https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html",
        "states.amazonaws.com": "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html",
    ]
    static let sourceKeys: Set<String> = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]

    static let description = RuleDescription(
        id: "RG3108", name: "service_trust_without_source", title: "service trusted without aws:SourceArn or aws:SourceAccount", severity: .warning,
        rationale: "A service that assumes roles for many customers can be asked by another customer to use your role (the cross-service confused deputy). The services rolegen checks (Auto Scaling, Bedrock, Greengrass, IoT, Personalize, SageMaker, EventBridge Scheduler, Step Functions) document that they send aws:SourceArn and aws:SourceAccount when they assume a role, and recommend conditions on them in its trust policy. EC2 and Lambda do not send them for instance profiles and execution roles, so they are not checked.",
        fix: "Add `conditions:` to the service trust entry, e.g. `StringEquals: {aws:SourceAccount: \"111122223333\"}` or `ArnLike: {aws:SourceArn: arn:aws:states:*:111122223333:stateMachine:*}`.",
        documentation: AWSDocs.confusedDeputy,
        accessAnalyzer: ["RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"],
        triggering: [
            .trust("- service: ↓states.amazonaws.com"),
            .trust("- service: [lambda.amazonaws.com, ↓states.amazonaws.com]"),
            .trust("- policy:\n    Effect: Allow\n    Principal: {Service: [ec2.amazonaws.com, ↓scheduler.amazonaws.com]}\n    Action: sts:AssumeRole"),
        ],
        nonTriggering: [
            .trust("- service: states.amazonaws.com\n  conditions:\n    StringEquals: {aws:SourceAccount: \"111122223333\"}"),
            .trust("- service: scheduler.amazonaws.com\n  conditions:\n    ArnLike: {aws:SourceArn: \"arn:aws:scheduler:*:111122223333:schedule-group/*\"}"),
            .trust("- service: [ec2.amazonaws.com, lambda.amazonaws.com]"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.trust.flatMap { statement -> [Finding] in
            guard !statement.hasCondition(anyOf: Self.sourceKeys) else { return [] }
            return statement.allowedPrincipals("Service").compactMap { service in
                guard let page = Self.documented[service.value.lowercased()] else { return nil }
                return Finding("\(service.value) may be made to assume the role for another customer's resources: no aws:SourceArn or aws:SourceAccount condition",
                               at: service.range, notes: [.init("AWS recommends the condition for this service: \(page)")])
            }
        }
    }
}
