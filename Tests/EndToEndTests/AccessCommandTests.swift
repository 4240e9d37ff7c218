import Foundation
import XCTest

/// `rolegen access`: what roles and permission sets can do per service and access level.
/// Outputs are compared with Fixtures/access/*.expected (ROLEGEN_RECORD=1 rewrites them).
final class AccessCommandTests: XCTestCase {
    private let fixtures = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/access")

    private func compare(_ arguments: [String], with name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try Support.rolegen(["access"] + arguments, cwd: Support.packageRoot)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        let expected = fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "1" {
            try run.stdout.write(to: expected, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(run.stdout, try String(contentsOf: expected, encoding: .utf8), file: file, line: line)
    }

    /// AmazonSSMManagedInstanceCore shows up per service and access level beside the spec policy.
    func testEC2AppListsTheAWSManagedPolicyPerServiceAndLevel() throws {
        try compare(["-f", "Examples/ec2-app.yaml"], with: "ec2-app.expected")
    }

    /// The boundary removes iam, the SCP removes s3:DeleteBucket and all of ec2, a condition
    /// keeps sqs open; PowerUserAccess's NotAction statement is summed up as written.
    func testTheBoundaryAndSCPsRemoveAccess() throws {
        try compare(["-f", "Tests/EndToEndTests/Fixtures/access/org.yaml"], with: "org.expected")
    }

    /// The Terraform README and review-md say what the boundary and the SCP take away, as
    /// `rolegen access` does.
    func testReviewOutputsShowWhatTheBoundaryAndSCPsTakeAway() throws {
        let out = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let build = try Support.rolegen(["build", "Tests/EndToEndTests/Fixtures/access/org.yaml", "--target", "terraform,review-md", "-o", out.path],
                                        cwd: Support.packageRoot)
        XCTAssertEqual(build.status, 0, build.stderr)
        let removed = ["`inline policy 'main': s3: Write (1 of 51: s3:DeleteBucket) by service control policy 'deny-deletes'`",
                       "`inline policy 'main': iam: Permissions management (2 of 79: iam:CreateUser, iam:PassRole) by the permissions boundary`",
                       "`AWS managed policy 'PowerUserAccess': ec2: all 789 actions by service control policy 'deny-deletes'`"]
        for file in ["terraform/111122223333/README.md", "review-md/review.md"] {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(text.contains("by the permissions boundary and the service control policies"), file)
            for line in removed { XCTAssertTrue(text.contains("- " + line), "\(file) lacks \(line)") }
        }
    }

    /// A spec file given where a role name goes is refused with the fix, instead of reading
    /// the whole current directory and then not finding a role of that name.
    func testASpecFileInPlaceOfARoleSaysToUseDashF() throws {
        let run = try Support.rolegen(["access", "Examples/ec2-app.yaml"], cwd: Support.packageRoot)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("'Examples/ec2-app.yaml' is a file; give specs with -f: rolegen access -f Examples/ec2-app.yaml"), run.stderr)
    }

    func testJSONFollowsTheDocumentedSchema() throws {
        try compare(["app", "-f", "Tests/EndToEndTests/Fixtures/access/org.yaml", "--format", "json"], with: "org-app.json.expected")
        let run = try Support.rolegen(["access", "app", "-f", "Tests/EndToEndTests/Fixtures/access/org.yaml", "--format", "json"], cwd: Support.packageRoot)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["version"] as? Int, 1)
        let principal = try XCTUnwrap((document["principals"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(principal.keys), ["kind", "name", "location", "services", "broad", "uncatalogued", "notes"])
    }

    func testManyServicesSumUpPerAccessLevel() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try """
            version: 1
            roles:
              - name: reader
                trust: [{service: ec2.amazonaws.com}]
                managed_policies: [ReadOnlyAccess]

            """.write(to: work.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["access", "-f", "spec.yaml"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertLessThan(lines.count, 15, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("    Read: all actions of ") }, run.stdout)
        let full = try Support.rolegen(["access", "-f", "spec.yaml", "--per-service"], cwd: work)
        XCTAssertGreaterThan(full.stdout.split(separator: "\n").count, 100)
    }

    func testAnUnknownPrincipalIsAUsageErrorWithASuggestion() throws {
        let run = try Support.rolegen(["access", "web-app-ec", "-f", "Examples/ec2-app.yaml"], cwd: Support.packageRoot)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("did you mean 'web-app-ec2'?"), run.stderr)
    }
}
