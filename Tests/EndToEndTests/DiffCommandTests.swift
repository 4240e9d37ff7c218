import Foundation
import XCTest

/// `rolegen diff`: what a change to the specs grants. Each fixture of Fixtures/diff is an
/// Example with one edit; its diff against the Example is compared with <edit>.expected
/// (ROLEGEN_RECORD=1 rewrites them) and must show that edit's change and nothing else.
final class DiffCommandTests: XCTestCase {
    private let fixtures = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/diff")

    private func diff(_ edit: String, _ more: [String] = []) throws -> Support.Run {
        let base = edit.hasPrefix("swap") || edit.hasPrefix("tighten") ? "Examples/github-deploy.yaml" : "Examples/ec2-app.yaml"
        return try Support.rolegen(["diff", base, "Tests/EndToEndTests/Fixtures/diff/\(edit).yaml", "--color", "never"] + more, cwd: Support.packageRoot)
    }

    private func compare(_ output: String, with name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "1" {
            try output.write(to: expected, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(output, try String(contentsOf: expected, encoding: .utf8), file: file, line: line)
    }

    private func compareEdit(_ edit: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try diff(edit)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        try compare(run.stdout, with: "\(edit).expected", file: file, line: line)
    }

    /// One new Write action on the bucket's objects.
    func testAddAStatement() throws { try compareEdit("add-statement") }

    /// GetObject and GetObjectVersion go from the bucket's objects to every resource.
    func testWidenAResourceToStar() throws { try compareEdit("widen-resource") }

    /// The same statements as a customer managed policy: the policies setting changes, access does not.
    func testSwapInlineForAnEquivalentManagedPolicy() throws {
        try compareEdit("swap-inline-for-managed")
        XCTAssertFalse(try diff("swap-inline-for-managed").stdout.contains("access:"))
    }

    func testAddATrustPrincipal() throws { try compareEdit("add-trust-principal") }

    /// The branch subject goes; the environment subject stays: tighter, not new trust.
    func testTightenAnOIDCSubject() throws { try compareEdit("tighten-oidc-sub") }

    /// The boundary keeps s3:GetObject and s3:ListBucket and removes the rest.
    func testABoundaryRemovesAccess() throws { try compareEdit("add-boundary") }

    func testAnSCPBlocksAnAction() throws { try compareEdit("scp-blocks-action") }

    func testJSONFollowsTheDocumentedSchema() throws {
        let run = try diff("widen-resource", ["--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        try compare(run.stdout, with: "widen-resource.json.expected")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(document.keys), ["version", "principals", "policies", "serviceControlPolicies", "lint"])
        XCTAssertEqual(document["version"] as? Int, 1)
        let principal = try XCTUnwrap((document["principals"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(principal.keys), ["kind", "name", "change", "trust", "access", "settings"])
    }

    func testMarkdownIsAPullRequestComment() throws {
        let run = try diff("add-boundary", ["--format", "markdown"])
        XCTAssertEqual(run.status, 0, run.stderr)
        try compare(run.stdout, with: "add-boundary.md.expected")
    }

    /// Two thousand new roles would make a comment GitHub refuses: the comment stops short, and says so.
    func testMarkdownIsTruncatedToFitAComment() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var spec = "version: 1\nroles:\n"
        for n in 0..<2000 {
            spec += "  - name: app-\(n)\n    account: \"111122223333\"\n    trust: [{service: lambda.amazonaws.com}]\n"
                + "    inline_policies:\n      - name: main\n        statements:\n          - allow: [s3:GetObject, s3:PutObject, sqs:SendMessage]\n"
                + "            resources: arn:aws:s3:::bucket-\(n)/*\n"
        }
        try "version: 1\nroles: []\n".write(to: work.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try spec.write(to: work.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["diff", "old.yaml", "new.yaml", "--format", "markdown", "--no-lint"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertLessThanOrEqual(run.stdout.count, 65_536)
        XCTAssertTrue(run.stdout.contains("more blocks not shown: the comment would pass GitHub's size limit"), String(run.stdout.suffix(300)))
    }

    func testExitCodes() throws {
        XCTAssertEqual(try diff("add-statement", ["--fail-on", "new-access"]).status, 1)
        XCTAssertEqual(try diff("add-statement", ["--fail-on", "new-access", "--allow", "s3"]).status, 0)
        XCTAssertEqual(try diff("add-statement", ["--fail-on", "new-access", "--allow", "web-app-ec2"]).status, 0)
        XCTAssertEqual(try diff("add-statement", ["--fail-on", "new-trust"]).status, 0)
        XCTAssertEqual(try diff("add-trust-principal", ["--fail-on", "new-trust"]).status, 1)
        XCTAssertEqual(try diff("tighten-oidc-sub", ["--fail-on", "new-trust"]).status, 0)
        XCTAssertEqual(try diff("tighten-oidc-sub", ["--fail-on", "any"]).status, 1)
        XCTAssertEqual(try diff("add-boundary", ["--fail-on", "new-access"]).status, 0)
        XCTAssertEqual(try diff("widen-resource", ["--fail-on", "new-access"]).status, 1)
        XCTAssertEqual(try diff("swap-inline-for-managed", ["--fail-on", "new-access", "--fail-on", "new-trust"]).status, 0)
        let same = try Support.rolegen(["diff", "Examples/ec2-app.yaml", "Examples/ec2-app.yaml", "--fail-on", "any"], cwd: Support.packageRoot)
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stdout, "no changes\n")
        let missing = try Support.rolegen(["diff", "Examples/ec2-app.yaml", "no-such.yaml"], cwd: Support.packageRoot)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no file or directory 'no-such.yaml'"), missing.stderr)
    }

    /// A side whose specs do not build ends the run with status 2 and its diagnostics.
    func testASideWithErrorsIsStatus2() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try "version: 1\nroles:\n  - name: x\n    trust: [{service: nope}]\n".write(to: work.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["diff", Support.packageRoot.appendingPathComponent("Examples/ec2-app.yaml").path, "bad.yaml"], cwd: work)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("the new specs (bad.yaml) do not build"), run.stderr)
    }

    /// A side that only breaks lint rules is compared: fixing an error-level finding (here
    /// AdministratorAccess, RG3001) is part of the diff, not a reason to stop.
    func testLintErrorsAreComparedNotFatal() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let example = try String(contentsOf: Support.packageRoot.appendingPathComponent("Examples/ec2-app.yaml"), encoding: .utf8)
        try example.replacingOccurrences(of: "      - AmazonSSMManagedInstanceCore", with: "      - AdministratorAccess")
            .write(to: work.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try example.write(to: work.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["diff", "old.yaml", "new.yaml", "--fail-on", "new-access"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("- lint RG3001 error in role web-app-ec2: AWS managed policy 'AdministratorAccess' allows every action on every resource"), run.stdout)
        let back = try Support.rolegen(["diff", "new.yaml", "old.yaml", "--fail-on", "new-access"], cwd: work)
        XCTAssertEqual(back.status, 1, back.stderr)
        XCTAssertTrue(back.stdout.contains("+ lint RG3001 error"), back.stdout)
    }

    func testARenameWithUnchangedContentIsARename() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let example = try String(contentsOf: Support.packageRoot.appendingPathComponent("Examples/ec2-app.yaml"), encoding: .utf8)
        try example.write(to: work.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try example.replacingOccurrences(of: "name: web-app-ec2", with: "name: web-app-server")
            .write(to: work.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["diff", "old.yaml", "new.yaml", "--fail-on", "new-access"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
            role 'web-app-server': renamed from 'web-app-ec2', otherwise unchanged
            1 change (roles and permission sets: 1 renamed); new access in 0, new trust in 0

            """)
    }

    /// `git:REV[:PATH]` reads a revision without checking it out, in a temporary repository.
    func testGitRevisionsAreReadWithoutCheckingOut() throws {
        guard let git = Support.which("git") else { try Support.skipLoudly("git is not installed: git:REV sources of rolegen diff untested") }
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let specs = work.appendingPathComponent("specs")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        let roles = specs.appendingPathComponent("roles.yaml")
        try String(contentsOf: Support.packageRoot.appendingPathComponent("Examples/ec2-app.yaml"), encoding: .utf8).write(to: roles, atomically: true, encoding: .utf8)
        let environment = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"]
        for arguments in [["init", "-q"], ["add", "."], ["commit", "-q", "-m", "base"]] {
            let run = try Support.run([git] + arguments, cwd: work, environment: environment)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        try String(contentsOf: fixtures.appendingPathComponent("add-statement.yaml"), encoding: .utf8).write(to: roles, atomically: true, encoding: .utf8)
        let expected = "role 'web-app-ec2': changed\n  + access: s3 Write: PutObject on arn:aws:s3:::example-web-app-assets/*\n"
        // A file at a path from the repository's root, a directory, and the current directory inside the repository.
        for (arguments, cwd) in [(["git:HEAD:specs/roles.yaml", "specs/roles.yaml"], work), (["git:HEAD:specs", "specs"], work), (["git:HEAD", "."], specs)] {
            let run = try Support.rolegen(["diff"] + arguments + ["--fail-on", "new-access"], cwd: cwd)
            XCTAssertEqual(run.status, 1, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stdout.hasPrefix(expected), "\(arguments): \(run.stdout)")
        }
        let unknown = try Support.rolegen(["diff", "git:no-such-revision", "."], cwd: specs)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no-such-revision"), unknown.stderr)
    }
}
