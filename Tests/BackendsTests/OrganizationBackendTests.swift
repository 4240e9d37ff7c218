@testable import Backends
import Foundation
import RoleGen
import RoleGenCore
import XCTest

/// Service-linked roles, service control policies and permission sets in the Terraform and
/// CloudFormation backends: where each goes, the deploy-time values they take (the Identity
/// Center instance, the root id, the spec's inputs), and hostile strings. The organization
/// example's whole output is in the golden files.
final class OrganizationBackendTests: XCTestCase {
    /// Inputs in an assignment and a description, HCL and Fn::Sub template syntax in strings,
    /// and `<`, `>`, `&`, which Terraform's jsonencode would escape.
    static let spec = #"""
    version: 1
    variables:
      auditors:
        input: true
        description: Identity Store group of the auditors
      bucket:
        input: true
    accounts:
      management: "111122223333"
      workloads: "444455556666"
    policies:
      - name: deploy-read
        statements:
          - allow: s3:GetObject
            resources: arn:aws:s3:::${bucket}/*
    roles:
      - name: app
        account: workloads
        trust: [{service: ec2.amazonaws.com}]
        managed_policies: [deploy-read]
    service_linked_roles:
      - service: autoscaling.amazonaws.com
        suffix: batch
        description: Fleet "${aws:username}" %{x} $${y}
        account: workloads
      - service: rds.amazonaws.com
    service_control_policies:
      - name: deny-leave
        description: Keeps <members> & ${aws:username}
        targets: [root, ou-ab12-cdef3456, workloads]
        statements:
          - deny: organizations:LeaveOrganization
            resources: "*"
            conditions:
              StringNotLike:
                aws:PrincipalArn: "arn:aws:iam::*:role/<admin>&*"
      - name: no-targets
        statements:
          - deny: s3:DeleteBucket
            resources: "*"
    permission_sets:
      - name: Auditor
        session_duration: PT4H
        managed_policies: [SecurityAudit]
        customer_managed_policies: [deploy-read, /team/other-policy]
        permissions_boundary: deploy-read
        assignments:
          - group: ${auditors}
            accounts: [workloads]

    """#

    private func files(_ backend: any Backend, _ spec: String = spec) throws -> [String: String] {
        let model = try CloudFormationBackendTests.model(spec)
        let files = backend.render(model)
        XCTAssertEqual(Set(files.map(\.path)).count, files.count, "duplicate paths")
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }

    // MARK: - Terraform

    func testTerraformPutsLinkedRolesWithTheirAccountAndTheRestInTheOrganizationModule() throws {
        let files = try files(TerraformBackend())
        XCTAssertEqual(files.keys.filter { !$0.contains("/") }, ["README.md"])
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("organization/") }.sorted(), [
            "organization/README.md", "organization/organization.tf", "organization/outputs.tf",
            "organization/permission-set-Auditor.tf", "organization/scp-deny-leave.tf", "organization/scp-no-targets.tf",
            "organization/variables.tf", "organization/versions.tf",
        ])
        let workloads = try XCTUnwrap(files["444455556666/service-linked-roles.tf"])
        XCTAssertTrue(workloads.contains(#"""
            resource "aws_iam_service_linked_role" "autoscaling_batch" {
              aws_service_name = "autoscaling.amazonaws.com"
              custom_suffix    = "batch"
              description      = "Fleet \"$${aws:username}\" %%{x} $${y}"
            }
            """#), workloads)
        // A service-linked role that names no account goes with the roles that name none.
        XCTAssertTrue(files["any-account/service-linked-roles.tf"]?.contains(#"resource "aws_iam_service_linked_role" "rds""#) == true)
        XCTAssertTrue(files["444455556666/outputs.tf"]?.contains(#""autoscaling.amazonaws.com/batch" = aws_iam_service_linked_role.autoscaling_batch.arn"#) == true)
        XCTAssertFalse(files["444455556666/variables.tf"]!.contains("auditors"), "an input only the organization uses is not an account module's variable")
        XCTAssertTrue(files["444455556666/variables.tf"]!.contains(#"variable "bucket""#))
    }

    func testTerraformServiceControlPolicyContentAndAttachments() throws {
        let scp = try XCTUnwrap(try files(TerraformBackend())["organization/scp-deny-leave.tf"])
        // `<`, `>` and `&` would grow by five characters each in jsonencode: the compact JSON as written.
        XCTAssertTrue(scp.contains(#"  content = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\",\"Condition\":{\"StringNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/<admin>&*\"}}}]}""#), scp)
        XCTAssertTrue(scp.contains(#"description = "Keeps <members> & $${aws:username}""#), scp)
        XCTAssertTrue(scp.contains(#"""
              for_each = {
                root               = data.aws_organizations_organization.current.roots[0].id
                "ou-ab12-cdef3456" = "ou-ab12-cdef3456"
                "444455556666"     = "444455556666"
              }
            """#), scp)
        let other = try XCTUnwrap(try files(TerraformBackend())["organization/scp-no-targets.tf"])
        XCTAssertTrue(other.contains("  content = jsonencode({"), other)
        XCTAssertFalse(other.contains("aws_organizations_policy_attachment"), "no targets, no attachment")
    }

    func testTerraformPermissionSetTakesTheInstanceAndInputsAsVariables() throws {
        let files = try files(TerraformBackend())
        let variables = try XCTUnwrap(files["organization/variables.tf"])
        XCTAssertTrue(variables.contains(#"variable "sso_instance_arn" {"#))
        XCTAssertTrue(variables.contains(#"variable "auditors" {"#))
        XCTAssertFalse(variables.contains(#"variable "bucket""#), "the organization module declares only the inputs it uses")
        let set = try XCTUnwrap(files["organization/permission-set-Auditor.tf"])
        XCTAssertTrue(set.contains(#"""
                "GROUP/$${auditors}/444455556666" = {
                  principal_type = "GROUP"
                  principal_id   = var.auditors
                  account        = "444455556666"
                }
            """#), set)
        XCTAssertTrue(set.contains(#"""
              permissions_boundary {
                customer_managed_policy_reference {
                  name = "deploy-read"
                  path = "/"
                }
              }
            """#), set)
        XCTAssertTrue(set.contains(#""/team/other-policy" = {"#), set)
        XCTAssertTrue(set.contains(#""SecurityAudit" = "arn:aws:iam::aws:policy/SecurityAudit""#), set)
        XCTAssertTrue(set.contains("    aws_ssoadmin_permissions_boundary_attachment.Auditor,\n  ]"), "assignments wait for the policies")
        XCTAssertTrue(files["444455556666/README.md"]!.contains("| Used by permission sets | `Auditor` (in the organization module)"))
    }

    func testTerraformInstanceVariableNameIsReservedForTheModule() throws {
        let spec = Self.spec.replacingOccurrences(of: "  auditors:\n", with: "  sso_instance_arn:\n")
            .replacingOccurrences(of: "${auditors}", with: "${sso_instance_arn}")
        let variables = try XCTUnwrap(try files(TerraformBackend(), spec)["organization/variables.tf"])
        XCTAssertTrue(variables.contains(#"variable "sso_instance_arn" {"#))
        XCTAssertTrue(variables.contains(#"variable "sso_instance_arn_input" {"#), variables)
    }

    // MARK: - CloudFormation

    private func json(_ files: [String: String], _ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(files[name], "\(name) missing").utf8)) as? [String: Any] ?? [:]
    }

    func testCloudFormationOrganizationTemplateIsSeparateWithItsOwnParameters() throws {
        let files = try files(CloudFormationBackend())
        XCTAssertEqual(files.keys.sorted(), ["organization.json", "organization.yaml", "template.json", "template.yaml"])
        let organization = try json(files, "organization.json")
        let roles = try json(files, "template.json")
        XCTAssertEqual((organization["Parameters"] as? [String: Any])?.keys.sorted(), ["Auditors", "OrganizationRootId", "SsoInstanceArn"])
        XCTAssertEqual((roles["Parameters"] as? [String: Any])?.keys.sorted(), ["Bucket"])

        let resources = organization["Resources"] as? [String: [String: Any]] ?? [:]
        let scp = resources["DenyLeaveServiceControlPolicy"]?["Properties"] as? [String: Any] ?? [:]
        XCTAssertEqual(scp["Type"] as? String, "SERVICE_CONTROL_POLICY")
        XCTAssertEqual(scp["Description"] as? String, "Keeps <members> & ${aws:username}", "no input: a plain string, no Fn::Sub")
        XCTAssertEqual((scp["TargetIds"] as? [Any])?.count, 3)
        XCTAssertEqual((scp["TargetIds"] as? [Any])?.first as? [String: String], ["Ref": "OrganizationRootId"])
        XCTAssertEqual(((scp["Content"] as? [String: Any])?["Statement"] as? [[String: Any]])?.first?["Action"] as? String,
                       "organizations:LeaveOrganization", "Content is the document as an object")
        XCTAssertNil((resources["NoTargetsServiceControlPolicy"]?["Properties"] as? [String: Any])?["TargetIds"])

        let set = resources["AuditorPermissionSet"]?["Properties"] as? [String: Any] ?? [:]
        XCTAssertEqual(set["InstanceArn"] as? [String: String], ["Ref": "SsoInstanceArn"])
        XCTAssertEqual(set["SessionDuration"] as? String, "PT4H")
        XCTAssertEqual(set["ManagedPolicies"] as? [String], ["arn:aws:iam::aws:policy/SecurityAudit"])
        XCTAssertEqual(set["CustomerManagedPolicyReferences"] as? [[String: String]],
                       [["Name": "deploy-read", "Path": "/"], ["Name": "other-policy", "Path": "/team/"]])
        XCTAssertEqual(set["PermissionsBoundary"] as? [String: [String: String]],
                       ["CustomerManagedPolicyReference": ["Name": "deploy-read", "Path": "/"]])
        let assignments = resources.filter { $0.value["Type"] as? String == "AWS::SSO::Assignment" }
        XCTAssertEqual(assignments.count, 1)
        let assignment = assignments.first?.value["Properties"] as? [String: Any] ?? [:]
        XCTAssertEqual(assignment["PrincipalId"] as? [String: String], ["Ref": "Auditors"])
        XCTAssertEqual(assignment["TargetId"] as? String, "444455556666")
        XCTAssertEqual(assignment["PermissionSetArn"] as? [String: [String]], ["Fn::GetAtt": ["AuditorPermissionSet", "PermissionSetArn"]])
        XCTAssertFalse(resources.values.contains { $0["Condition"] != nil }, "the organization template has no account conditions")
    }

    func testCloudFormationLinkedRolesGoWithTheRolesUnderTheirAccountCondition() throws {
        let roles = try json(try files(CloudFormationBackend()), "template.json")
        let resources = roles["Resources"] as? [String: [String: Any]] ?? [:]
        let batch = try XCTUnwrap(resources["AutoscalingBatchServiceLinkedRole"])
        XCTAssertEqual(batch["Type"] as? String, "AWS::IAM::ServiceLinkedRole")
        XCTAssertEqual(batch["Condition"] as? String, "InAccount444455556666")
        let properties = batch["Properties"] as? [String: Any] ?? [:]
        XCTAssertEqual(properties.keys.sorted(), ["AWSServiceName", "CustomSuffix", "Description"])
        XCTAssertEqual(properties["AWSServiceName"] as? String, "autoscaling.amazonaws.com")
        XCTAssertEqual(properties["CustomSuffix"] as? String, "batch")
        // `${y}` would read as a reference to cfn-lint outside Fn::Sub: joined on `${`.
        XCTAssertEqual(properties["Description"] as? NSDictionary, ["Fn::Join": ["${", [#"Fleet ""#, #"aws:username}" %{x} "#, "y}"]]])
        XCTAssertNil(resources["RdsServiceLinkedRole"]?["Condition"], "no account, no condition")
        XCTAssertFalse(resources.values.contains { ($0["Type"] as? String)?.hasPrefix("AWS::SSO::") == true })
    }

    func testCloudFormationOnlyOrganizationPiecesGiveOnlyTheOrganizationTemplate() throws {
        let files = try files(CloudFormationBackend(), """
        version: 1
        service_control_policies:
          - name: deny-leave
            targets: [ou-ab12-cdef3456]
            statements:
              - deny: organizations:LeaveOrganization
                resources: "*"
        """)
        XCTAssertEqual(files.keys.sorted(), ["organization.json", "organization.yaml"])
        XCTAssertNil(try json(files, "organization.json")["Parameters"], "no permission set and no root target: no parameters")
    }
}
