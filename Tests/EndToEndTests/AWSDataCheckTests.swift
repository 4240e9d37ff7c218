import Foundation
import XCTest

/// Service principals and regions checked against the generated AWS data, from a spec through
/// `rolegen validate` and `rolegen build`, and the data's sources in `rolegen catalog`.
final class AWSDataCheckTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = try Support.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    static let spec = """
    version: 1
    roles:
      - name: fn
        trust:
          - service: lamda.amazonaws.com
        inline_policies:
          - name: access
            statements:
              - allow: s3:GetObject
                resources: arn:aws:s3:us-east-7:111122223333:accesspoint/app/object/*
              - allow: ec2:DescribeInstances
                resources: "*"
                conditions:
                  StringEquals:
                    aws:RequestedRegion: us-north-9
    """

    func testMisspeltServiceFailsValidateAndBuild() throws {
        try Self.spec.write(to: work.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["validate", "roles.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains(
            "roles.yaml:5:18: error[RG1513]: no AWS service is named 'lamda.amazonaws.com'; it is a near miss of lambda.amazonaws.com"), run.stderr)
        XCTAssertTrue(run.stderr.contains("help: did you mean 'lambda.amazonaws.com'?"), run.stderr)
        XCTAssertTrue(run.stderr.contains("roles.yaml:10:35: warning[RG1214]: 'us-east-7' is not a region of aws"), run.stderr)
        XCTAssertTrue(run.stderr.contains("help: did you mean 'us-east-1'?"), run.stderr)
        XCTAssertTrue(run.stderr.contains("roles.yaml:15:38: warning[RG1331]: 'us-north-9' is not a region"), run.stderr)
        XCTAssertTrue(run.stderr.contains("1 error, 2 warnings"), run.stderr)

        let build = try Support.rolegen(["build", "roles.yaml", "-o", "out", "--color", "never"], cwd: work)
        XCTAssertEqual(build.status, 1, build.stderr)
        XCTAssertTrue(build.stderr.contains("roles.yaml:5:18: error[RG1513]"), build.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "nothing is written")
    }

    func testCorrectedSpecPasses() throws {
        let fixed = Self.spec.replacingOccurrences(of: "lamda", with: "lambda").replacingOccurrences(of: "us-east-7", with: "us-east-1")
            .replacingOccurrences(of: "us-north-9", with: "eu-north-1")
        try fixed.write(to: work.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["validate", "roles.yaml", "--strict", "--no-lint", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testMisspeltServiceLinkedRoleService() throws {
        try """
        version: 1
        service_linked_roles:
          - service: autoscalling.amazonaws.com
        """.write(to: work.appendingPathComponent("org.yaml"), atomically: true, encoding: .utf8)
        let run = try Support.rolegen(["validate", "org.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("org.yaml:3:14: error[RG1513]"), run.stderr)
        XCTAssertTrue(run.stderr.contains("did you mean 'autoscaling.amazonaws.com'?"), run.stderr)
    }

    func testCatalogNamesTheDataSources() throws {
        let run = try Support.rolegen(["catalog"], cwd: work)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains(" service principals (named by AWS managed policies"), run.stdout)
        XCTAssertTrue(run.stdout.contains("regions in 8 partitions (partitions.json)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("names AWS managed policies use that the sources above lack"), run.stdout)
        XCTAssertNotNil(run.stdout.range(of: #"moto [0-9.]+: 1[0-9]{3} AWS managed policies, default versions updated up to 20[0-9]{2}-[0-9]{2}-[0-9]{2}"#,
                                         options: .regularExpression), run.stdout)
    }

    func testExplainCoversTheNewCodes() throws {
        for code in ["RG1214", "RG1215", "RG1331", "RG1512", "RG1513"] {
            let run = try Support.rolegen(["explain", code], cwd: work)
            XCTAssertEqual(run.status, 0, "\(code): \(run.stderr)")
            XCTAssertTrue(run.stdout.contains(code), run.stdout)
        }
    }
}
