import Foundation
import XCTest

/// The pre-commit hook from .pre-commit-hooks.yaml, run as a user would with
/// `pre-commit try-repo` (which builds rolegen from this repository in release mode).
final class PreCommitTests: XCTestCase {
    func testHookFailsOnABadSpecAndPassesOnceFixed() throws {
        guard Support.which("pre-commit") != nil else {
            try Support.skipLoudly("pre-commit is not installed (pip install pre-commit); hook test not run")
        }
        guard Support.which("git") != nil else { try Support.skipLoudly("git is not installed; hook test not run") }
        let repo = try Support.temporaryDirectory()
        let cache = try Support.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: repo)
            try? FileManager.default.removeItem(at: cache)
        }
        let environment = ["PRE_COMMIT_HOME": cache.path, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"]
        func git(_ arguments: [String]) throws {
            let run = try Support.run(["git"] + arguments, cwd: repo, environment: environment)
            XCTAssertEqual(run.status, 0, "git \(arguments): \(run.stderr)")
        }
        let spec = """
        version: 1
        roles:
          - name: reader
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: read
                statements:
                  - allow: s3:GetObjekt
                    resources: arn:aws:s3:::bucket/*

        """
        try git(["init", "-q"])
        try spec.write(to: repo.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        // A workflow file is neither a spec nor a policy: the hook passes over it.
        try "on: push\njobs: {}\n".write(to: repo.appendingPathComponent("ci.yml"), atomically: true, encoding: .utf8)
        try git(["add", "."])

        let tryRepo = ["pre-commit", "try-repo", Support.packageRoot.path, "rolegen-validate", "--all-files", "--color", "never"]
        let failing = try Support.run(tryRepo, cwd: repo, environment: environment)
        XCTAssertNotEqual(failing.status, 0, failing.stdout + failing.stderr)
        XCTAssertTrue(failing.stdout.contains("./roles.yaml:8:23: error[RG1104]: s3 has no action 'GetObjekt'"), failing.stdout + failing.stderr)
        XCTAssertTrue(failing.stdout.contains("did you mean 's3:GetObject'?"), failing.stdout)

        try spec.replacingOccurrences(of: "GetObjekt", with: "GetObject")
            .write(to: repo.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        try git(["add", "."])
        let passing = try Support.run(tryRepo, cwd: repo, environment: environment)
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
    }
}
