import Foundation
import XCTest

/// The `cli` target's organization pieces against moto: Examples/organization.yaml's
/// service-linked roles (apply.sh in the workload account), service control policies and
/// permission sets (organization/apply.sh with the management account's credentials),
/// applied twice, read back with the AWS CLI, then destroyed.
///
/// moto 5.2 models Organizations, service-linked roles and most of sso-admin, but not
/// sso-admin's tag calls and permissions boundary calls, and its copy of the AWS managed
/// policies lacks their paths, so it refuses to attach `job-function/ViewOnlyAccess` to a
/// permission set. Those calls go to a stand-in (an `aws` earlier on PATH) that keeps what
/// it is sent and answers with it, so the scripts run through; the test prints each such
/// call as not checked.
final class OrganizationCLITests: XCTestCase {
    private static let fixture = MotoFixture()

    override class func setUp() {
        super.setUp()
        fixture.start()
    }

    override class func tearDown() {
        fixture.stop()
        super.tearDown()
    }

    static let management = "111122223333"
    static let workloads = "444455556666"

    /// The sso-admin calls moto 5.2 does not model (moto/ssoadmin/responses.py), and those of
    /// AWS managed policies, which it models without their paths (moto/ssoadmin/models.py,
    /// `_find_managed_policy`).
    static let unmodeled = [
        "list-tags-for-resource", "tag-resource", "untag-resource", "get-permissions-boundary-for-permission-set",
        "put-permissions-boundary-to-permission-set", "delete-permissions-boundary-from-permission-set",
        "attach-managed-policy-to-permission-set", "detach-managed-policy-from-permission-set", "list-managed-policies-in-permission-set",
    ]

    /// Stands in for `aws sso-admin` calls moto lacks; every other call goes to the real CLI.
    /// create-permission-set goes to moto too, and the stand-in notes the tags it was sent.
    static let standIn = #"""
    #!/usr/bin/env python3
    import json, os, sys, jmespath

    real, state_file, log = os.environ["STANDIN_REAL_AWS"], os.environ["STANDIN_STATE"], os.environ["STANDIN_LOG"]
    args = sys.argv[1:]
    words = [a for i, a in enumerate(args) if not a.startswith("-") and not (i > 0 and args[i - 1] in ("--endpoint-url", "--region", "--query", "--output", "--cli-input-json"))]
    service, operation = (words + ["", ""])[:2]
    unmodeled = set(os.environ["STANDIN_CALLS"].split(","))
    if service != "sso-admin" or (operation not in unmodeled and operation != "create-permission-set"):
        os.execv(real, [real] + args)

    def option(name):
        for i, a in enumerate(args):
            if a.startswith(name + "="):
                return a[len(name) + 1:]
            if a == name:
                return args[i + 1]
        return None

    def load(value):
        if value is None:
            return {}
        if value.startswith("file://"):
            value = open(value[len("file://"):], encoding="utf-8").read()
        return json.loads(value)

    def show(answer):
        result = jmespath.search(option("--query"), answer) if option("--query") else answer
        if isinstance(result, list):
            print("\t".join("None" if r is None else str(r) for r in result))
        else:
            print("None" if result is None else result)

