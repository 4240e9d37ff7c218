@testable import PolicyLint
import AWSCatalog
import RoleGenCore
import XCTest

/// The escalation rules (RG3004, RG3006, RG3010) beyond their examples: the method table, the
/// engine's say, and the notes.
final class EscalationTests: XCTestCase {
    private func lint(_ text: String) throws -> [Diagnostic] {
        let compiled = compileSpec(text)
        XCTAssertFalse(compiled.diagnostics.hasErrors, "\(compiled.diagnostics.map(\.message))")
        return Linter.lint(try XCTUnwrap(compiled.model), configuration: .default, specs: compiled.specs)
    }

    private func findings(_ statements: String, role: String = "", code: String) throws -> [Diagnostic] {
        try lint(RuleExample.permissions(statements, role: role).spec).filter { $0.code.id == code }
    }

    func testEveryMethodNamesCatalogActionsAndTheFirstActionsResourceType() {
        XCTAssertEqual(Set(EscalationMethod.all.map(\.name)).count, EscalationMethod.all.count)
        for method in EscalationMethod.all {
            for action in method.actions {
                let parts = action.split(separator: ":")
                let service = Catalog.shared.service(String(parts[0]))
                XCTAssertNotNil(service?.action(named: String(parts[1])), "\(method.name): \(action)")
            }
            XCTAssertTrue(ResourceReach.formats(of: method.actions[0]).contains { $0.name == method.resourceType },
                          "\(method.name): \(method.actions[0]) does not act on \(method.resourceType)")
            XCTAssertEqual(method.needsPassRole, method.actions[0] == "iam:PassRole", method.name)
            XCTAssertFalse(method.how.isEmpty || method.reference.isEmpty, method.name)
        }
        // Each rule reports its own half of the table.
        XCTAssertEqual(PrivilegeEscalationRule.methods.count + PassRoleComputeEscalationRule.methods.count, EscalationMethod.all.count)
    }

