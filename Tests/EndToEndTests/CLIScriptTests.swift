import Foundation
import XCTest

/// The `cli` target's apply.sh and destroy.sh with the real tools: shellcheck, bash and the
/// AWS CLI against moto (each account of a build with its own credentials; see MotoAccounts).
final class CLIScriptTests: XCTestCase {
    private static let fixture = MotoFixture()

    override class func setUp() {
        super.setUp()
        fixture.start()
    }

    override class func tearDown() {
        fixture.stop()
        super.tearDown()
    }

    private var examples: [URL] {
        get throws { try GoldenTests.examples().map { Support.packageRoot.appendingPathComponent("Examples/" + $0) } }
    }

    // MARK: Specs of these tests

    /// Deploy-time inputs in JSON documents, shell words (an account) and descriptions.
    static let inputsSpec = """
    version: 1
    variables:
      external_id: {input: true, sensitive: true, description: External id agreed with the partner}
      partner_account: {input: true, default: "444455556666"}
      team: {input: true, default: blue}
    accounts:
      prod: "111122223333"
      partner: ${partner_account}
    defaults:
      account: prod
    roles:
      - name: partner-audit
        description: Audit for ${team}
        trust:
          - account: partner
            external_id: ${external_id}
        inline_policies:
          - name: read
            statements:
              - allow: s3:GetObject
                resources: "arn:aws:s3:::data-${team}/${aws:username}/*"
      - name: partner-local
        account: partner
        trust:
          - service: ec2.amazonaws.com

    """

    /// Strings that would run, or load files, if any reached the shell or the AWS CLI's
    /// parameter parsing unquoted. `MARKER` is replaced with a folder that must stay empty.
    static let hostileSpec = #"""
    version: 1
    variables:
      label: {input: true, description: "Label; $(touch MARKER/input-description)"}
    defaults:
      account: "111122223333"
    policies:
      - name: hostile-policy
        path: /hostile/
        description: file:///etc/hostname
        statements:
          - allow: s3:GetObject
            resources: "arn:aws:s3:::bucket/${label}/*"
    roles:
      - name: -leading-dash
        description: "$(touch MARKER/a) `touch MARKER/b` ; touch MARKER/c\n'single' \"double\" \\ ${label} ${aws:username} http://127.0.0.1:9/x"
        trust:
          - service: ec2.amazonaws.com
        managed_policies: [hostile-policy]
        inline_policies:
          - name: +=,.@-_
            statements:
              - allow: s3:GetObject
                resources: "*"
                conditions:
                  StringEquals:
                    aws:PrincipalTag/x: ["$(touch MARKER/d)", "`touch MARKER/e`", "a;touch MARKER/f", "${label}", "file:///etc/passwd"]
        tags:
          "k y": "@value with spaces"
        instance_profile: true

    """#

    /// ASCII only: a value outside ASCII inside a JSON document makes apply.sh put that
    /// document again on every run (IAM's answer escapes it; apply.sh compares text).
    static let hostileLabel = #"x"; $(touch MARKER/g) `touch MARKER/h` 'q' \ ${HOME}"#

    /// Minimal organization specs: a permission set with each combination of its optional
    /// pieces (some make the plan call a list function with no arguments), and each other
    /// organization piece alone.
    static let organizationShapes: [String] = {
        let pieces = [
            "    inline_policy: {statements: [{allow: s3:ListAllMyBuckets, resources: '*'}]}",
            "    managed_policies: [SecurityAudit]",
            "    customer_managed_policies: [audit-extra]",
            "    permissions_boundary: PowerUserAccess",
            "    assignments: [{group: 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d, accounts: [workloads]}]",
        ]
        let head = """
        version: 1
        accounts: {workloads: "444455556666"}
        policies:
          - {name: audit-extra, statements: [{allow: s3:ListAllMyBuckets, resources: '*'}]}

