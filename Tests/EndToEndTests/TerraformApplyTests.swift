import Foundation
import XCTest

/// Applies the terraform target of every example (and of TerraformTestSpecs, with values for
/// their deploy-time inputs) to a local moto server with `terraform apply`, reads IAM back
/// with the AWS CLI, compares it with the iam-json target's files of the same spec, and
/// checks that `terraform destroy` leaves nothing behind.
///
/// One root module calls every generated module, so terraform starts its provider for one
/// apply and one destroy (each start costs seconds). moto's account is 123456789012: the
/// modules attach customer policies through their `aws_iam_policy` resources, so those ARNs
/// are moto's, and each module's account check warns (which the test expects). Modules whose
/// names would clash in one account are applied in separate rounds.
///
/// Needs terraform, the provider in /opt/tf-plugins, `moto_server` and `aws`; without them
/// the test is skipped with a loud banner.
final class TerraformApplyTests: XCTestCase {
    static let motoAccount = "123456789012"
    /// Tags the test passes to every module; spec tags win over them.
    static let moduleTags = ["rolegen-test": "terraform", "owner": "overridden-by-spec-tags"]

    func testModulesApplyToMotoMatchIAMJSONAndDestroyCleanly() throws {
        let terraform = try TerraformTool.require(for: "terraform apply test")
        defer { terraform.cleanUp() }
        guard let motoExecutable = Support.which("moto_server") else {
            try Support.skipLoudly("moto_server is not on PATH (pip install 'moto[server]'); terraform apply test not run")
        }
        guard let awsExecutable = Support.which("aws") else {
            try Support.skipLoudly("the aws CLI is not on PATH; terraform apply test not run")
        }
        let server = try MotoServer.start(executable: motoExecutable)
        defer { server.stop() }
        let moto = MotoAccounts(server: server, awsExecutable: awsExecutable)
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let started = Date()

        // The organization example needs an organization and an Identity Center instance in
        // moto: testOrganizationExample applies it.
        var specs = try FileManager.default.contentsOfDirectory(atPath: Support.packageRoot.appendingPathComponent("Examples").path)
            .filter { $0.hasSuffix(".yaml") && $0 != Self.organizationExample }.sorted()
            .map { (name: String($0.dropLast(".yaml".count)), spec: Support.packageRoot.appendingPathComponent("Examples/\($0)"), inputs: [String: String]()) }
        specs += try TerraformTestSpecs.write(to: work)

        var units: [ApplyUnit] = []
        for spec in specs {
            let build = try SpecBuild.make(spec.spec, targets: ["terraform"], inputs: spec.inputs)
            let manifest = try IAMJSONManifest.load(build.directory("iam-json"))
            for module in try GeneratedModule.all(in: build.directory("terraform")) {
                units.append(ApplyUnit(name: "\(spec.name.replacingOccurrences(of: "-", with: "_"))_\(units.count)", spec: spec.name,
                                       build: build, module: module, manifest: manifest))
            }
        }
        defer { units.forEach { $0.build.remove() } }
        let rounds = ApplyUnit.rounds(units)
        for (index, round) in rounds.enumerated() {
            if index > 0 { try moto.reset() }
            try apply(round, terraform: terraform, moto: moto, in: work.appendingPathComponent("round-\(index)"))
        }
        print("TerraformApplyTests: \(units.count) modules of \(specs.count) specs applied, compared and destroyed in \(rounds.count) round(s), \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    // MARK: - The organization example

    static let organizationExample = "organization.yaml"

    /// Applies the organization example's modules to moto, where moto's management account
    /// (123456789012) has an organization and an Identity Center instance, and reads the result
    /// back with the AWS CLI: the service-linked roles and the customer policy of the workload
    /// account's module, the service control policies with their tags and their attachment to
    /// the root. What moto cannot hold is checked in `terraform plan` instead, and each such
    /// resource is printed with the reason.
    func testOrganizationExampleAppliesWhereMotoModelsIt() throws {
        let terraform = try TerraformTool.require(for: "terraform apply test of the organization example")
        defer { terraform.cleanUp() }
        guard let motoExecutable = Support.which("moto_server"), let awsExecutable = Support.which("aws") else {
            try Support.skipLoudly("moto_server or the aws CLI is not on PATH; terraform apply test of the organization example not run")
        }
        let server = try MotoServer.start(executable: motoExecutable)
        defer { server.stop() }
        let moto = MotoAccounts(server: server, awsExecutable: awsExecutable)
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let started = Date()
        let account = Self.motoAccount

        _ = try moto.json(["organizations", "create-organization", "--feature-set", "ALL"], account: account)
        let rootID = try XCTUnwrap((try moto.json(["organizations", "list-roots"], account: account)["Roots"] as? [[String: Any]])?.first?["Id"] as? String)
        // moto's sso-admin has one instance per account, with a random ARN.
        let instances = try moto.json(["sso-admin", "list-instances"], account: account)["Instances"] as? [[String: Any]]
        let instanceARN = try XCTUnwrap(instances?.first?["InstanceArn"] as? String)

        let build = try SpecBuild.make(Support.packageRoot.appendingPathComponent("Examples/" + Self.organizationExample), targets: ["terraform"])
        defer { build.remove() }
        let modules = try GeneratedModule.all(in: build.directory("terraform"))
        XCTAssertEqual(modules.map(\.accountFolder), ["444455556666", "organization"])
        guard modules.count == 2 else { return }
        let calls = [
            TerraformRoot.Call(name: "workloads", module: modules[0], tags: Self.moduleTags),
            TerraformRoot.Call(name: "organization", module: modules[1], values: ["sso_instance_arn": instanceARN], tags: Self.moduleTags),
        ]
        let root = work.appendingPathComponent("root")
        try TerraformRoot.write(calls, to: root, motoEndpoint: moto.endpoint)
        guard try terraform.initialize(root, "organization apply root") else { return }

        let applied = ["module.workloads", "module.organization.aws_organizations_policy.protect-organization",
                       "module.organization.aws_organizations_policy.allowed-regions",
                       "module.organization.aws_organizations_policy_attachment.protect-organization"]
        let notApplied = [
            ("module.organization.aws_organizations_policy_attachment.allowed-regions",
             "its targets, OU ou-ab12-cdef3456 and account 444455556666, cannot exist in moto's organization (moto makes up the ids of OUs and accounts)"),
            ("module.organization.aws_ssoadmin_* (permission sets, their policy attachments, inline policy, boundary, assignments)",
             "moto 5.2.1's sso-admin does not implement ListTagsForResource, which the AWS provider calls after creating a permission set, nor the permissions boundary calls"),
        ]
        let apply = try terraform.run(["apply", "-auto-approve", "-input=false", "-json"] + applied.map { "-target=" + $0 }, in: root)
        guard apply.status == 0 else {
            return XCTFail("terraform apply exited \(apply.status):\n\(TerraformLog(apply.stdout).errors.joined(separator: "\n"))\n\(apply.stderr)")
        }
        for (address, reason) in notApplied {
            print("TerraformApplyTests: NOT APPLIED to moto, checked in the plan only: \(address): \(reason)")
        }

        // Service-linked roles and the customer policy, in the workload account's module.
        let linked = (try moto.json(["iam", "list-roles", "--path-prefix", "/aws-service-role/"], account: account)["Roles"] as? [[String: Any]] ?? [])
        let byPath = Dictionary(linked.map { ($0["Path"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(byPath.keys.sorted(), ["/aws-service-role/autoscaling.amazonaws.com/", "/aws-service-role/rds.amazonaws.com/"])
        let batch = byPath["/aws-service-role/autoscaling.amazonaws.com/"]
        XCTAssertEqual(batch?["Description"] as? String, "Auto Scaling groups of the batch fleet")
        XCTAssertTrue((batch?["RoleName"] as? String)?.hasSuffix("_batch") == true, "the custom suffix: \(batch ?? [:])")
        let policies = (try moto.json(["iam", "list-policies", "--scope", "Local"], account: account)["Policies"] as? [[String: Any]] ?? [])
        XCTAssertEqual(policies.compactMap { $0["PolicyName"] as? String }, ["deploy-artifacts"])

        let outputs = (try? JSONSerialization.jsonObject(with: Data(try terraform.run(["output", "-json"], in: root).stdout.utf8))) as? [String: Any] ?? [:]
        let workloads = (outputs["workloads"] as? [String: Any])?["value"] as? [String: Any] ?? [:]
        XCTAssertEqual(workloads["service_linked_role_names"] as? [String: String], [
            "autoscaling.amazonaws.com/batch": batch?["RoleName"] as? String ?? "?",
            "rds.amazonaws.com": byPath["/aws-service-role/rds.amazonaws.com/"]?["RoleName"] as? String ?? "?",
        ])

        // Service control policies: content, tags, the root attachment.
        let listed = (try moto.json(["organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY"], account: account)["Policies"] as? [[String: Any]] ?? [])
            .filter { $0["AwsManaged"] as? Bool != true }
        let ids = Dictionary(listed.map { ($0["Name"] as? String ?? "", $0["Id"] as? String ?? "") }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(ids.keys.sorted(), ["allowed-regions", "protect-organization"])
        // The organization module's outputs also name the permission sets, which are not
        // applied: the ids come from the state instead.
        let state = (try? JSONSerialization.jsonObject(with: Data(try terraform.run(["show", "-json"], in: root).stdout.utf8))) as? [String: Any]
        let stateModules = ((state?["values"] as? [String: Any])?["root_module"] as? [String: Any])?["child_modules"] as? [[String: Any]] ?? []
        var stateIDs: [String: String] = [:]
        for resource in stateModules.flatMap({ $0["resources"] as? [[String: Any]] ?? [] }) where resource["type"] as? String == "aws_organizations_policy" {
            let values = resource["values"] as? [String: Any]
            stateIDs[values?["name"] as? String ?? "?"] = values?["id"] as? String
        }
        XCTAssertEqual(stateIDs, ids, "the policies in the state are those in moto")
        for (name, expected) in Self.organizationControlPolicies {
            guard let id = ids[name] else { continue }
            let policy = try moto.json(["organizations", "describe-policy", "--policy-id", id], account: account)["Policy"] as? [String: Any]
            let content = policy?["Content"] as? String ?? ""
            XCTAssertEqual(Canonical.text(try JSONSerialization.jsonObject(with: Data(content.utf8))), Canonical.text(expected), "\(name): content")
            XCTAssertFalse(content.contains(" ") || content.contains("\n"), "\(name): content is compact JSON: \(content)")
            let tags = try moto.json(["organizations", "list-tags-for-resource", "--resource-id", id], account: account)["Tags"]
            XCTAssertEqual(Self.tags(tags), ["owner": "platform-team", "rolegen-test": "terraform"], "\(name): tags (the module's, then the spec's)")
        }
        if let id = ids["protect-organization"] {
            let targets = try moto.json(["organizations", "list-targets-for-policy", "--policy-id", id], account: account)["Targets"] as? [[String: Any]]
            XCTAssertEqual(targets?.compactMap { $0["TargetId"] as? String }, [rootID], "protect-organization is attached to the root")
        }

        try checkOrganizationPlan(terraform: terraform, root: root, instanceARN: instanceARN)

        let destroy = try terraform.run(["destroy", "-auto-approve", "-input=false", "-json"], in: root)
        XCTAssertEqual(destroy.status, 0, "terraform destroy:\n\(TerraformLog(destroy.stdout).errors.joined(separator: "\n"))\n\(destroy.stderr)")
        let left = try moto.json(["iam", "list-roles", "--path-prefix", "/aws-service-role/"], account: account)["Roles"] as? [[String: Any]] ?? []
        XCTAssertEqual(left.count, 0, "service-linked roles left after terraform destroy")
        let policiesLeft = (try moto.json(["organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY"], account: account)["Policies"] as? [[String: Any]] ?? [])
            .filter { $0["AwsManaged"] as? Bool != true }
        XCTAssertEqual(policiesLeft.count, 0, "service control policies left after terraform destroy")
        print("TerraformApplyTests: organization example applied, read back, planned and destroyed in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// The example's service control policies as AWS Organizations should hold them.
    static let organizationControlPolicies: [String: Any] = [
        "protect-organization": ["Version": "2012-10-17", "Statement": [
            ["Sid": "DenyLeaveOrganization", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"],
            ["Sid": "ProtectCloudTrail", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], "Resource": "*"],
        ]],
        "allowed-regions": ["Version": "2012-10-17", "Statement": [[
            "Sid": "DenyOtherRegions", "Effect": "Deny",
            "NotAction": ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"], "Resource": "*",
            "Condition": [
                "StringNotEquals": ["aws:RequestedRegion": ["eu-west-1", "eu-central-1"]],
                "ArnNotLike": ["aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole"],
            ],
        ] as [String: Any]]],
    ]

    /// What moto could not take, as `terraform plan` would send it: the permission sets with
    /// every attachment and assignment, and the attachments to the OU and the account.
    private func checkOrganizationPlan(terraform: TerraformTool, root: URL, instanceARN: String) throws {
        let plan = try terraform.run(["plan", "-input=false", "-no-color", "-out=organization.plan"], in: root)
        guard plan.status == 0 else { return XCTFail("terraform plan exited \(plan.status):\n\(plan.stdout)\n\(plan.stderr)") }
        let show = try terraform.run(["show", "-json", "organization.plan"], in: root)
        let changes = ((try? JSONSerialization.jsonObject(with: Data(show.stdout.utf8))) as? [String: Any])?["resource_changes"] as? [[String: Any]] ?? []
        var created: [String: [String: Any]] = [:]
        for change in changes {
            let detail = change["change"] as? [String: Any]
            guard (detail?["actions"] as? [String]) == ["create"], let address = change["address"] as? String else { continue }
            created[address.replacingOccurrences(of: "module.organization.", with: "")] = detail?["after"] as? [String: Any] ?? [:]
        }
        let auditorGroup = "9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", deployerGroup = "9067a1b2c3-6d5c4b3a-2f1e-0d9c-8b7a-6f5e4d3c2b1a"
        XCTAssertEqual(created.keys.sorted(), [
            #"aws_organizations_policy_attachment.allowed-regions["444455556666"]"#,
            #"aws_organizations_policy_attachment.allowed-regions["ou-ab12-cdef3456"]"#,
            #"aws_ssoadmin_account_assignment.Auditor["GROUP/\#(auditorGroup)/111122223333"]"#,
            #"aws_ssoadmin_account_assignment.Auditor["GROUP/\#(auditorGroup)/444455556666"]"#,
            #"aws_ssoadmin_account_assignment.Deployer["GROUP/\#(deployerGroup)/444455556666"]"#,
            #"aws_ssoadmin_customer_managed_policy_attachment.Deployer["/deploy-artifacts"]"#,
            #"aws_ssoadmin_managed_policy_attachment.Auditor["SecurityAudit"]"#,
            #"aws_ssoadmin_managed_policy_attachment.Auditor["job-function/ViewOnlyAccess"]"#,
            "aws_ssoadmin_permission_set.Auditor",
            "aws_ssoadmin_permission_set.Deployer",
            "aws_ssoadmin_permission_set_inline_policy.Deployer",
            "aws_ssoadmin_permissions_boundary_attachment.Deployer",
        ], "what the plan creates beyond what moto holds")

        let auditor = created["aws_ssoadmin_permission_set.Auditor"] ?? [:]
        XCTAssertEqual(auditor["name"] as? String, "Auditor")
        XCTAssertEqual(auditor["instance_arn"] as? String, instanceARN)
        XCTAssertEqual(auditor["session_duration"] as? String, "PT8H")
        XCTAssertEqual(auditor["tags"] as? [String: String], ["owner": "platform-team", "rolegen-test": "terraform"])
        let deployer = created["aws_ssoadmin_permission_set.Deployer"] ?? [:]
        XCTAssertEqual(deployer["relay_state"] as? String, "https://console.aws.amazon.com/s3/home")
        XCTAssertEqual(deployer["session_duration"] as? String, "PT2H")
        XCTAssertEqual(deployer["tags"] as? [String: String], ["owner": "platform-team", "rolegen-test": "terraform", "team": "delivery"])
        XCTAssertEqual(created[#"aws_ssoadmin_managed_policy_attachment.Auditor["job-function/ViewOnlyAccess"]"#]?["managed_policy_arn"] as? String,
                       "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
        let reference = (created[#"aws_ssoadmin_customer_managed_policy_attachment.Deployer["/deploy-artifacts"]"#]?["customer_managed_policy_reference"] as? [[String: Any]])?.first
        XCTAssertEqual(reference?["name"] as? String, "deploy-artifacts")
        XCTAssertEqual(reference?["path"] as? String, "/")
        let boundary = (created["aws_ssoadmin_permissions_boundary_attachment.Deployer"]?["permissions_boundary"] as? [[String: Any]])?.first
        XCTAssertEqual(boundary?["managed_policy_arn"] as? String, "arn:aws:iam::aws:policy/PowerUserAccess")
        let inline = created["aws_ssoadmin_permission_set_inline_policy.Deployer"]?["inline_policy"] as? String ?? ""
        XCTAssertEqual(Canonical.text((try? JSONSerialization.jsonObject(with: Data(inline.utf8))) ?? inline), Canonical.text([
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Action": "cloudformation:DescribeStacks",
                           "Resource": "arn:aws:cloudformation:eu-west-1:444455556666:stack/app-*/*"]],
        ] as [String: Any]))
        let assignment = created[#"aws_ssoadmin_account_assignment.Deployer["GROUP/\#(deployerGroup)/444455556666"]"#] ?? [:]
        XCTAssertEqual(assignment["principal_id"] as? String, deployerGroup)
        XCTAssertEqual(assignment["principal_type"] as? String, "GROUP")
        XCTAssertEqual(assignment["target_id"] as? String, "444455556666")
        XCTAssertEqual(assignment["target_type"] as? String, "AWS_ACCOUNT")
        XCTAssertEqual(created[#"aws_organizations_policy_attachment.allowed-regions["ou-ab12-cdef3456"]"#]?["target_id"] as? String, "ou-ab12-cdef3456")
    }

    // MARK: - One round

    private func apply(_ units: [ApplyUnit], terraform: TerraformTool, moto: MotoAccounts, in root: URL) throws {
        let calls = units.map { TerraformRoot.Call(name: $0.name, module: $0.module, values: $0.build.inputs, tags: Self.moduleTags) }
        try TerraformRoot.write(calls, to: root, motoEndpoint: moto.endpoint)
        guard try terraform.initialize(root, "apply root") else { return }
        let parallelism = "-parallelism=\(max(10, 4 * ProcessInfo.processInfo.activeProcessorCount))"

        var timer = Date()
        let apply = try terraform.run(["apply", "-auto-approve", "-input=false", "-json", parallelism], in: root)
        let applyLog = TerraformLog(apply.stdout)
        guard apply.status == 0 else {
            return XCTFail("terraform apply exited \(apply.status):\n\(applyLog.errors.joined(separator: "\n"))\n\(apply.stderr)")
        }
        print("TerraformApplyTests: apply \(String(format: "%.1f", Date().timeIntervalSince(timer))) s")
        checkAccountWarnings(units, applyLog)

        let outputs = try terraform.run(["output", "-json"], in: root)
        let outputValues = (try? JSONSerialization.jsonObject(with: Data(outputs.stdout.utf8))) as? [String: Any] ?? [:]
        let details = try moto.json(["iam", "get-account-authorization-details", "--filter", "Role", "LocalManagedPolicy"], account: Self.motoAccount)
        let listed = try moto.json(["iam", "list-roles"], account: Self.motoAccount)
        let state = IAMState(details: details, listRoles: listed)
        var expectedRoles: Set<String> = [], expectedPolicies: Set<String> = []
        for unit in units {
            let output = (outputValues[unit.name] as? [String: Any])?["value"] as? [String: Any] ?? [:]
            try compare(unit, state, output: output)
            expectedRoles.formUnion(unit.roles.map(\.name))
            expectedPolicies.formUnion(unit.policies.map(\.name))
        }
        XCTAssertEqual(Set(state.roles.keys), expectedRoles, "roles in moto after apply")
        XCTAssertEqual(Set(state.policies.keys), expectedPolicies, "customer policies in moto after apply")

        timer = Date()
        let destroy = try terraform.run(["destroy", "-auto-approve", "-input=false", "-refresh=false", "-json", parallelism], in: root)
        XCTAssertEqual(destroy.status, 0, "terraform destroy:\n\(TerraformLog(destroy.stdout).errors.joined(separator: "\n"))\n\(destroy.stderr)")
        print("TerraformApplyTests: destroy \(String(format: "%.1f", Date().timeIntervalSince(timer))) s")
        let after = IAMState(details: try moto.json(["iam", "get-account-authorization-details", "--filter", "Role", "LocalManagedPolicy"],
                                                    account: Self.motoAccount), listRoles: [:])
        XCTAssertEqual(after.roles.keys.sorted(), [], "roles left after terraform destroy")
        XCTAssertEqual(after.policies.keys.sorted(), [], "customer policies left after terraform destroy")
        let profiles = try moto.json(["iam", "list-instance-profiles"], account: Self.motoAccount)
        XCTAssertEqual((profiles["InstanceProfiles"] as? [[String: Any]] ?? []).count, 0, "instance profiles left after terraform destroy: \(profiles)")
    }

    /// Every module with an account other than moto's warns through its `check` block.
    private func checkAccountWarnings(_ units: [ApplyUnit], _ log: TerraformLog) {
        for unit in units {
            let accounts = Set(unit.roles.compactMap(\.account))
            guard accounts.count == 1, let account = accounts.first, account != Self.motoAccount, !account.isEmpty else { continue }
            let message = "The roles of this module belong in account \(account), but the AWS provider is signed in to account \(Self.motoAccount)."
            XCTAssertTrue(log.warnings.contains { $0.detail == message && $0.file.contains("/\(unit.name)/") },
                          "\(unit.spec): no account warning for module \(unit.name): \(log.warnings)")
        }
    }

    // MARK: - Comparison with the iam-json files

    private func compare(_ unit: ApplyUnit, _ state: IAMState, output: [String: Any]) throws {
        let files = unit.build.directory("iam-json")
        func json(_ path: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: files.appendingPathComponent(path))) }
        // Customer policies of this build live in moto's account here.
        var motoARNs: [String: String] = [:]
        for policy in unit.manifest.policies {
            for account in policy.accounts.isEmpty ? [Self.motoAccount] : policy.accounts {
                motoARNs["arn:aws:iam::\(account):policy\(policy.path)\(policy.name)"] = "arn:aws:iam::\(Self.motoAccount):policy\(policy.path)\(policy.name)"
            }
        }
        func inMoto(_ arn: String) -> String { motoARNs[arn] ?? arn }

        for role in unit.roles {
            let context = "\(unit.spec) [\(unit.name)]: role \(role.name)"
            guard let found = state.roles[role.name] else {
                XCTFail("\(context): not in moto")
                continue
            }
            let input = try json(role.createRoleInput) as? [String: Any] ?? [:]
            let trust = try json("roles/\(role.name)/trust-policy.json")
            XCTAssertEqual(Canonical.text(IAMDump.document(found.detail["AssumeRolePolicyDocument"])), Canonical.text(trust), "\(context): trust policy")
            XCTAssertEqual(found.detail["Path"] as? String, input["Path"] as? String, "\(context): path")
            XCTAssertEqual(found.listed["Description"] as? String, input["Description"] as? String, "\(context): description")
            XCTAssertEqual((found.listed["MaxSessionDuration"] as? NSNumber)?.intValue, (input["MaxSessionDuration"] as? NSNumber)?.intValue,
                           "\(context): session duration")
            let boundary = (found.detail["PermissionsBoundary"] as? [String: Any])?["PermissionsBoundaryArn"] as? String
            XCTAssertEqual(boundary, (input["PermissionsBoundary"] as? String).map(inMoto), "\(context): permissions boundary")

            var tags = Self.moduleTags
            for tag in input["Tags"] as? [[String: String]] ?? [] { tags[tag["Key"] ?? ""] = tag["Value"] }
            XCTAssertEqual(Self.tags(found.detail["Tags"]), tags, "\(context): tags (the module's, then the spec's)")

            let inline = found.detail["RolePolicyList"] as? [[String: Any]] ?? []
            XCTAssertEqual(inline.compactMap { $0["PolicyName"] as? String }.sorted(), role.inlinePolicies.map(\.name).sorted(), "\(context): inline policy names")
            for policy in role.inlinePolicies {
                let document = inline.first { $0["PolicyName"] as? String == policy.name }?["PolicyDocument"]
                XCTAssertEqual(Canonical.text(IAMDump.document(document)), Canonical.text(try json(policy.file)), "\(context): inline policy \(policy.name)")
            }
            let attached = (found.detail["AttachedManagedPolicies"] as? [[String: Any]] ?? []).compactMap { $0["PolicyArn"] as? String }
            XCTAssertEqual(Set(attached), Set(role.managedPolicyArns.map(inMoto)), "\(context): attached managed policies")
            XCTAssertEqual(attached.count, role.managedPolicyArns.count, "\(context): number of attachments")

            let profiles = found.detail["InstanceProfileList"] as? [[String: Any]] ?? []
            if let profile = role.instanceProfile {
                XCTAssertEqual(profiles.count, 1, "\(context): instance profiles")
                XCTAssertEqual(profiles.first?["InstanceProfileName"] as? String, profile.name, "\(context): instance profile name")
                XCTAssertEqual(profiles.first?["Path"] as? String, profile.path, "\(context): instance profile path")
                let members = (profiles.first?["Roles"] as? [[String: Any]] ?? []).compactMap { $0["RoleName"] as? String }
                XCTAssertEqual(members, [role.name], "\(context): roles in the instance profile")
            } else {
                XCTAssertEqual(profiles.count, 0, "\(context): instance profiles")
            }

            XCTAssertEqual((output["role_arns"] as? [String: String])?[role.name], found.detail["Arn"] as? String, "\(context): output role_arns")
            XCTAssertEqual((output["instance_profile_names"] as? [String: String])?[role.name], role.instanceProfile?.name,
                           "\(context): output instance_profile_names")
        }
        XCTAssertEqual(output["role_names"] as? [String], unit.roles.map(\.name), "\(unit.spec) [\(unit.name)]: output role_names")

        for policy in unit.policies {
            let context = "\(unit.spec) [\(unit.name)]: policy \(policy.name)"
            guard let found = state.policies[policy.name] else {
                XCTFail("\(context): not in moto")
                continue
            }
            XCTAssertEqual(found["Path"] as? String, policy.path, "\(context): path")
            // The provider sends an empty description when there is none; IAM reads that as none.
            XCTAssertEqual(found["Description"] as? String ?? "", policy.description ?? "", "\(context): description")
            let versions = found["PolicyVersionList"] as? [[String: Any]] ?? []
            let current = versions.first { $0["IsDefaultVersion"] as? Bool == true } ?? versions.first ?? [:]
            XCTAssertEqual(Canonical.text(IAMDump.document(current["Document"])), Canonical.text(try json(policy.file)), "\(context): document")
            XCTAssertEqual((output["policy_arns"] as? [String: String])?[policy.name], found["Arn"] as? String, "\(context): output policy_arns")
        }
    }

    private static func tags(_ value: Any?) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in value as? [[String: Any]] ?? [] { tags[tag["Key"] as? String ?? "?"] = tag["Value"] as? String ?? "?" }
        return tags
    }
}

/// One generated module and the part of its build's iam-json manifest it manages.
private struct ApplyUnit {
    let name: String
    let spec: String
    let build: SpecBuild
    let module: GeneratedModule
    let manifest: IAMJSONManifest
    let roles: [IAMJSONManifest.Role]
    let policies: [IAMJSONManifest.Policy]

    init(name: String, spec: String, build: SpecBuild, module: GeneratedModule, manifest: IAMJSONManifest) {
        self.name = name
        self.spec = spec
        self.build = build
        self.module = module
        self.manifest = manifest
        // A multi-account build has one module per account folder; `any-account` holds what
        // names no account.
        switch module.accountFolder {
        case nil:
            roles = manifest.roles
            policies = manifest.policies
        case "any-account"?:
            roles = manifest.roles.filter { $0.account == nil }
            policies = manifest.policies.filter { $0.accounts.isEmpty }
        case let folder?:
            roles = manifest.roles.filter { $0.account == folder }
            policies = manifest.policies.filter { $0.accounts.contains(folder) }
        }
    }

    /// Names that must be unique in one account, ignoring case as IAM does.
    var names: Set<String> {
        Set(roles.map { "role:" + $0.name.lowercased() } + policies.map { "policy:" + $0.name.lowercased() }
            + roles.compactMap(\.instanceProfile).map { "profile:" + $0.name.lowercased() })
    }

    /// Groups units so that no two in a group create the same name in moto's one account.
    static func rounds(_ units: [ApplyUnit]) -> [[ApplyUnit]] {
        var rounds: [(units: [ApplyUnit], names: Set<String>)] = []
        for unit in units {
            if let index = rounds.firstIndex(where: { $0.names.isDisjoint(with: unit.names) }) {
                rounds[index].units.append(unit)
                rounds[index].names.formUnion(unit.names)
            } else {
                rounds.append(([unit], unit.names))
            }
        }
        return rounds.map(\.units)
    }
}

/// Roles (get-account-authorization-details with list-roles, which alone has descriptions and
/// session durations) and customer policies by name.
private struct IAMState {
    var roles: [String: (detail: [String: Any], listed: [String: Any])] = [:]
    var policies: [String: [String: Any]] = [:]

    init(details: [String: Any], listRoles: [String: Any]) {
        var listed: [String: [String: Any]] = [:]
        for role in listRoles["Roles"] as? [[String: Any]] ?? [] { listed[role["RoleName"] as? String ?? ""] = role }
        for role in details["RoleDetailList"] as? [[String: Any]] ?? [] {
            let name = role["RoleName"] as? String ?? ""
            roles[name] = (role, listed[name] ?? [:])
        }
        // moto leaves PolicyName out of this answer; the ARN ends with it.
        for policy in details["Policies"] as? [[String: Any]] ?? [] {
            let arn = policy["Arn"] as? String ?? ""
            policies[policy["PolicyName"] as? String ?? String(arn.split(separator: "/").last ?? "")] = policy
        }
    }
}

/// The lines of `terraform … -json`: warnings with their detail and file, and error texts.
private struct TerraformLog {
    struct Warning: CustomStringConvertible {
        var summary: String
        var detail: String
        var file: String
        var description: String { "\(summary) (\(file)): \(detail)" }
    }

    var warnings: [Warning] = []
    var errors: [String] = []

    init(_ output: String) {
        for line in output.split(separator: "\n") {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  object["type"] as? String == "diagnostic", let diagnostic = object["diagnostic"] as? [String: Any] else { continue }
            let summary = diagnostic["summary"] as? String ?? "", detail = diagnostic["detail"] as? String ?? ""
            if diagnostic["severity"] as? String == "error" {
                errors.append("\(summary): \(detail)")
            } else {
                let file = (diagnostic["range"] as? [String: Any])?["filename"] as? String ?? ""
                warnings.append(Warning(summary: summary, detail: detail, file: file))
            }
        }
    }
}

/// JSON text with sorted keys: equal documents, equal text, and readable failures.
private enum Canonical {
    static func text(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }
}
