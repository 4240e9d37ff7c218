import RoleGenCore
import XCTest

/// `service_linked_roles:`, `service_control_policies:` and `permission_sets:`: what they
/// resolve to, and every error with its code and position.
final class OrganizationTests: XCTestCase {
    static let accounts = """
    accounts:
      prod: "111122223333"
    """

    func testServiceLinkedRoleResolves() throws {
        let result = compile("""
        version: 1
        \(Self.accounts)
        service_linked_roles:
          - service: autoscaling.amazonaws.com
            suffix: batch
            description: Batch fleet
            account: prod

        """)
        assertErrors(result.diagnostics, [])
        let linked = try XCTUnwrap(result.model?.serviceLinkedRoles.first)
        XCTAssertEqual([linked.service, linked.suffix, linked.description?.shown, linked.account?.shown, linked.path],
                       ["autoscaling.amazonaws.com", "batch", "Batch fleet", "111122223333", "/aws-service-role/autoscaling.amazonaws.com/"])
    }

    func testServiceLinkedRoleRejectsWhatAWSFixes() {
        let result = compile("""
        version: 1
        service_linked_roles:
          - service: rds.amazonaws.com
            trust: [{service: rds.amazonaws.com}]
            inline_policies: []

        """)
        assertErrors(result.diagnostics, [(.conflictingKeys, 4, 5), (.conflictingKeys, 5, 5)])
        XCTAssertTrue(result.diagnostics[0].message.contains("AWS fixes the name, path, trust and permissions"), result.diagnostics[0].message)
    }

    func testServiceLinkedRoleServiceIsChecked() {
        // A near miss of a known service principal names no service.
        let typo = compile("version: 1\nservice_linked_roles:\n  - service: autoscalling.amazonaws.com\n")
        assertErrors(typo.diagnostics, [(.misspeltServicePrincipal, 3, 14)])
        XCTAssertEqual(typo.diagnostics.first?.fixIt, "did you mean 'autoscaling.amazonaws.com'?")
        let unknown = compile("version: 1\nservice_linked_roles:\n  - service: quantum-ledger.amazonaws.com\n")
        assertErrors(unknown.diagnostics, [])
        let warning = unknown.diagnostics.first { $0.code == .unknownLinkedService }
        XCTAssertEqual(warning?.range?.start.line, 3)
        XCTAssertEqual(warning?.range?.start.column, 14)
        XCTAssertNotNil(unknown.model, "an unknown service is a warning: the list is not complete")

        assertErrors(compile("version: 1\nservice_linked_roles:\n  - service: AutoScaling\n").diagnostics, [(.invalidValue, 3, 14)])
        assertErrors(compile("version: 1\nservice_linked_roles:\n  - service: rds.amazonaws.com\n    suffix: \"a b\"\n").diagnostics,
                     [(.nameLimit, 4, 13)])
        assertErrors(compile("version: 1\nservice_linked_roles:\n  - service: rds.amazonaws.com\n  - service: rds.amazonaws.com\n").diagnostics,
                     [(.duplicateName, 4, 5)])
    }

    func testServiceControlPolicyResolves() throws {
        let result = compile("""
        version: 1
        \(Self.accounts)
        service_control_policies:
          - name: guard
            targets: [root, ou-ab12-cdef3456, prod, r-ab12]
            statements:
              - deny: iam:*Role
                resources: "*"

        """)
        assertErrors(result.diagnostics, [])
        let policy = try XCTUnwrap(result.model?.serviceControlPolicies.first)
        XCTAssertEqual(policy.targets, [.root, .id("ou-ab12-cdef3456"), .id("111122223333"), .id("r-ab12")])
        XCTAssertEqual(policy.document.statements.first?.action?.values.map(\.value), ["iam:*Role"],
                       "SCPs accept wildcards inside actions since September 2025")
    }

    func testServiceControlPolicyErrors() {
        let principal = compile("""
        version: 1
        service_control_policies:
          - name: guard
            statements:
              - Effect: Deny
                Principal: "*"
                Action: "*"
                Resource: "*"

        """)
        assertErrors(principal.diagnostics, [(.policyDocument, 6, 9)])
        XCTAssertTrue(principal.diagnostics[0].message.contains("not allowed in a service control policy"), principal.diagnostics[0].message)

        let targets = compile("version: 1\nservice_control_policies:\n  - name: g\n    targets: [ou-bad, nobody]\n    statements:\n      - deny: \"*\"\n        resources: \"*\"\n")
        assertErrors(targets.diagnostics, [(.invalidValue, 4, 15), (.unknownAccount, 4, 23)])

        // 5,120 characters of compact JSON, every character counted.
        let actions = (0..<300).map { "s3:GetObjectVersion\($0)" }.joined(separator: ", ")
        let large = compile("version: 1\nservice_control_policies:\n  - name: g\n    statements:\n      - deny: [\(actions)]\n        resources: \"*\"\n")
        assertErrors(large.diagnostics, [(.policySizeLimit, 3, 5)])
    }

