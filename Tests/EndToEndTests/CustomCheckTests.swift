import Foundation
import XCTest

/// `checks:` in `.rolegen.yaml`, as `rolegen validate` and `rolegen build` report them: the
/// output for Fixtures/checks is compared with Fixtures/checks/validate.expected
/// (ROLEGEN_RECORD=1 rewrites it).
final class CustomCheckTests: XCTestCase {
    private let fixture = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/checks")

    /// The configuration's absolute path, as the diagnostics print it, made stable.
    private func stable(_ text: String) -> String {
        text.replacingOccurrences(of: fixture.path + "/", with: "")
    }

    func testValidateReportsEveryRoleAndPermissionSetThatMayHaveAForbiddenAccess() throws {
        let run = try Support.rolegen(["validate", "spec.yaml", "--color", "never"], cwd: fixture)
        XCTAssertEqual(run.status, 1, run.stderr)
        let output = stable(run.stdout + run.stderr)
        let expected = fixture.appendingPathComponent("validate.expected")
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "1" {
            try output.write(to: expected, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(output, try String(contentsOf: expected, encoding: .utf8))
        // The exempt role, and the role whose Deny statements take the grant away, pass.
        XCTAssertFalse(output.contains("'deployer' may"))
        XCTAssertFalse(output.contains("'guarded' may"))
    }

    func testBuildStopsOnAFailedCheckAndNoLintSkipsTheChecks() throws {
        let out = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let build = try Support.rolegen(["build", "spec.yaml", "-o", out.path, "--color", "never"], cwd: fixture)
        XCTAssertEqual(build.status, 1, build.stderr)
        XCTAssertTrue(build.stderr.contains("error[RG3900]: check 'no-passrole-anywhere': role 'iam-admin' may take iam:PassRole on *"), build.stderr)
        let skipped = try Support.rolegen(["validate", "spec.yaml", "--no-lint", "--color", "never"], cwd: fixture)
        XCTAssertEqual(skipped.status, 0, skipped.stdout + skipped.stderr)
    }

    func testABadCheckIsAnErrorAtItsLineInTheConfiguration() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("spec.yaml"), to: work.appendingPathComponent("spec.yaml"))
        try "checks:\n  - name: a\n    not_allowed: [{action: PassRole}]\n".write(
            to: work.appendingPathComponent(".rolegen.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["validate", "spec.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue((run.stdout + run.stderr).contains(".rolegen.yaml:3:28: error[RG0104]: an action is service:Name"), run.stdout + run.stderr)
    }
}