        """
        let sets = (0..<(1 << pieces.count)).map { mask in
            head + "permission_sets:\n  - name: Shape\(mask)\n"
                + pieces.indices.filter { mask & (1 << $0) != 0 }.map { pieces[$0] + "\n" }.joined()
        }
        return sets + [
            "version: 1\nservice_control_policies:\n  - {name: p, targets: [root], statements: [{deny: organizations:LeaveOrganization, resources: '*'}]}\n",
            "version: 1\nservice_linked_roles:\n  - service: rds.amazonaws.com\n",
            "version: 1\nservice_linked_roles:\n  - {service: autoscaling.amazonaws.com, suffix: batch}\n",
        ]
    }()

    private func write(_ text: String, named name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: shellcheck

    func testShellcheckReportsNothingOnEveryScript() throws {
        guard let shellcheck = Support.which("shellcheck") else {
            try Support.skipLoudly("shellcheck is not on PATH (apt-get install shellcheck); CLI scripts not checked")
        }
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var specs = try examples
        specs.append(try write(Self.inputsSpec, named: "inputs.yaml", in: folder))
        specs.append(try write(Self.hostileSpec.replacingOccurrences(of: "MARKER", with: folder.path), named: "hostile.yaml", in: folder))
        for (index, spec) in Self.organizationShapes.enumerated() {
            specs.append(try write(spec, named: "organization-shape-\(index).yaml", in: folder))
        }
        var scripts: [String] = []
        for spec in specs {
            let output = folder.appendingPathComponent("out-" + spec.deletingPathExtension().lastPathComponent)
            let build = try Support.rolegen(["build", spec.path, "-o", output.path, "--target", "cli", "--color", "never"], cwd: Support.packageRoot)
            XCTAssertEqual(build.status, 0, "\(spec.lastPathComponent): \(build.stderr)")
            scripts += ["apply.sh", "destroy.sh", "organization/apply.sh", "organization/destroy.sh"].map { output.appendingPathComponent("cli/" + $0).path }
                .filter { FileManager.default.fileExists(atPath: $0) }
        }
        let run = try Support.run([shellcheck] + scripts)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout + run.stderr, "", "shellcheck findings")
        for script in scripts {
            let syntax = try Support.run(["bash", "-n", script])
            XCTAssertEqual(syntax.status, 0, "bash -n \(script): \(syntax.stderr)")
        }
        print("CLIScriptTests: shellcheck clean on \(scripts.count) scripts")
    }

    // MARK: moto

    /// apply.sh twice (the second run writes nothing and IAM is unchanged), read back against
    /// the iam-json manifest, then destroy.sh, and nothing is left.
    /// The endpoint comes from AWS_ENDPOINT_URL here (CrossBackendTests passes --endpoint-url).
    func testEveryExampleAppliesIdempotentlyAndDestroysCompletely() throws {
        let moto = try Self.fixture.accounts(for: "CLI script apply test")
        for spec in try examples {
            let started = Date()
            let build = try SpecBuild.make(spec, targets: ["cli"])
            defer { build.remove() }
            try moto.reset()
            let manifest = try IAMJSONManifest.load(build.directory("iam-json"))
            let apply = build.directory("cli").appendingPathComponent("apply.sh").path
            let destroy = build.directory("cli").appendingPathComponent("destroy.sh").path
            for account in build.accounts {
                let label = "\(build.name) in \(account)"
                let first = try moto.run(["bash", apply], account: account, endpointInEnvironment: true)
                XCTAssertEqual(first.status, 0, "\(label): apply.sh\n\(first.stderr)")
                let afterFirst = try IAMDump.capture(account: account, moto: moto)
                let second = try moto.run(["bash", apply], account: account, endpointInEnvironment: true)
                XCTAssertEqual(second.status, 0, "\(label): second apply.sh\n\(second.stderr)")
                XCTAssertEqual(second.stdout, "", "\(label): the second apply.sh changes nothing")
                XCTAssertTrue(second.stderr.hasSuffix(": 0 change(s)\n"), "\(label): \(second.stderr)")
                IAMDump.assertEqual(try IAMDump.capture(account: account, moto: moto), afterFirst, "\(label) after the second apply.sh")

                // Read back: the roles, policies and instance profiles the manifest puts here.
                let roles = manifest.roles.filter { $0.account == nil || $0.account == account }
                let policies = manifest.policies.filter { $0.accounts.isEmpty || $0.accounts.contains(account) }
                // Service-linked roles, which AWS names, are read back by OrganizationCLITests.
                let found = (afterFirst["RoleDetailList"] as? [[String: Any]] ?? []).filter { ($0["Path"] as? String)?.hasPrefix("/aws-service-role/") != true }
                XCTAssertEqual(found.compactMap { $0["RoleName"] as? String }.sorted(), roles.map(\.name).sorted(), "\(label): roles")
                // moto's policy entries have no PolicyName; the ARN ends with it.
                XCTAssertEqual((afterFirst["Policies"] as? [[String: Any]] ?? []).compactMap { ($0["Arn"] as? String)?.split(separator: "/").last.map(String.init) }.sorted(),
                               policies.map(\.name).sorted(), "\(label): customer policies")
                for role in roles {
                    let entry = found.first { $0["RoleName"] as? String == role.name } ?? [:]
                    let attached = (entry["AttachedManagedPolicies"] as? [[String: Any]] ?? []).compactMap { $0["PolicyArn"] as? String }
                    XCTAssertEqual(attached.sorted(), role.managedPolicyArns.sorted(), "\(label): \(role.name) managed policies")
                    let inline = (entry["RolePolicyList"] as? [[String: Any]] ?? []).compactMap { $0["PolicyName"] as? String }
                    XCTAssertEqual(inline.sorted(), role.inlinePolicies.map(\.name).sorted(), "\(label): \(role.name) inline policies")
                    let profiles = (entry["InstanceProfileList"] as? [[String: Any]] ?? []).compactMap { $0["InstanceProfileName"] as? String }
                    XCTAssertEqual(profiles, role.instanceProfile.map { [$0.name] } ?? [], "\(label): \(role.name) instance profiles")
                }
            }
            for account in build.accounts {
                let label = "\(build.name) in \(account)"
                let run = try moto.run(["bash", destroy], account: account, endpointInEnvironment: true)
                XCTAssertEqual(run.status, 0, "\(label): destroy.sh\n\(run.stderr)")
                try assertEmpty(account, moto: moto, label)
            }
            print("CLIScriptTests: \(build.name) applied twice and destroyed in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }

    /// --dry-run prints the commands and changes nothing; after a real run it prints nothing;
    /// destroy.sh --dry-run leaves IAM alone, destroy.sh empties it and can run again.
    func testDryRunPrintsCommandsAndChangesNothing() throws {
        let moto = try Self.fixture.accounts(for: "CLI dry-run test")
        let build = try SpecBuild.make(Support.packageRoot.appendingPathComponent("Examples/ec2-app.yaml"), targets: ["cli"])
        defer { build.remove() }
        try moto.reset()
        let account = "111122223333"
        let apply = build.directory("cli").appendingPathComponent("apply.sh").path
        let destroy = build.directory("cli").appendingPathComponent("destroy.sh").path
        let dry = try moto.run(["bash", apply, "--dry-run", "--endpoint-url", moto.endpoint], account: account)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let commands = dry.stdout.split(separator: "\n").map { String($0.split(separator: " ").prefix(3).joined(separator: " ")) }
        XCTAssertEqual(commands, ["aws iam create-policy", "aws iam create-role", "aws iam attach-role-policy", "aws iam attach-role-policy",
                                  "aws iam create-instance-profile", "aws iam add-role-to-instance-profile"], dry.stdout)
        XCTAssertTrue(dry.stderr.contains("dry run for account 111122223333: 6 change(s) not made"), dry.stderr)
        try assertEmpty(account, moto: moto, "after apply.sh --dry-run")

        XCTAssertEqual(try moto.run(["bash", apply, "--endpoint-url", moto.endpoint], account: account).status, 0)
        let after = try moto.run(["bash", apply, "--dry-run", "--endpoint-url", moto.endpoint], account: account)
        XCTAssertEqual(after.stdout, "", "nothing to do after a real run")
        let before = try IAMDump.capture(account: account, moto: moto)
        let dryDestroy = try moto.run(["bash", destroy, "--dry-run", "--endpoint-url", moto.endpoint], account: account)
        XCTAssertEqual(dryDestroy.status, 0, dryDestroy.stderr)
        XCTAssertTrue(dryDestroy.stdout.contains("aws iam delete-role --role-name=web-app-ec2"), dryDestroy.stdout)
        IAMDump.assertEqual(try IAMDump.capture(account: account, moto: moto), before, "after destroy.sh --dry-run")

        XCTAssertEqual(try moto.run(["bash", destroy, "--endpoint-url", moto.endpoint], account: account).status, 0)
        try assertEmpty(account, moto: moto, "after destroy.sh")
        let again = try moto.run(["bash", destroy, "--endpoint-url", moto.endpoint], account: account)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "", "a second destroy.sh finds nothing to do")
    }

    /// Changes made behind apply.sh's back are undone by the next run, which is then the last
    /// one to change anything.
    func testApplyUndoesDrift() throws {
        let moto = try Self.fixture.accounts(for: "CLI drift test")
        let build = try SpecBuild.make(Support.packageRoot.appendingPathComponent("Examples/ec2-app.yaml"), targets: ["cli"])
        defer { build.remove() }
        try moto.reset()
        let account = "111122223333"
        let apply = build.directory("cli").appendingPathComponent("apply.sh").path
        XCTAssertEqual(try moto.run(["bash", apply, "--endpoint-url", moto.endpoint], account: account).status, 0)
        let wanted = try IAMDump.capture(account: account, moto: moto)

        let policy = "arn:aws:iam::111122223333:policy/web-app-assets-read"
        let otherDocument = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#
        try moto.all([
            ["iam", "update-role", "--role-name", "web-app-ec2", "--description", "changed", "--max-session-duration", "7200"],
            ["iam", "update-assume-role-policy", "--role-name", "web-app-ec2", "--policy-document",
             #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#],
            ["iam", "detach-role-policy", "--role-name", "web-app-ec2", "--policy-arn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
            ["iam", "attach-role-policy", "--role-name", "web-app-ec2", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
            ["iam", "put-role-policy", "--role-name", "web-app-ec2", "--policy-name", "extra", "--policy-document", otherDocument],
            ["iam", "tag-role", "--role-name", "web-app-ec2", "--tags", "Key=app,Value=other", "Key=extra,Value=x"],
            ["iam", "put-role-permissions-boundary", "--role-name", "web-app-ec2", "--permissions-boundary", policy],
            ["iam", "remove-role-from-instance-profile", "--instance-profile-name", "web-app-ec2", "--role-name", "web-app-ec2"],
            ["iam", "create-policy-version", "--policy-arn", policy, "--policy-document", otherDocument, "--set-as-default"],
        ], account: account)

        let repair = try moto.run(["bash", apply, "--endpoint-url", moto.endpoint], account: account)
        XCTAssertEqual(repair.status, 0, repair.stderr)
        for command in ["update-role", "update-assume-role-policy", "attach-role-policy", "detach-role-policy", "delete-role-policy",
                        "untag-role", "tag-role", "delete-role-permissions-boundary", "add-role-to-instance-profile", "create-policy-version"] {
            XCTAssertTrue(repair.stdout.contains("aws iam \(command) "), "the repair runs \(command)\n\(repair.stdout)")
        }
        // The policy now has a third version (v2 was the drift); everything else is as before.
        var repaired = try IAMDump.capture(account: account, moto: moto)
        let versions = ((repaired["Policies"] as? [[String: Any]])?.first?["PolicyVersionList"] as? [[String: Any]]) ?? []
        XCTAssertEqual(versions.compactMap { $0["VersionId"] as? String }, ["v1", "v2", "v3"])
        let v1 = (((wanted["Policies"] as? [[String: Any]])?.first?["PolicyVersionList"] as? [[String: Any]]) ?? []).first?["Document"]
        let v3 = versions.last?["Document"]
        XCTAssertEqual(IAMDump.text(["d": v3 ?? ""]), IAMDump.text(["d": v1 ?? ""]), "the default version has the spec's document again")
        for key in ["Policies"] { repaired[key] = nil }
        var expected = wanted
        expected["Policies"] = nil
        IAMDump.assertEqual(repaired, expected, "after apply.sh undid the drift")
        let again = try moto.run(["bash", apply, "--endpoint-url", moto.endpoint], account: account)
        XCTAssertEqual(again.stdout, "", "the run after the repair changes nothing")
    }

    /// A spec full of shell syntax, quotes, `file://` and URL values, a role name starting with
    /// `-`, and hostile input values: nothing runs, nothing is loaded, every value arrives
    /// byte for byte, and a second run changes nothing.
    func testHostileValuesAreData() throws {
        let moto = try Self.fixture.accounts(for: "CLI hostile strings test")
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markers = folder.appendingPathComponent("markers")
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        let label = Self.hostileLabel.replacingOccurrences(of: "MARKER", with: markers.path)
        let spec = try write(Self.hostileSpec.replacingOccurrences(of: "MARKER", with: markers.path), named: "hostile.yaml", in: folder)
        let build = try SpecBuild.make(spec, targets: ["cli"], inputs: ["label": label])
        defer { build.remove() }
        try moto.reset()
        let account = "111122223333"
        let environment = CLIScriptApplier.inputEnvironment(build.inputs)
        let apply = build.directory("cli").appendingPathComponent("apply.sh").path
        let run = try moto.run(["bash", apply], account: account, endpointInEnvironment: true, extraEnvironment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)

        // What the iam-json target (built with --var label=…) says IAM must hold.
        let iamJSON = build.directory("iam-json")
        let createRole = try JSONSerialization.jsonObject(with: Data(contentsOf: iamJSON.appendingPathComponent("roles/-leading-dash/role.json"))) as? [String: Any]
        let role = try moto.json(["iam", "get-role", "--role-name=-leading-dash"], account: account)["Role"] as? [String: Any]
        XCTAssertEqual(role?["Description"] as? String, createRole?["Description"] as? String)
        XCTAssertTrue((role?["Description"] as? String ?? "").contains("`touch \(markers.path)/b` ; touch"), "\(role ?? [:])")
        let policy = try moto.json(["iam", "get-policy", "--policy-arn", "arn:aws:iam::111122223333:policy/hostile/hostile-policy"], account: account)
        XCTAssertEqual((policy["Policy"] as? [String: Any])?["Description"] as? String, "file:///etc/hostname", "a description is not a file to load")
        let inline = try moto.json(["iam", "get-role-policy", "--role-name=-leading-dash", "--policy-name", "+=,.@-_"], account: account)
        let expectedInline = try JSONSerialization.jsonObject(with: Data(contentsOf: iamJSON.appendingPathComponent("roles/-leading-dash/inline/+=,.@-_.json")))
        XCTAssertEqual(IAMDump.text(["d": IAMDump.document(inline["PolicyDocument"])]), IAMDump.text(["d": expectedInline]))

        let again = try moto.run(["bash", apply], account: account, endpointInEnvironment: true, extraEnvironment: environment)
        XCTAssertEqual(again.stdout, "", "the second run changes nothing\n\(again.stderr)")
        let destroy = build.directory("cli").appendingPathComponent("destroy.sh").path
        XCTAssertEqual(try moto.run(["bash", destroy], account: account, endpointInEnvironment: true).status, 0)
        try assertEmpty(account, moto: moto, "after destroy.sh")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: markers.path), [], "no hostile string ran")
    }

    /// Inputs are filled in one pass over the file: a value that holds another input's
    /// placeholder arrives as written, and never pulls the other (sensitive) input in.
    func testInputValuesAreNotSubstitutedAgain() throws {
        let moto = try Self.fixture.accounts(for: "CLI input substitution test")
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try write("""
            version: 1
            variables:
              label: {input: true}
              secret: {input: true, sensitive: true}
            roles:
              - name: substituted
                account: "111122223333"
                description: Label ${label}
                trust:
                  - account: "444455556666"
                    external_id: ${secret}
            """, named: "inputs.yaml", in: folder)
        let build = try SpecBuild.make(spec, targets: ["cli"], inputs: ["label": "x", "secret": "s"])
        defer { build.remove() }
        try moto.reset()
        let apply = build.directory("cli").appendingPathComponent("apply.sh").path
        let run = try moto.run(["bash", apply], account: "111122223333", endpointInEnvironment: true,
                               extraEnvironment: ["ROLEGEN_VAR_label": "x«secret»y", "ROLEGEN_VAR_secret": "TOPSECRET"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let role = try moto.json(["iam", "get-role", "--role-name", "substituted"], account: "111122223333")["Role"] as? [String: Any]
        XCTAssertEqual(role?["Description"] as? String, "Label x«secret»y")
    }

    /// A required input without a value, credentials for an account the build does not name,
    /// and a bad argument: each stops the script before it changes anything, saying why.
    func testScriptsRefuseClearly() throws {
        let moto = try Self.fixture.accounts(for: "CLI refusal test")
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try write(Self.inputsSpec, named: "inputs.yaml", in: folder)
        let build = try SpecBuild.make(spec, targets: ["cli"], inputs: ["external_id": "x"])
        defer { build.remove() }
        try moto.reset()
        let apply = build.directory("cli").appendingPathComponent("apply.sh").path

        let missing = try moto.run(["bash", apply], account: "111122223333", endpointInEnvironment: true)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("ROLEGEN_VAR_external_id: External id agreed with the partner"), missing.stderr)
        XCTAssertFalse(missing.stderr.contains("ROLEGEN_VAR_team"), "inputs with a default are not required: \(missing.stderr)")

        let elsewhere = try moto.run(["bash", apply], account: "999999999999", endpointInEnvironment: true,
                                     extraEnvironment: ["ROLEGEN_VAR_external_id": "x"])
        XCTAssertEqual(elsewhere.status, 1)
        XCTAssertTrue(elsewhere.stderr.contains("the credentials are for account 999999999999, but this build only has roles and policies for account(s) 111122223333 444455556666"),
                      elsewhere.stderr)

        let bad = try moto.run(["bash", apply, "--bogus"], account: "111122223333")
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown argument: --bogus"), bad.stderr)
        for account in ["111122223333", "999999999999"] { try assertEmpty(account, moto: moto, "after the refusals") }

        // The partner account comes from its input: with another value, the role goes there.
        let partner = try moto.run(["bash", apply], account: "777788889999", endpointInEnvironment: true,
                                   extraEnvironment: ["ROLEGEN_VAR_external_id": "x", "ROLEGEN_VAR_partner_account": "777788889999"])
        XCTAssertEqual(partner.status, 0, partner.stderr)
        let roles = try moto.json(["iam", "list-roles"], account: "777788889999")["Roles"] as? [[String: Any]] ?? []
        XCTAssertEqual(roles.compactMap { $0["RoleName"] as? String }, ["partner-local"])
    }

    /// A call IAM refuses (attaching a policy that does not exist) stops the script with
    /// status 1, as docs/cli.md says, not with the AWS CLI's own status (252–255).
    func testRefusedCallExitsWithOne() throws {
        let moto = try Self.fixture.accounts(for: "CLI refused call test")
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try write("""
        version: 1
        accounts: {prod: "111122223333"}
        roles:
          - name: broken
            account: prod
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: ["arn:aws:iam::111122223333:policy/not-there"]

        """, named: "refused.yaml", in: folder)
        let build = try SpecBuild.make(spec, targets: ["cli"])
        defer { build.remove() }
        try moto.reset()
        let run = try moto.run(["bash", build.directory("cli").appendingPathComponent("apply.sh").path], account: "111122223333", endpointInEnvironment: true)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("apply.sh: error: aws iam attach-role-policy failed"), run.stderr)
    }

    private func assertEmpty(_ account: String, moto: MotoAccounts, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let roles = try moto.json(["iam", "list-roles"], account: account)["Roles"] as? [Any] ?? []
        let policies = try moto.json(["iam", "list-policies", "--scope", "Local"], account: account)["Policies"] as? [Any] ?? []
        let profiles = try moto.json(["iam", "list-instance-profiles"], account: account)["InstanceProfiles"] as? [Any] ?? []
        XCTAssertEqual(roles.count + policies.count + profiles.count, 0,
                       "\(label): \(account) still has roles \(roles), policies \(policies), instance profiles \(profiles)", file: file, line: line)
    }
}
