@testable import PolicyLint
import RoleGenCore
import XCTest

/// The permission rules judge what attached AWS managed policies grant, and report it at the
/// `managed_policies:` entry that attaches them.
final class AWSManagedPolicyLintTests: XCTestCase {
    private func lint(_ text: String) throws -> [Diagnostic] {
        let compiled = compileSpec(text)
        XCTAssertFalse(compiled.diagnostics.hasErrors, "\(compiled.diagnostics)")
        return Linter.lint(try XCTUnwrap(compiled.model), configuration: .default, specs: compiled.specs)
    }

    private func role(_ managed: String, extra: String = "") -> String {
        """
        version: 1
        roles:
          - name: app
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [\(managed)]
        \(extra)
        """
    }

    private func place(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code.id) \(diagnostic.range?.start.line ?? 0):\(diagnostic.range?.start.column ?? 0)"
    }

    func testAmazonS3FullAccessIsTheServiceWildcardFindingAtTheManagedPoliciesEntry() throws {
        let diagnostics = try lint(role("AmazonS3FullAccess"))
        let finding = try XCTUnwrap(diagnostics.first { $0.code.id == "RG3002" }, "\(diagnostics)")
        XCTAssertEqual(place(finding), "RG3002 5:24")
        XCTAssertEqual(finding.range?.file, "spec.yaml")
        XCTAssertTrue(finding.message.hasPrefix("AWS managed policy 'AmazonS3FullAccess' allows every s3 action on every resource"), finding.message)
        XCTAssertTrue(finding.notes.first?.message.hasPrefix("in statement 1 of AWS managed policy AmazonS3FullAccess (v") == true, "\(finding.notes)")
        // One finding per rule and policy: the s3-object-lambda wildcard of the same policy is a note.
        XCTAssertEqual(diagnostics.filter { $0.code.id == "RG3002" }.count, 1)
        XCTAssertTrue(finding.notes.contains { $0.message.contains("every s3-object-lambda action") }, "\(finding.notes)")
    }

    func testTheSameGrantWrittenByArnIsJudgedToo() throws {
        let diagnostics = try lint(role("arn:aws:iam::aws:policy/AdministratorAccess"))
        XCTAssertEqual(diagnostics.filter { $0.code.id == "RG3001" }.map(place), ["RG3001 5:24"])
    }

    func testAdministratorAccessOnAPermissionSetIsTheAdminFinding() throws {
        let diagnostics = try lint("""
        version: 1
        permission_sets:
          - name: Admins
            managed_policies: [AdministratorAccess]
        """)
        let finding = try XCTUnwrap(diagnostics.first { $0.code.id == "RG3001" }, "\(diagnostics)")
        XCTAssertEqual(place(finding), "RG3001 4:24")
        XCTAssertEqual(finding.severity, .error)
    }

    func testEscalationAcrossAManagedAndAnInlinePolicyPointsAtBoth() throws {
        let diagnostics = try lint(role("AWSLambda_FullAccess", extra: """
            inline_policies:
              - name: pass
                statements:
                  - allow: iam:PassRole
                    resources: "*"
        """))
        let finding = try XCTUnwrap(diagnostics.first { $0.code.id == "RG3006" }, "\(diagnostics.map(\.message))")
        XCTAssertEqual(finding.range?.file, "spec.yaml")
        XCTAssertTrue(finding.notes.contains { $0.message.contains("of AWS managed policy AWSLambda_FullAccess") && $0.range?.start.line == 5 },
                      "\(finding.notes)")
    }

    func testRulesAboutHowADocumentIsWrittenDoNotJudgeAWSsDocuments() throws {
        // ReadOnlyAccess lists actions that other patterns of it cover; that is AWS's to tidy.
        let diagnostics = try lint(role("ReadOnlyAccess"))
        XCTAssertFalse(diagnostics.contains { ["RG3011", "RG3012", "RG3013", "RG3014"].contains($0.code.id) }, "\(diagnostics.map(\.message))")
        XCTAssertTrue(diagnostics.allSatisfy { $0.range?.file == "spec.yaml" }, "\(diagnostics.map(\.range))")
    }

    func testAPolicyWithNarrowGrantsDrawsNothing() throws {
        XCTAssertEqual(try lint(role("AmazonEC2ReadOnlyAccess")).filter { $0.code.id.hasPrefix("RG30") }.map(\.message), [])
    }

    func testSuppressionAtTheRoleCoversFindingsInItsManagedPolicies() throws {
        let diagnostics = try lint(role("AmazonS3FullAccess", extra: "    lint: {ignore: [{rule: RG3002, reason: reviewed}]}"))
        XCTAssertFalse(diagnostics.contains { $0.code.id == "RG3002" || $0.code.id == "RG3000" }, "\(diagnostics.map(\.message))")
    }

    func testARetiredRuleInASuppressionSaysWhatReplacedIt() throws {
        let diagnostics = try lint(role("AdministratorAccess", extra: "    lint: {ignore: [{rule: RG3201, reason: old}]}"))
        let stale = try XCTUnwrap(diagnostics.first { $0.code.id == "RG3000" })
        XCTAssertTrue(stale.message.contains("RG3201 (admin_managed_policy) was retired: AWS managed policies are judged by what they grant"), stale.message)
    }
}
