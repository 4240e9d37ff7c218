import Foundation
import PolicyLint
import RoleGenCore
import XCTest

/// `checks:` of `.rolegen.yaml`: decoding (errors at file:line:col) and judging a model.
final class CustomCheckTests: XCTestCase {
    private func decode(_ text: String) -> (LintConfiguration?, [String]) {
        let (configuration, diagnostics) = LintConfiguration.decode(Array(text.utf8), file: ".rolegen.yaml")
        return (configuration, diagnostics.map { "\($0.code.id) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)" })
    }

    func testAChecksEntryDecodesWithItsDefaults() throws {
        let (configuration, problems) = decode("""
            checks:
              - name: no-passrole
                not_allowed: [{action: iam:PassRole}, {action: "s3:Delete*", resource: "arn:aws:s3:::prod-*/*"}]
                except_roles: [deployer]
                context: {aws:RequestedRegion: eu-west-1, aws:SourceVpc: [vpc-1, vpc-2]}
              - name: other
                not_allowed: [{action: ec2:RunInstances}]
                severity: note

            """)
        XCTAssertEqual(problems, [])
        let checks = try XCTUnwrap(configuration).checks
        XCTAssertEqual(checks.map(\.name.value), ["no-passrole", "other"])
        XCTAssertEqual(checks[0].notAllowed.map(\.resource.value), ["*", "arn:aws:s3:::prod-*/*"])
        XCTAssertEqual(checks[0].exceptRoles.map(\.value), ["deployer"])
        XCTAssertEqual(checks[0].context, ["aws:RequestedRegion": ["eu-west-1"], "aws:SourceVpc": ["vpc-1", "vpc-2"]])
        XCTAssertEqual(checks.map(\.severity), [.error, .note])
    }

    func testBadChecksAreErrorsWhereTheyAreWritten() {
        let (configuration, problems) = decode("""
            checks:
              - name: a
                not_allowed: [{action: PassRole}]
              - not_allowed: [{action: iam:PassRole}]
              - name: b
              - name: a
                not_allowed: [{action: iam:PassRole, resources: "*"}]
                severity: fatal
              - name: c
                not_allowed: [{action: iam:PassRole}]
              - name: C
                not_allowed: [{action: iam:PassRole}]

            """)
        XCTAssertNil(configuration)
        XCTAssertEqual(problems, [
            "RG0104 3:28 an action is service:Name (iam:PassRole, s3:Delete*), got 'PassRole'",
            "RG0103 4:5 a check needs a 'name'",
            "RG0103 5:5 a check needs 'not_allowed', the accesses it forbids",
            "RG0101 7:42 unknown key 'resources' in a not_allowed entry",
            "RG0104 8:15 severity must be error, warning or note",
            "RG0205 11:11 a check named 'C' is already defined",
        ])
    }

    private let spec = """
        version: 1
        accounts: {prod: "111122223333"}
        defaults: {account: prod}
        roles:
          - name: open
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - allow: iam:PassRole
                    resources: arn:aws:iam::111122223333:role/app
          - name: denied
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - allow: iam:*
                    resources: "*"
                  - deny: iam:PassRole
                    resources: "*"
          - name: managed
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [IAMFullAccess]
          - name: regional
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - allow: iam:PassRole
                    resources: "*"
                    conditions:
                      StringEquals: {aws:RequestedRegion: us-east-1}
        permission_sets:
          - name: Admins
            managed_policies: [AdministratorAccess]

        """

    private func findings(_ configuration: String) throws -> [Diagnostic] {
        let (decoded, problems) = LintConfiguration.decode(Array(configuration.utf8), file: ".rolegen.yaml")
        XCTAssertEqual(problems.map(\.message), [])
        let model = try XCTUnwrap(compileSpec(spec).model)
        return CustomChecks.findings(try XCTUnwrap(decoded).checks, model: model)
    }

    func testEveryRoleThatMayHaveTheAccessFailsAtItsName() throws {
        let found = try findings("checks:\n  - name: no-passrole\n    not_allowed: [{action: iam:PassRole, resource: \"*\"}]\n    except_roles: [OPEN]\n")
        XCTAssertEqual(found.map(\.message), [
            "check 'no-passrole': role 'managed' may take iam:PassRole on *, which the check does not allow",
            "check 'no-passrole': role 'regional' may take iam:PassRole on * under conditions, which the check does not allow",
            "check 'no-passrole': permission set 'Admins' may take iam:PassRole on *, which the check does not allow",
        ])
        XCTAssertEqual(found.map { $0.range?.start.line }, [21, 24, 34])
        XCTAssertEqual(found.map(\.code.id), ["RG3900", "RG3900", "RG3900"])
        // The AWS managed policy's statement is named at the managed_policies entry.
        XCTAssertEqual(found[0].notes.first?.message, "granted by statement 1 of AWS managed policy 'IAMFullAccess'")
        XCTAssertEqual(found[0].notes.first?.range?.start.line, 23)
        XCTAssertEqual(found[1].notes.first?.message, "iam:PassRole only if: StringEquals aws:RequestedRegion us-east-1")
    }

    func testTheContextSettlesConditionsAndAResourceNarrowsTheQuestion() throws {
        let inRegion = try findings("checks:\n  - name: c\n    not_allowed: [{action: iam:PassRole}]\n    context: {aws:RequestedRegion: eu-west-1}\n    severity: warning\n")
        XCTAssertEqual(inRegion.map(\.message).filter { $0.contains("regional") }, [])
        XCTAssertEqual(inRegion.map(\.severity), [.warning, .warning, .warning])
        // A grant on one role falls within a pattern of roles; a grant elsewhere does not.
        let app = try findings("checks:\n  - name: c\n    not_allowed: [{action: iam:PassRole, resource: \"arn:aws:iam::111122223333:role/a*\"}]\n")
        XCTAssertTrue(app.contains { $0.message.contains("role 'open'") })
        let other = try findings("checks:\n  - name: c\n    not_allowed: [{action: iam:PassRole, resource: \"arn:aws:iam::111122223333:role/other\"}]\n")
        XCTAssertFalse(other.contains { $0.message.contains("role 'open'") })
    }
}
