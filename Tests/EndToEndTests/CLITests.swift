import Foundation
import XCTest

/// The command line as a user meets it: exit codes, messages, atomic output, init.
final class CLITests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = try Support.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    private func write(_ name: String, _ text: String) throws {
        let url = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private func read(_ name: String) -> String? {
        try? String(contentsOf: work.appendingPathComponent(name), encoding: .utf8)
    }

    private let goodSpec = """
    version: 1
    variables:
      env: dev
    roles:
      - name: app-${env}
        trust:
          - service: ec2.amazonaws.com
        inline_policies:
          - name: read
            statements:
              - allow: s3:GetObject
                resources: arn:aws:s3:::bucket-${env}/*

    """

    func testSuccessWritesOutput() throws {
        try write("roles.yaml", goodSpec)
        let run = try Support.rolegen(["build", "roles.yaml"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("wrote"), run.stdout)
        XCTAssertNotNil(read("out/iam-json/roles/app-dev/role.json"))
        XCTAssertEqual(read("out/iam-json/roles/app-dev/inline/read.json")?.contains("arn:aws:s3:::bucket-dev/*"), true)
    }

    func testSpecErrorExitsOneWithLocationAndCaret() throws {
        try write("bad.yaml", goodSpec.replacingOccurrences(of: "trust:", with: "trsut:"))
        let run = try Support.rolegen(["build", "bad.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("bad.yaml:6:5: error[RG0101]: unknown key 'trsut' in a role"), run.stderr)
        XCTAssertTrue(run.stderr.contains("6 |     trsut:\n  |     ^~~~~"), run.stderr)
        XCTAssertTrue(run.stderr.contains("help: did you mean 'trust'?"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "nothing written on failure")
    }

    func testUsageAndIOErrorsExitTwo() throws {
        XCTAssertEqual(try Support.rolegen(["build", "missing.yaml"], cwd: work).status, 2)
        XCTAssertEqual(try Support.rolegen(["build"], cwd: work).status, 2)
        XCTAssertEqual(try Support.rolegen(["build", "--bogus", "x.yaml"], cwd: work).status, 2)
        try write("roles.yaml", goodSpec)
        let target = try Support.rolegen(["build", "roles.yaml", "--target", "nope"], cwd: work)
        XCTAssertEqual(target.status, 2)
        XCTAssertTrue(target.stderr.contains("unknown target 'nope'"), target.stderr)
        XCTAssertEqual(try Support.rolegen(["build", "roles.yaml", "--var", "novalue"], cwd: work).status, 2)
        try write("file-not-dir", "x")
        let outputIsFile = try Support.rolegen(["build", "roles.yaml", "-o", "file-not-dir"], cwd: work)
        XCTAssertEqual(outputIsFile.status, 2)
        XCTAssertTrue(outputIsFile.stderr.contains("not a directory"), outputIsFile.stderr)
    }

    func testHelpAndVersionExitZero() throws {
        let help = try Support.rolegen(["build", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--var <name=value>"), help.stdout)
        XCTAssertEqual(try Support.rolegen(["--version"]).status, 0)
    }

    /// `explain` takes a rule by code or name, and any other code rolegen reports (RG3000 for
    /// stale suppressions, grammar codes) with its title and help; anything else is a usage error.
    func testExplainRulesAndOtherCodes() throws {
        let rule = try Support.rolegen(["explain", "full_admin"])
        XCTAssertEqual(rule.status, 0)
        XCTAssertTrue(rule.stdout.hasPrefix("RG3001 full_admin (error): "), rule.stdout)
        XCTAssertTrue(rule.stdout.contains("Triggers (↓ marks the reported position)"), rule.stdout)
        let stale = try Support.rolegen(["explain", "rg3000"])
        XCTAssertEqual(stale.status, 0)
        XCTAssertTrue(stale.stdout.hasPrefix("RG3000: lint suppression matches no finding\n\nRemove the lint.ignore entry"), stale.stdout)
        let grammar = try Support.rolegen(["explain", "RG1104"])
        XCTAssertEqual(grammar.status, 0)
        XCTAssertTrue(grammar.stdout.contains("AWS documentation: https://"), grammar.stdout)
        let unknown = try Support.rolegen(["explain", "RG9999"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no lint rule or diagnostic code 'RG9999'"), unknown.stderr)
    }

    func testFailedBuildLeavesPreviousOutputUntouched() throws {
        try write("roles.yaml", goodSpec)
        XCTAssertEqual(try Support.rolegen(["build", "roles.yaml"], cwd: work).status, 0)
        let before = read("out/iam-json/roles/app-dev/role.json")
        try write("out/iam-json/marker.txt", "kept")
        try write("roles.yaml", goodSpec.replacingOccurrences(of: "${env}", with: "${nope}"))
        XCTAssertEqual(try Support.rolegen(["build", "roles.yaml"], cwd: work).status, 1)
        XCTAssertEqual(read("out/iam-json/roles/app-dev/role.json"), before)
        XCTAssertEqual(read("out/iam-json/marker.txt"), "kept")
    }

    func testUnsafeOutputDirectoriesAreRefused() throws {
        try write("roles.yaml", goodSpec)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("link").path, withDestinationPath: "real")
        let symlink = try Support.rolegen(["build", "roles.yaml", "-o", "link"], cwd: work)
        XCTAssertEqual(symlink.status, 2)
        XCTAssertTrue(symlink.stderr.contains("is a symbolic link"), symlink.stderr)
        try write("gen/iam-json/roles.yaml", goodSpec)
        let inside = try Support.rolegen(["build", "gen/iam-json/roles.yaml", "-o", "gen"], cwd: work)
        XCTAssertEqual(inside.status, 2)
        XCTAssertTrue(inside.stderr.contains("which the build would replace"), inside.stderr)
        XCTAssertNotNil(read("gen/iam-json/roles.yaml"), "the input survives")
        // /proc refuses new directories even to root, so this holds in CI too.
        let unwritable = try Support.rolegen(["build", "roles.yaml", "-o", "/proc/rolegen-test-output"], cwd: work)
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("cannot create output directory"), unwritable.stderr)
    }

    func testRebuildReplacesTargetDirectoryAndWritesNothingElse() throws {
        try write("roles.yaml", goodSpec)
        XCTAssertEqual(try Support.rolegen(["build", "roles.yaml", "-o", "gen"], cwd: work).status, 0)
        XCTAssertEqual(try Support.rolegen(["build", "roles.yaml", "-o", "gen", "--var", "env=prod"], cwd: work).status, 0)
        XCTAssertNotNil(read("gen/iam-json/roles/app-prod/role.json"))
        XCTAssertNil(read("gen/iam-json/roles/app-dev/role.json"), "stale files from the previous build are gone")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), ["gen", "roles.yaml"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("gen").path), ["iam-json"])
        let attributes = try FileManager.default.attributesOfItem(atPath: work.appendingPathComponent("gen/iam-json/manifest.json").path)
        XCTAssertEqual((attributes[.posixPermissions] as? Int).map { $0 & 0o111 }, 0, "generated files are not executable")
    }

    func testDirectoryInputAndNamesUniqueAcrossFiles() throws {
        try write("specs/a.yaml", goodSpec)
        try write("specs/nested/b.yml", goodSpec.replacingOccurrences(of: "app-${env}", with: "APP-dev"))
        let run = try Support.rolegen(["validate", "specs", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("specs/nested/b.yml:5:11: error[RG0205]: role name 'APP-dev' is already used"), run.stderr)
        XCTAssertTrue(run.stderr.contains("specs/a.yaml:5:11: note: first defined here"), run.stderr)
    }

    func testQuietAndColor() throws {
        try write("bad.yaml", goodSpec.replacingOccurrences(of: "trust:", with: "trsut:"))
        let colored = try Support.rolegen(["build", "bad.yaml", "--color", "always"], cwd: work)
        XCTAssertTrue(colored.stderr.contains("\u{1B}[1;31merror[RG0101]"), colored.stderr)
        let plain = try Support.rolegen(["build", "bad.yaml"], cwd: work)
        XCTAssertFalse(plain.stderr.contains("\u{1B}["), "auto colour is off when stderr is not a terminal")
        try write("ok.yaml", goodSpec)
        let quiet = try Support.rolegen(["build", "ok.yaml", "--quiet"], cwd: work)
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.stdout + quiet.stderr, "")
    }

    func testInitWritesASpecThatBuilds() throws {
        let run = try Support.rolegen(["init"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        let build = try Support.rolegen(["build", "roles.yaml"], cwd: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "", "the starter spec has no warnings")
        XCTAssertEqual(try Support.rolegen(["init"], cwd: work).status, 2, "init does not overwrite")
        XCTAssertEqual(try Support.rolegen(["init", "--force"], cwd: work).status, 0)
    }

    func testDocumentFileIsReadRelativeToTheSpec() throws {
        try write("specs/policies/read.json", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"],
          "Resource": "arn:aws:s3:::b/${aws:username}/*", "Condition": {"Bool": {"aws:SecureTransport": true}}}]}
        """)
        try write("specs/roles.yaml", goodSpec.replacingOccurrences(of: """
                    statements:
                      - allow: s3:GetObject
                        resources: arn:aws:s3:::bucket-${env}/*
            """, with: "        document_file: policies/read.json"))
        let run = try Support.rolegen(["build", "specs/roles.yaml"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(read("out/iam-json/roles/app-dev/inline/read.json"), """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::b/${aws:username}/*",
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": "true"
                }
              }
            }
          ]
        }

        """)
        try FileManager.default.removeItem(at: work.appendingPathComponent("specs/policies/read.json"))
        let missing = try Support.rolegen(["build", "specs/roles.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("specs/roles.yaml:10:24: error[RG0001]: document_file 'policies/read.json' could not be read"), missing.stderr)
    }

    func testIAMJSONNeedsValuesForDeployInputs() throws {
        try write("roles.yaml", goodSpec.replacingOccurrences(of: "  env: dev", with: "  env: {input: true}")
            .replacingOccurrences(of: "app-${env}", with: "app"))
        let run = try Support.rolegen(["build", "roles.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("rolegen: error[RG0216]: target iam-json needs a value for deploy-time input 'env'"), run.stderr)
        XCTAssertEqual(try Support.rolegen(["build", "roles.yaml", "--var", "env=prod"], cwd: work).status, 0)
        XCTAssertEqual(read("out/iam-json/roles/app/inline/read.json")?.contains("arn:aws:s3:::bucket-prod/*"), true)
    }

    func testLintRunsInBuildWithConfigurationAndStrict() throws {
        try write("specs/admin.yaml", "version: 1\nroles:\n  - name: r\n    trust: [{service: ec2.amazonaws.com}]\n    managed_policies: [AmazonS3FullAccess]\n")
        let warned = try Support.rolegen(["build", "specs/admin.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(warned.status, 0, warned.stderr)
        XCTAssertTrue(warned.stderr.contains("specs/admin.yaml:5:24: warning[RG3002]: AWS managed policy 'AmazonS3FullAccess' allows every s3 action on every resource"), warned.stderr)
        XCTAssertEqual(try Support.rolegen(["build", "specs/admin.yaml", "--strict", "-o", "strict"], cwd: work).status, 1)
        XCTAssertNil(read("strict/iam-json/manifest.json"), "--strict refuses to write on warnings")
        XCTAssertEqual(try Support.rolegen(["build", "specs/admin.yaml", "--no-lint"], cwd: work).stderr, "")
        // .rolegen.yaml is found upward from the spec.
        try write(".rolegen.yaml", "lint:\n  severity: {RG3002: error}\n")
        let error = try Support.rolegen(["build", "specs/admin.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(error.status, 1)
        XCTAssertTrue(error.stderr.contains("error[RG3002]"), error.stderr)
        try write("other.yaml", "lint:\n  disable: [RG3002]\n")
        XCTAssertEqual(try Support.rolegen(["build", "specs/admin.yaml", "--config", "other.yaml"], cwd: work).stderr, "")
    }

    func testRequiredTagsComeFromTheConfigurationsOptions() throws {
        try write("specs/app.yaml", "version: 1\nroles:\n  - name: app\n    trust: [{service: ec2.amazonaws.com}]\n    tags: {owner: platform}\n")
        XCTAssertEqual(try Support.rolegen(["validate", "specs/app.yaml"], cwd: work).stderr, "", "RG3203 is opt-in")
        try write(".rolegen.yaml", "lint:\n  options:\n    missing_required_tags: {keys: [owner, cost-center]}\n")
        let run = try Support.rolegen(["validate", "specs/app.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("specs/app.yaml:3:5: warning[RG3203]: role 'app' lacks the required tag 'cost-center'"), run.stderr)
    }

    func testHostileInputEndsInDiagnostics() throws {
        let cases: [(String, [UInt8], String)] = [
            ("bomb.yaml", Array(("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + (1...9).map { i in
                let n = String(UnicodeScalar(97 + i)!), p = String(UnicodeScalar(96 + i)!)
                return "\(n): &\(n) [" + Array(repeating: "*" + p, count: 10).joined(separator: ",") + "]\n"
            }.joined()).utf8), "RG0009"),
            ("deep.yaml", Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8), "RG0008"),
            ("utf8.yaml", [0x76, 0x3A, 0x20, 0xFF, 0x0A], "RG0003"),
            ("nul.yaml", [0x76, 0x3A, 0x00, 0x0A], "RG0003"),
            ("list.yaml", Array("- a\n- b\n".utf8), "RG0102"),
        ]
        for (name, bytes, code) in cases {
            FileManager.default.createFile(atPath: work.appendingPathComponent(name).path, contents: Data(bytes))
            let start = Date()
            let run = try Support.rolegen(["build", name], cwd: work)
            XCTAssertLessThan(Date().timeIntervalSince(start), 5, name)
            XCTAssertEqual(run.status, 1, "\(name): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("error[\(code)]"), "\(name): \(run.stderr)")
        }
    }
}