    func testAConditionThatLeavesTheTargetFreeIsANote() throws {
        let found = try findings("""
        - allow: iam:CreateAccessKey
          resources: "*"
          conditions:
            IpAddress: {aws:SourceIp: 203.0.113.0/24}
        """, code: "RG3004")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].notes.map(\.message), ["only if: IpAddress {aws:SourceIp: 203.0.113.0/24} (iam:CreateAccessKey)"])
        XCTAssertEqual(found[0].notes[0].range?.start.line, 12, "the note points at the condition")
    }

    func testAConditionalDenyIsAnUnlessNote() throws {
        let found = try findings("""
        - allow: [iam:PassRole, ec2:RunInstances]
          resources: "*"
        - deny: ec2:RunInstances
          resources: "*"
          conditions:
            BoolIfExists: {aws:MultiFactorAuthPresent: "false"}
        """, code: "RG3006")
        XCTAssertEqual(found.map(\.message), ["inline policy 'main' allows iam:PassRole on every role and role 'app' can start code under a passed role with ec2:RunInstances (CreateEC2WithExistingIP)"])
        XCTAssertEqual(found.first?.notes.map(\.message), ["ec2:RunInstances is granted here (inline policy 'main')", "unless: BoolIfExists {aws:MultiFactorAuthPresent: false} (ec2:RunInstances)"])
    }

    func testAMethodSpreadOverStatementsIsReportedOnceWithANoteAtEachGrant() throws {
        let found = try findings("""
        - allow: iam:PassRole
          resources: "*"
        - allow: lambda:CreateFunction
          resources: "*"
        - allow: [lambda:InvokeFunction, lambda:CreateEventSourceMapping]
          resources: "*"
        """, code: "RG3006")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].message.contains("(PassExistingRoleToNewLambdaThenInvoke, PassExistingRoleToNewLambdaThenTrigger)"), found[0].message)
        XCTAssertEqual(found[0].notes.map(\.message), [
            "lambda:CreateFunction is granted here (inline policy 'main')",
            "lambda:InvokeFunction is granted here (inline policy 'main')",
            "lambda:CreateEventSourceMapping is granted here (inline policy 'main')",
        ])
        XCTAssertEqual(found[0].notes.map { $0.range?.start.line }, [11, 13, 13])
    }

    func testAGrantOnEveryResourceIsPreferredToAnEarlierScopedOne() throws {
        // lambda:CreateFunction on a role ARN grants nothing; the engine is asked about the later `*`.
        let found = try findings("""
        - allow: [iam:PassRole, lambda:CreateFunction]
          resources: arn:aws:iam::111122223333:role/*
        - allow: [lambda:CreateFunction, lambda:InvokeFunction]
          resources: "*"
        """, code: "RG3006")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.notes.map { $0.range?.start.line }, [11, 11])
    }

    func testTheInlinePassRoleAloneIsNoEscalationButWithAWSLambdaFullAccessItIs() throws {
        let statements = "- allow: iam:PassRole\n  resources: \"*\""
        XCTAssertEqual(try findings(statements, code: "RG3006").count, 0)
        let found = try findings(statements, role: "managed_policies: [AWSLambda_FullAccess]", code: "RG3006")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.range?.start.line, 10, "at the inline iam:PassRole")
        XCTAssertTrue(found[0].notes.contains { $0.message.hasPrefix("lambda:CreateFunction is granted here (AWS managed policy 'AWSLambda_FullAccess') (in statement") },
                      "\(found[0].notes.map(\.message))")
    }

    func testAServiceControlPolicyDenyOrABoundarySilences() throws {
        let statements = "- allow: [iam:PassRole, ec2:RunInstances, iam:PutRolePolicy]\n  resources: \"*\""
        let example = RuleExample.permissions(statements).withTop("""
        service_control_policies:
          - name: guard
            targets: [root]
            statements:
              - deny: [iam:PassRole, iam:PutRolePolicy]
                resources: "*"
        """)
        XCTAssertEqual(try lint(example.spec).filter { ["RG3004", "RG3006"].contains($0.code.id) }.map(\.message), [])
        let bounded = try findings(statements, role: "permissions_boundary: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", code: "RG3006")
        XCTAssertEqual(bounded.map(\.message), [])
    }

    func testPassedToServiceIsAskedForTheComputeService() throws {
        let statements = """
        - allow: [ec2:RunInstances, lambda:CreateFunction, lambda:InvokeFunction]
          resources: "*"
        - allow: iam:PassRole
          resources: "*"
          conditions:
            StringEquals: {iam:PassedToService: lambda.amazonaws.com}
        """
        let found = try findings(statements, code: "RG3006")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].message.hasSuffix("with lambda:CreateFunction, lambda:InvokeFunction (PassExistingRoleToNewLambdaThenInvoke)"), found[0].message)
    }

    func testTheResourceAccountIsTheRolesOwn() throws {
        let found = try findings("""
        - allow: [iam:PassRole, sagemaker:CreateTrainingJob]
          resources: "*"
          conditions:
            StringEquals: {aws:ResourceAccount: "${aws:PrincipalAccount}"}
        """, code: "RG3006")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.notes.map(\.message), ["sagemaker:CreateTrainingJob is granted here (inline policy 'main')"])
    }

    func testResourcePolicyWriteOnOneResourceNamesIt() throws {
        let found = try findings("- allow: [s3:GetObject, s3:PutBucketPolicy]\n  resources: [arn:aws:s3:::bucket, arn:aws:s3:::bucket/*]", code: "RG3010")
        XCTAssertEqual(found.map(\.message), ["inline policy 'main' allows s3:PutBucketPolicy on 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'; the role can rewrite who may access them, itself and other accounts included"])
        let everyKey = try findings("- allow: kms:PutKeyPolicy\n  resources: arn:aws:kms:*:*:key/*", code: "RG3010")
        XCTAssertEqual(everyKey.map(\.message), ["inline policy 'main' allows kms:PutKeyPolicy on every key ('arn:aws:kms:*:*:key/*'); the role can open any key to itself, other accounts or the public"])
    }

    func testEveryResourceOfATypeIsEveryResourceForTheGrantRules() throws {
        let found = try findings("- allow: cloudtrail:DeleteTrail\n  resources: arn:*:cloudtrail:*:*:trail/*", code: "RG3007")
        XCTAssertEqual(found.map(\.message), ["inline policy 'main' allows cloudtrail:DeleteTrail (Write) on every trail ('arn:*:cloudtrail:*:*:trail/*'), though it can be scoped to trail ARNs"])
    }
}
