import Foundation
import XCTest

/// `rolegen can`: the evaluation engine's decision for a spec role, a permission set or a
/// policy file, with the deciding statements, the open conditions and the exit code.
final class CanCommandTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = try Support.temporaryDirectory()
        try FileManager.default.copyItem(at: Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/can-org.yaml"),
                                         to: work.appendingPathComponent("org.yaml"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    private func can(_ arguments: [String]) throws -> Support.Run {
        try Support.rolegen(["can"] + arguments + ["--color", "never"], cwd: work)
    }

    func testAnInlineGrantIsAllowedWithItsStatement() throws {
        let run = try can(["app", "s3:GetObject", "arn:aws:s3:::bucket/key"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("""
            allowed: role 'app' s3:GetObject on arn:aws:s3:::bucket/key
              allowed by statement 1 of inline policy 'main' (./org.yaml:12:13)
            """), run.stdout)
    }

    func testTheBoundaryLimitsWhatInlinePoliciesGrant() throws {
        let run = try can(["app", "iam:CreateUser"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("denied: role 'app' iam:CreateUser on *\n  implicitly denied: the permissions boundary does not allow it"), run.stdout)
    }

    func testAConditionalDenyOfAnSCPLeavesTheAnswerOpen() throws {
        let open = try can(["app", "ec2:RunInstances"])
        XCTAssertEqual(open.status, 3, open.stderr)
        XCTAssertTrue(open.stdout.contains("""
            allowed only if: role 'app' ec2:RunInstances on *
              not: StringNotEquals ec2:InstanceType t3.micro [statement 1 of service control policy 'deny-run' (./org.yaml:27:9)]
            """), open.stdout)
        // The request's context settles it either way.
        XCTAssertEqual(try can(["app", "ec2:RunInstances", "--context", "ec2:InstanceType=t3.micro"]).status, 0)
        let denied = try can(["app", "ec2:RunInstances", "--context", "ec2:InstanceType=p5.48xlarge"])
        XCTAssertEqual(denied.status, 1)
        XCTAssertTrue(denied.stdout.contains("explicitly denied by statement 1 of service control policy 'deny-run' (./org.yaml:27:9)"), denied.stdout)
    }

    func testAConditionOfAnAllowIsWhatTheAnswerDependsOn() throws {
        let run = try can(["app", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q"])
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stdout.contains("  StringEquals aws:RequestedRegion eu-west-1 [statement 2 of inline policy 'main' (./org.yaml:14:13)]"), run.stdout)
        XCTAssertEqual(try can(["app", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q", "--complete-context"]).status, 1)
    }

    func testAWSManagedPoliciesOfTheExamplesDecide() throws {
        let ssm = try Support.rolegen(["can", "web-app-ec2", "ssm:GetParameter", "arn:aws:ssm:eu-west-1:111122223333:parameter/db",
                                       "-f", "Examples/ec2-app.yaml"], cwd: Support.packageRoot)
        XCTAssertEqual(ssm.status, 0, ssm.stderr)
        XCTAssertTrue(ssm.stdout.contains("allowed by statement 1 of AWS managed policy 'AmazonSSMManagedInstanceCore'"), ssm.stdout)
        let put = try Support.rolegen(["can", "web-app-ec2", "s3:PutObject", "arn:aws:s3:::example-web-app-assets/x",
                                       "-f", "Examples/ec2-app.yaml"], cwd: Support.packageRoot)
        XCTAssertEqual(put.status, 1, put.stdout)
    }

    func testAPolicyFileIsJudgedAlone() throws {
        let run = try Support.rolegen(["can", "Examples/policies/force-mfa.json", "iam:CreateAccessKey",
                                       "arn:aws:iam::111122223333:user/alice", "--context", "aws:MultiFactorAuthPresent=false"],
                                      cwd: Support.packageRoot)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("explicitly denied by statement 'DenyAllExceptListedIfNoMFA' of policy file 'Examples/policies/force-mfa.json'"), run.stdout)
    }

    /// Every verdict for the fixture spec, compared with an expected transcript
    /// (`ROLEGEN_RECORD=can` rewrites it).
    func testTranscriptMatchesExpectedFile() throws {
        let requests: [[String]] = [
            ["app", "s3:GetObject", "arn:aws:s3:::bucket/key"],
            ["app", "s3:DeleteObject", "arn:aws:s3:::bucket/key"],
            ["app", "iam:CreateUser"],
            ["app", "ec2:RunInstances"],
            ["app", "ec2:RunInstances", "--context", "ec2:InstanceType=t3.micro"],
            ["app", "ec2:RunInstances", "--context", "ec2:InstanceType=p5.48xlarge"],
            ["app", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q"],
            ["app", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q", "--complete-context"],
            ["app", "dynamodb:GetItem"],
        ]
        var transcript = ""
        for request in requests {
            let run = try can(request)
            transcript += "$ rolegen can \(request.joined(separator: " "))\n\(run.stdout)exit \(run.status)\n\n"
        }
        let expected = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/can-org.expected")
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "can" {
            try transcript.write(to: expected, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(transcript, try String(contentsOf: expected, encoding: .utf8))
    }

    func testUsageErrors() throws {
        let missing = try can(["nosuch", "s3:GetObject"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no role or permission set 'nosuch' in the specs of the current directory"), missing.stderr)
        let typo = try can(["ap", "s3:GetObject"])
        XCTAssertTrue(typo.stderr.contains("did you mean 'app'?"), typo.stderr)
        XCTAssertEqual(try can(["app", "s3:*"]).status, 2, "one action, not a pattern")
        XCTAssertEqual(try can(["app", "s3:GetObject", "--context", "novalue"]).status, 2)
    }
}