    state = json.load(open(state_file)) if os.path.exists(state_file) else {"tags": {}, "boundaries": {}, "managed": {}}
    request = load(option("--cli-input-json"))
    arn = option("--resource-arn") or option("--permission-set-arn") or request.get("ResourceArn")
    if operation == "create-permission-set":
        import subprocess
        rest = [a for i, a in enumerate(args) if a not in ("--query", "--output") and not (i > 0 and args[i - 1] in ("--query", "--output"))]
        run = subprocess.run([real] + rest + ["--output", "json"], capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            sys.exit(run.returncode)
        answer = json.loads(run.stdout)
        state["tags"][answer["PermissionSet"]["PermissionSetArn"]] = request.get("Tags", [])
        json.dump(state, open(state_file, "w"))
        show(answer)
        sys.exit(0)
    with open(log, "a") as f:
        f.write(operation + "\n")
    tags = {t["Key"]: t["Value"] for t in state["tags"].get(arn, [])}
    if operation == "list-tags-for-resource":
        show({"Tags": [{"Key": k, "Value": v} for k, v in tags.items()]})
    elif operation == "tag-resource":
        tags.update({t["Key"]: t["Value"] for t in load(option("--tags"))})
    elif operation == "untag-resource":
        for key in request["TagKeys"]:
            tags.pop(key, None)
    elif operation == "get-permissions-boundary-for-permission-set":
        if arn not in state["boundaries"]:
            sys.stderr.write("An error occurred (ResourceNotFoundException): no permissions boundary\n")
            sys.exit(254)
        show({"PermissionsBoundary": state["boundaries"][arn]})
    elif operation == "put-permissions-boundary-to-permission-set":
        state["boundaries"][arn] = request["PermissionsBoundary"]
    elif operation == "delete-permissions-boundary-from-permission-set":
        state["boundaries"].pop(arn, None)
    elif operation == "attach-managed-policy-to-permission-set":
        state["managed"].setdefault(arn, []).append(option("--managed-policy-arn"))
    elif operation == "detach-managed-policy-from-permission-set":
        state["managed"][arn].remove(option("--managed-policy-arn"))
    elif operation == "list-managed-policies-in-permission-set":
        show({"AttachedManagedPolicies": [{"Arn": a, "Name": a.split("/")[-1]} for a in state["managed"].get(arn, [])]})
    state["tags"][arn] = [{"Key": k, "Value": v} for k, v in tags.items()]
    json.dump(state, open(state_file, "w"))
    """#

    func testOrganizationExampleAppliesIdempotentlyAndDestroysCompletely() throws {
        let moto = try Self.fixture.accounts(for: "organization CLI apply test")
        try moto.reset()
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }

        // An organization with the management account, an OU and a member account; moto
        // chooses their ids, so the example's targets are replaced with them.
        _ = try moto.json(["organizations", "create-organization", "--feature-set", "ALL"], account: Self.management)
        let root = try XCTUnwrap(((try moto.json(["organizations", "list-roots"], account: Self.management)["Roots"] as? [[String: Any]])?.first)?["Id"] as? String)
        let ou = try XCTUnwrap((try moto.json(["organizations", "create-organizational-unit", "--parent-id", root, "--name", "workloads"],
                                              account: Self.management)["OrganizationalUnit"] as? [String: Any])?["Id"] as? String)
        let created = try moto.json(["organizations", "create-account", "--email", "workloads@example.com", "--account-name", "workloads"],
                                    account: Self.management)
        let member = try XCTUnwrap((created["CreateAccountStatus"] as? [String: Any])?["AccountId"] as? String)
        let instances = try moto.json(["sso-admin", "list-instances"], account: Self.management)["Instances"] as? [[String: Any]]
        let instance = try XCTUnwrap(instances?.first?["InstanceArn"] as? String, "moto's sso-admin has an instance per account")

        let example = try String(contentsOf: Support.packageRoot.appendingPathComponent("Examples/organization.yaml"), encoding: .utf8)
        let written = "targets: [ou-ab12-cdef3456, workloads]"
        XCTAssertTrue(example.contains(written), "the example's targets changed; update this test")
        let spec = folder.appendingPathComponent("organization.yaml")
        try example.replacingOccurrences(of: written, with: "targets: [\(ou), \"\(member)\"]").write(to: spec, atomically: true, encoding: .utf8)
        let build = try SpecBuild.make(spec, targets: ["cli"])
        defer { build.remove() }
        let cli = build.directory("cli")

        let standIn = folder.appendingPathComponent("bin/aws")
        try FileManager.default.createDirectory(at: standIn.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.standIn.write(to: standIn, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: standIn.path)
        let log = folder.appendingPathComponent("stand-in.log")
        let environment = [
            "PATH": standIn.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "STANDIN_REAL_AWS": moto.awsExecutable, "STANDIN_STATE": folder.appendingPathComponent("stand-in.json").path,
            "STANDIN_LOG": log.path, "STANDIN_CALLS": Self.unmodeled.joined(separator: ","), "SSO_INSTANCE_ARN": instance,
        ]
        func run(_ script: String, _ account: String, _ label: String) throws -> Support.Run {
            let run = try moto.run(["bash", cli.appendingPathComponent(script).path], account: account, endpointInEnvironment: true,
                                   extraEnvironment: environment)
            XCTAssertEqual(run.status, 0, "\(label)\n\(run.stdout)\n\(run.stderr)")
            return run
        }

        // Without SSO_INSTANCE_ARN, organization/apply.sh stops before changing anything.
        let unset = try moto.run(["bash", cli.appendingPathComponent("organization/apply.sh").path], account: Self.management,
                                 endpointInEnvironment: true, unset: ["SSO_INSTANCE_ARN"])
        XCTAssertEqual(unset.status, 1)
        XCTAssertTrue(unset.stderr.contains("set SSO_INSTANCE_ARN to the ARN of the IAM Identity Center instance"), unset.stderr)
        XCTAssertEqual(unset.stdout, "")

        let first = try run("apply.sh", Self.workloads, "apply.sh in the workload account")
        XCTAssertTrue(first.stdout.contains("aws iam create-service-linked-role"), first.stdout)
        let organizationFirst = try run("organization/apply.sh", Self.management, "organization/apply.sh")
        for call in ["organizations create-policy", "organizations attach-policy", "sso-admin create-permission-set",
                     "sso-admin put-inline-policy-to-permission-set", "sso-admin attach-managed-policy-to-permission-set",
                     "sso-admin attach-customer-managed-policy-reference-to-permission-set",
                     "sso-admin put-permissions-boundary-to-permission-set", "sso-admin create-account-assignment"] {
            XCTAssertTrue(organizationFirst.stdout.contains("aws \(call) "), "organization/apply.sh runs \(call)\n\(organizationFirst.stdout)")
        }
        let state = try readBack(moto, cli: cli, standInState: folder.appendingPathComponent("stand-in.json"), root: root, ou: ou, member: member, instance: instance)
        for (script, account) in [("apply.sh", Self.workloads), ("organization/apply.sh", Self.management)] {
            let again = try run(script, account, "second \(script)")
            XCTAssertEqual(again.stdout, "", "the second \(script) changes nothing")
            XCTAssertTrue(again.stderr.hasSuffix(": 0 change(s)\n"), again.stderr)
        }
        XCTAssertEqual(try readBack(moto, cli: cli, standInState: folder.appendingPathComponent("stand-in.json"), root: root, ou: ou, member: member, instance: instance), state, "state after the second run")

        _ = try run("organization/destroy.sh", Self.management, "organization/destroy.sh")
        _ = try run("destroy.sh", Self.workloads, "destroy.sh")
        let policies = try moto.json(["organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY"], account: Self.management)["Policies"] as? [[String: Any]] ?? []
        XCTAssertEqual(policies.compactMap { $0["Name"] as? String }, ["FullAWSAccess"], "only AWS's own SCP is left")
        let sets = try moto.json(["sso-admin", "list-permission-sets", "--instance-arn", instance], account: Self.management)["PermissionSets"] as? [Any] ?? []
        XCTAssertEqual(sets.count, 0, "permission sets left: \(sets)")
        let roles = try moto.json(["iam", "list-roles"], account: Self.workloads)["Roles"] as? [Any] ?? []
        XCTAssertEqual(roles.count, 0, "roles left in \(Self.workloads): \(roles)")

        let standInCalls = Set((try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? [])
        for call in Self.unmodeled where standInCalls.contains(call) {
            print("OrganizationCLITests: NOT CHECKED against moto: aws sso-admin \(call) (moto 5.2 does not model it, or not for AWS managed policies with a path; a stand-in kept and returned what the script sent)")
        }
        print("OrganizationCLITests: service-linked roles, SCPs (content, targets, tags) and permission sets (settings, inline policy, customer managed policies, assignments) checked against moto")
    }

    /// Service control policy names may hold any character (Organizations' PolicyName is
    /// `[\s\S]*`): quotes, `$(...)`, backticks, `${...}`, line breaks reach moto exactly as
    /// written, nothing in them runs, and a second run finds the policy again by its name.
    func testHostileServiceControlPolicyNamesStayInert() throws {
        let moto = try Self.fixture.accounts(for: "organization CLI hostile-string test")
        try moto.reset()
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try moto.json(["organizations", "create-organization", "--feature-set", "ALL"], account: Self.management)
        let name = "it's \"$(touch pwned-name)\" `touch pwned-tick` ${HOME} %{x} \\ | ; & < > *\nsecond line \u{202E}"
        let description = "$(touch pwned-description) 'single' \"double\" `x`\t${PATH}"
        func yaml(_ text: String) -> String {
            // A double-quoted YAML scalar; `$$` keeps rolegen from reading `${` as a variable.
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\u{202E}", with: "\\u202E").replacingOccurrences(of: "${", with: "$${")
            return "\"" + escaped + "\""
        }
        let spec = folder.appendingPathComponent("hostile.yaml")
        try """
        version: 1
        service_control_policies:
          - name: \(yaml(name))
            description: \(yaml(description))
            targets: [root]
            statements:
              - deny: organizations:LeaveOrganization
                resources: "*"

        """.write(to: spec, atomically: true, encoding: .utf8)
        let build = try SpecBuild.make(spec, targets: ["cli"])
        defer { build.remove() }
        let script = build.directory("cli").appendingPathComponent("organization/apply.sh").path
        for label in ["first", "second"] {
            let run = try moto.run(["bash", "-c", "cd \"$1\" && bash \"$2\"", "-", folder.path, script], account: Self.management,
                                   endpointInEnvironment: true)
            XCTAssertEqual(run.status, 0, "\(label) run\n\(run.stdout)\n\(run.stderr)")
            if label == "second" { XCTAssertEqual(run.stdout, "", "the second run finds the policy by its name and changes nothing") }
        }
        let policies = try moto.json(["organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY"], account: Self.management)["Policies"] as? [[String: Any]] ?? []
        let ours = policies.filter { $0["Name"] as? String != "FullAWSAccess" }
        XCTAssertEqual(ours.compactMap { $0["Name"] as? String }, [name])
        XCTAssertEqual(ours.compactMap { $0["Description"] as? String }, [description])
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pwned") }
        XCTAssertEqual(left, [], "a command inside a name ran")
        let destroy = try moto.run(["bash", build.directory("cli").appendingPathComponent("organization/destroy.sh").path],
                                   account: Self.management, endpointInEnvironment: true)
        XCTAssertEqual(destroy.status, 0, destroy.stderr)
    }

    /// What moto holds, as a comparable value, after checking it against the spec.
    private func readBack(_ moto: MotoAccounts, cli: URL, standInState: URL, root: String, ou: String, member: String, instance: String,
                          file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var lines: [String] = []
        // Service-linked roles: AWS (and moto) name them; the path names the service.
        let roles = try moto.json(["iam", "list-roles", "--path-prefix", "/aws-service-role/"], account: Self.workloads)["Roles"] as? [[String: Any]] ?? []
        let linked = roles.map { "\($0["Path"] as? String ?? "") \($0["RoleName"] as? String ?? "") \($0["Description"] as? String ?? "-")" }.sorted()
        // moto names the RDS role AWSServiceRoleForrds (AWS: AWSServiceRoleForRDS).
        XCTAssertEqual(linked, ["/aws-service-role/autoscaling.amazonaws.com/ AWSServiceRoleForAutoScaling_batch Auto Scaling groups of the batch fleet",
                                "/aws-service-role/rds.amazonaws.com/ AWSServiceRoleForrds -"], file: file, line: line)
        lines += linked

        let policies = try moto.json(["organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY"], account: Self.management)["Policies"] as? [[String: Any]] ?? []
        let ours = policies.filter { $0["Name"] as? String != "FullAWSAccess" }
        XCTAssertEqual(ours.compactMap { $0["Name"] as? String }.sorted(), ["allowed-regions", "protect-organization"], file: file, line: line)
        for summary in ours {
            let id = summary["Id"] as? String ?? "", name = summary["Name"] as? String ?? ""
            let policy = try moto.json(["organizations", "describe-policy", "--policy-id", id], account: Self.management)["Policy"] as? [String: Any]
            let content = policy?["Content"] as? String ?? ""
            let sent = try String(contentsOf: cli.appendingPathComponent("organization/service-control-policies/\(name)/content.json"), encoding: .utf8)
            XCTAssertEqual(content, sent, "\(name): the content is exactly the file", file: file, line: line)
            let targets = (try moto.json(["organizations", "list-targets-for-policy", "--policy-id", id], account: Self.management)["Targets"] as? [[String: Any]] ?? [])
                .compactMap { $0["TargetId"] as? String }.sorted()
            XCTAssertEqual(targets, name == "protect-organization" ? [root] : [member, ou].sorted(), "\(name) targets", file: file, line: line)
            let tags = (try moto.json(["organizations", "list-tags-for-resource", "--resource-id", id], account: Self.management)["Tags"] as? [[String: Any]] ?? [])
                .map { "\($0["Key"] ?? "")=\($0["Value"] ?? "")" }
            XCTAssertEqual(tags, ["owner=platform-team"], "\(name) tags", file: file, line: line)
            lines.append("\(name) \((summary["Description"] as? String) ?? "") \(targets) \(tags) \(content)")
        }

        func sso(_ arguments: [String]) throws -> [String: Any] {
            try moto.json(["sso-admin"] + arguments + ["--instance-arn", instance], account: Self.management)
        }
        let arns = try sso(["list-permission-sets"])["PermissionSets"] as? [String] ?? []
        var byName: [String: String] = [:]
        for arn in arns {
            let set = try sso(["describe-permission-set", "--permission-set-arn", arn])["PermissionSet"] as? [String: Any] ?? [:]
            byName[set["Name"] as? String ?? ""] = arn
            lines.append("\(set["Name"] ?? "") \(set["Description"] ?? "") \(set["SessionDuration"] ?? "") \(set["RelayState"] ?? "-")")
        }
        XCTAssertEqual(byName.keys.sorted(), ["Auditor", "Deployer"], file: file, line: line)
        let expected: [String: (managed: [String], customer: [String], inline: Bool, assignments: [String])] = [
            "Auditor": (["arn:aws:iam::aws:policy/SecurityAudit", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"], [], false,
                        ["111122223333 GROUP 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "444455556666 GROUP 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"]),
            "Deployer": ([], ["/deploy-artifacts"], true, ["444455556666 GROUP 9067a1b2c3-6d5c4b3a-2f1e-0d9c-8b7a-6f5e4d3c2b1a"]),
        ]
        for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let arn = byName[name] else { continue }
            // Not in moto (see `unmodeled`): what the stand-in was sent.
            let standIn = try JSONSerialization.jsonObject(with: Data(contentsOf: standInState)) as? [String: Any]
            let managed = (((standIn?["managed"] as? [String: Any])?[arn]) as? [String] ?? []).sorted()
            XCTAssertEqual(managed, want.managed, "\(name) managed policies", file: file, line: line)
            let customer = (try sso(["list-customer-managed-policy-references-in-permission-set", "--permission-set-arn", arn])["CustomerManagedPolicyReferences"] as? [[String: Any]] ?? [])
                .map { "\($0["Path"] ?? "")\($0["Name"] ?? "")" }
            XCTAssertEqual(customer, want.customer, "\(name) customer managed policies", file: file, line: line)
            let inline = try sso(["get-inline-policy-for-permission-set", "--permission-set-arn", arn])["InlinePolicy"] as? String ?? ""
            if want.inline {
                XCTAssertEqual(inline, try String(contentsOf: cli.appendingPathComponent("organization/permission-sets/\(name)/inline-policy.json"), encoding: .utf8), "\(name) inline policy", file: file, line: line)
            } else {
                XCTAssertEqual(inline, "", "\(name) has no inline policy", file: file, line: line)
            }
            var assignments: [String] = []
            for account in [Self.management, Self.workloads] {
                assignments += (try sso(["list-account-assignments", "--permission-set-arn", arn, "--account-id", account])["AccountAssignments"] as? [[String: Any]] ?? [])
                    .map { "\($0["AccountId"] ?? "") \($0["PrincipalType"] ?? "") \($0["PrincipalId"] ?? "")" }
            }
            XCTAssertEqual(assignments.sorted(), want.assignments, "\(name) assignments", file: file, line: line)
            lines += [name, "\(managed)", "\(customer)", inline, "\(assignments.sorted())"]
        }
        return lines.joined(separator: "\n")
    }
}
