import RoleGenCore

/// AWS managed policies that make a role an administrator.
struct AdminManagedPolicyRule: LintRule {
    static let broadPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"]

    static let description = RuleDescription(
        id: "RG3201", name: "admin_managed_policy", title: "AWS managed administrator policy attached", severity: .warning,
        rationale: "AdministratorAccess grants everything, PowerUserAccess everything but IAM, IAMFullAccess the power to grant anything; a workload role never needs them.",
        fix: "Attach a narrower AWS managed job-function policy, or write the statements the workload needs.",
        documentation: AWSDocs.managedJobFunctions,
        accessAnalyzer: [],
        triggering: [
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*", role: "managed_policies: [↓AdministratorAccess]"),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*", role: "managed_policies:\n  - ReadOnlyAccess\n  - ↓arn:aws:iam::aws:policy/IAMFullAccess"),
        ],
        nonTriggering: [
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*", role: "managed_policies: [ReadOnlyAccess]"),
            .permissions("- allow: s3:GetObject\n  resources: arn:aws:s3:::bucket/*", role: "managed_policies: [AmazonSSMManagedInstanceCore]"),
        ])

    func check(_ role: LintRole) -> [Finding] {
        role.role.managedPolicies.compactMap { reference in
            let name: String
            switch reference.kind {
            case .awsManaged(let path, let policyName) where path == "/": name = policyName
            case .arn where reference.arn.shown.hasPrefix("arn:aws:iam::aws:policy/"):
                name = String(reference.arn.shown.dropFirst("arn:aws:iam::aws:policy/".count))
            default: return nil
            }
            guard Self.broadPolicies.contains(name) else { return nil }
            return Finding("AWS managed policy \(name) is attached", at: reference.range)
        }
    }
}