    func testPermissionSetResolves() throws {
        let result = compile("""
        version: 1
        \(Self.accounts)
        policies:
          - name: deploy
            path: /team/
            statements:
              - allow: s3:PutObject
                resources: arn:aws:s3:::b/*
        permission_sets:
          - name: Deployer
            session_duration: PT2H30M
            relay_state: https://console.aws.amazon.com/s3/home
            managed_policies: [job-function/ViewOnlyAccess]
            customer_managed_policies: [deploy, /shared/base]
            permissions_boundary: PowerUserAccess
            inline_policy:
              statements:
                - allow: s3:ListBucket
                  resources: arn:aws:s3:::b
            assignments:
              - group: 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d
                accounts: [prod, "444455556666"]

        """)
        assertErrors(result.diagnostics, [])
        let model = try XCTUnwrap(result.model)
        let set = try XCTUnwrap(model.permissionSets.first)
        XCTAssertEqual(set.sessionDuration, "PT2H30M")
        XCTAssertEqual(set.managedPolicies.map(\.arn), ["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"])
        XCTAssertEqual(set.customerManagedPolicies, [.init(name: "deploy", path: "/team/"), .init(name: "base", path: "/shared/")])
        XCTAssertEqual(set.permissionsBoundary, .awsManaged(arn: "arn:aws:iam::aws:policy/PowerUserAccess"))
        XCTAssertEqual(set.assignments.map(\.account), ["111122223333", "444455556666"])
        XCTAssertEqual(set.assignments.map(\.principalType), [.group, .group])
        XCTAssertEqual(model.policies.first?.accounts, ["111122223333", "444455556666"],
                       "a customer policy a permission set names is created in every assigned account")
    }

    func testPermissionSetErrors() {
        let result = compile("""
        version: 1
        permission_sets:
          - name: "has space"
            session_duration: 8h
            managed_policies: [arn:aws:iam::111122223333:policy/mine]
            assignments:
              - group: abc
                accounts: ["111122223333"]
              - user: 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d
                group: 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d
                accounts: ["111122223333"]

        """)
        assertErrors(result.diagnostics, [(.conflictingKeys, 9, 9)])
        let resolved = compile("""
        version: 1
        permission_sets:
          - name: "has space"
            session_duration: PT13H
            managed_policies: [arn:aws:iam::111122223333:policy/mine]
            assignments:
              - group: abc
                accounts: ["111122223333"]

        """)
        assertErrors(resolved.diagnostics, [(.nameLimit, 3, 11), (.sessionDurationLimit, 4, 23), (.unknownPolicy, 5, 24), (.invalidValue, 7, 16)])
    }

    /// Service control policies and permission sets are tagged by Organizations and
    /// Identity Center, whose patterns are checked per Unicode scalar like IAM's; keys that
    /// differ only in case are refused there too.
    func testOrganizationTagsAreChecked() {
        let result = compile("""
        version: 1
        service_control_policies:
          - name: guard
            statements:
              - deny: "*"
                resources: "*"
            tags:
              team: "a\\u200Db"
              Team: b
        permission_sets:
          - name: Reader
            managed_policies: [ReadOnlyAccess]
            tags:
              "k\\u094D": x
              env: dev
              ENV: prod

        """)
        assertErrors(result.diagnostics, [(.tagLimit, 8, 13), (.tagLimit, 9, 7), (.tagLimit, 14, 7), (.tagLimit, 16, 7)])
        XCTAssertTrue(result.diagnostics[0].message.contains("U+200D ZERO WIDTH JOINER"), result.diagnostics[0].message)
        XCTAssertTrue(result.diagnostics[2].message.contains("U+094D DEVANAGARI SIGN VIRAMA"), result.diagnostics[2].message)
        XCTAssertEqual(result.diagnostics[3].message, "tag key 'ENV' differs from 'env' only in case: AWS takes them for the same key")
    }

    func testISO8601Durations() {
        for (text, valid) in [("PT1H", true), ("PT12H", true), ("PT90M", true), ("PT3600S", true), ("PT59M", false), ("PT12H1S", false),
                              ("P1D", false), ("PTH", false), ("PT1M1H", false), ("8h", false)] {
            let result = compile("version: 1\npermission_sets:\n  - name: p\n    session_duration: \(text)\n")
            XCTAssertEqual(!result.diagnostics.hasErrors, valid, text)
        }
    }
}
