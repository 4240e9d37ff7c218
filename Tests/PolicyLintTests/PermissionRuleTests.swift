@testable import PolicyLint
import AWSCatalog
import RoleGenCore
import XCTest

/// The least-privilege rules RG3007–RG3014 beyond their examples: coverage of patterns, one
/// finding per written action across the rules, and the content of messages.
final class PermissionRuleTests: XCTestCase {
    private func findings(_ statements: String) throws -> [Diagnostic] {
        let (text, _) = stripMarkers(RuleExample.permissions(statements).spec)
        let compiled = compileSpec(text)
        return Linter.lint(try XCTUnwrap(compiled.model), configuration: .default, specs: compiled.specs)
    }

    private func column(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code.id) \(diagnostic.range?.start.line ?? 0):\(diagnostic.range?.start.column ?? 0)"
    }

    /// RG3004 on an ARN pattern: every role, or the role's own ARN (which a raw policy file,
    /// having no role, cannot know), but not another single role.
    func testEscalationOnRolePatternsAndOnTheRoleItself() throws {
        let cases: [(resource: String, expected: String?)] = [
            ("arn:aws:iam::111122223333:role/app", "the role itself ('arn:aws:iam::111122223333:role/app')"),
            ("arn:aws:iam::*:role/ap?", "the role itself ('arn:aws:iam::*:role/ap?')"),
            ("arn:aws:iam::*:role/*", "every role ('arn:aws:iam::*:role/*')"),
            ("arn:aws:iam::111122223333:*", "every role ('arn:aws:iam::111122223333:*')"),
            ("arn:aws:iam::111122223333:role/other", nil),
            ("arn:aws:iam::111122223333:role/app-*", nil),
            ("arn:aws:s3:::*", nil),
        ]
        for (resource, expected) in cases {
            let found = try findings("- allow: iam:PutRolePolicy\n  resources: \"\(resource)\"").filter { $0.code.id == "RG3004" }
            XCTAssertEqual(found.map(\.message), expected.map { ["inline policy 'main' allows iam:PutRolePolicy on \($0), a privilege escalation path: it writes an inline policy granting `*` into itself or a role it can assume"] } ?? [],
                           resource)
        }
    }

    /// A spec policy no role attaches is still created: the permission rules judge it alone.
    /// One used only as a boundary limits permissions and is not judged as a grant.
    func testPoliciesNoRoleAttachesAreLinted() throws {
        let compiled = compileSpec("""
        version: 1
        policies:
          - name: loose
            statements:
              - allow: "*"
                resources: "*"
          - name: limit
            statements:
              - allow: "*"
                resources: "*"
        roles:
          - name: app
            account: "111122223333"
            trust:
              - service: ec2.amazonaws.com
            permissions_boundary: limit
            managed_policies: [ReadOnlyAccess]

        """)
        let found = Linter.lint(try XCTUnwrap(compiled.model, "\(compiled.diagnostics)"), specs: compiled.specs).filter { $0.code.id == "RG3001" }
        XCTAssertEqual(found.map { "\($0.range?.start.line ?? 0) \($0.message)" }, ["5 policy 'loose' allows every action on every resource"])
    }

    func testActionCoverage() {
        func covers(_ a: String, _ b: String) -> Bool { CoveragePattern(action: a).covers(CoveragePattern(action: b)) }
        XCTAssertTrue(covers("iam:Get*", "iam:GetRole"))
        XCTAssertTrue(covers("iam:get*", "IAM:GetRole*"))
        XCTAssertTrue(covers("*", "s3:GetObject"))
        XCTAssertTrue(covers("s3:*Object*", "s3:GetObject?ersion"))
        XCTAssertFalse(covers("iam:Get*", "iam:*Role"))
        XCTAssertFalse(covers("iam:GetRole", "iam:GetRole*"))
        XCTAssertFalse(covers("s3:GetObject?", "s3:GetObject*"), "a ? stands for one character, a * for any number")
        XCTAssertFalse(covers("iam:Get*", "sts:GetCallerIdentity"))
    }

    func testResourceCoverageIsPerARNFieldAndCaseSensitive() {
        func covers(_ a: String, _ b: String) -> Bool { CoveragePattern(resource: a).covers(CoveragePattern(resource: b)) }
        XCTAssertTrue(covers("*", "arn:aws:s3:::bucket/key"))
        XCTAssertTrue(covers("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket/key"))
        XCTAssertTrue(covers("arn:aws:sqs:*:111122223333:*", "arn:aws:sqs:eu-west-1:111122223333:jobs"))
        XCTAssertFalse(covers("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/key"))
        XCTAssertFalse(covers("arn:aws:logs:*:*:/aws/lambda/x*", "arn:aws:logs:*:*:log-group:/aws/lambda/x*"),
                       "a * in the account field does not reach into the resource")
        XCTAssertFalse(covers("arn:aws:s3:::bucket/*", "*"))
    }

    func testEachWrittenActionOnStarIsReportedByOneRule() throws {
        let diagnostics = try findings("""
        - allow: [iam:CreateAccessKey, iam:PassRole, sts:AssumeRole, s3:GetObject, s3:PutBucketPolicy, s3:PutObject, s3:ListAllMyBuckets]
          resources: "*"
        """)
        XCTAssertEqual(diagnostics.map(column), ["RG3004 9:21", "RG3003 9:42", "RG3008 9:56", "RG3009 9:72", "RG3010 9:86", "RG3007 9:106"])
    }

    func testServiceWildcardOnStarIsLeftToRG3002() throws {
        let diagnostics = try findings("- allow: [s3:*, sts:*]\n  resources: \"*\"")
        XCTAssertEqual(diagnostics.map(\.code.id), ["RG3002", "RG3002"])
    }

    func testWriteMessageCountsActionsAndNamesAnExample() throws {
        let message = try XCTUnwrap(findings("- allow: dynamodb:Update*\n  resources: \"*\"").first { $0.code.id == "RG3007" }?.message)
        let count = Catalog.shared.service("dynamodb")!.actions(matching: "Update*").filter { !$0.resourceTypes.isEmpty }.count
        XCTAssertGreaterThan(count, 1)
        XCTAssertTrue(message.contains("allows dynamodb:Update* on every resource: \(count) Write or Permissions management actions"), message)
        XCTAssertTrue(message.contains("such as dynamodb:Update"), message)
    }

    func testRedundantItemsPointAtWhatCoversThem() throws {
        let diagnostics = try findings("- allow: [iam:Get*, iam:GetRole, iam:get*]\n  resources: \"*\"")
        let redundant = diagnostics.filter { $0.code.id == "RG3013" }
        XCTAssertEqual(redundant.map(column), ["RG3013 9:31", "RG3013 9:44"])
        XCTAssertEqual(redundant.map(\.message), [
            "inline policy 'main': iam:GetRole is already covered by iam:Get* in the same statement",
            "inline policy 'main': iam:get* is listed twice in the statement",
        ])
        XCTAssertEqual(redundant.flatMap(\.notes).map { $0.range?.start.column }, [21, 21])
    }

    func testRedundantStatementNamesTheCoveringStatementBySid() throws {
        let diagnostics = try findings("""
        - sid: Read
          allow: s3:Get*
          resources: arn:aws:s3:::bucket/*
        - allow: s3:GetObject
          resources: arn:aws:s3:::bucket/reports/*
        """)
        let message = try XCTUnwrap(diagnostics.first { $0.code.id == "RG3012" }?.message)
        XCTAssertEqual(message, "inline policy 'main': the statement adds nothing to the statement 'Read', which covers its actions and resources under the same conditions")
    }

    func testDenyOfAnActionTheCatalogLacksInAnUndocumentedServiceIsNotJudged() throws {
        let diagnostics = try findings("- deny: frobozz:DeleteEverything\n  resources: \"*\"")
        XCTAssertEqual(diagnostics.filter { $0.code.id == "RG3011" }.map(column), [])
    }
}
