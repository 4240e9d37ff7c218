import PolicyLint
import RoleGenCore
import XCTest

/// `lint: {ignore: [{rule, reason}]}` on roles and statements.
final class SuppressionTests: XCTestCase {
    private func lint(_ text: String) throws -> (findings: [String], decode: [Diagnostic]) {
        let read = YAMLReader.read(Array(text.utf8), file: "spec.yaml", limits: .default)
        let root = try XCTUnwrap(read.root)
        let (spec, specDiagnostics) = SpecDecoder.decode(root, path: "spec.yaml")
        guard let spec else { return ([], specDiagnostics) }
        let (model, resolveDiagnostics) = Resolver.resolve([spec], documents: [:], commandLineVariables: [:])
        let diagnostics = Linter.lint(try XCTUnwrap(model), configuration: .default, specs: [spec])
        return (diagnostics.map { "\($0.code.id) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" },
                specDiagnostics + resolveDiagnostics)
    }

    private func spec(role: String = "", statement: String = "") -> String {
        """
        version: 1
        roles:
          - name: app
            trust: [{service: ec2.amazonaws.com}]
        \(role)
            inline_policies:
              - name: main
                statements:
                  - allow: "*"
                    resources: "*"
        \(statement)
                  - allow: s3:*
                    resources: "*"
                    conditions: {Bool: {aws:SecureTransport: "true"}}

        """
    }

    /// A role that shares a statement through a YAML alias finds it at the anchor, in the
    /// other role: its own suppression covers its finding, the other role's stays.
    func testRoleSuppressionCoversStatementsSharedByAlias() throws {
        let result = try lint("""
        version: 1
        roles:
          - name: app
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - allow: &admin "*"
                    resources: "*"
          - name: app2
            lint:
              ignore: [{rule: RG3001, reason: break-glass role}]
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - allow: *admin
                    resources: "*"

        """)
        XCTAssertEqual(result.findings, ["RG3001 8:20"], "app's finding stays; app2's ignore is used, so no RG3000")
    }

    func testUnsuppressedFindings() throws {
        XCTAssertEqual(try lint(spec()).findings, ["RG3001 9:20", "RG3002 12:20"])
    }

    func testStatementSuppressionDropsItsFindingOnly() throws {
        let text = spec(statement: "            lint: {ignore: [{rule: RG3001, reason: \"break-glass role\"}]}")
        XCTAssertEqual(try lint(text).findings, ["RG3002 12:20"])
    }

    func testStatementSuppressionDoesNotReachOtherStatements() throws {
        let text = spec(statement: "            lint: {ignore: [{rule: service_wildcard, reason: \"wrong statement\"}]}")
        XCTAssertEqual(try lint(text).findings, ["RG3001 9:20", "RG3000 11:29", "RG3002 12:20"])
    }

    func testRoleSuppressionCoversEveryStatementOfTheRole() throws {
        let text = spec(role: "    lint:\n      ignore:\n        - {rule: RG3001, reason: admin by design}\n        - {rule: service_wildcard, reason: admin by design}")
        XCTAssertEqual(try lint(text).findings, [])
    }

    func testUnmatchedAndUnknownSuppressionsAreReported() throws {
        let text = spec(role: "    lint:\n      ignore:\n        - {rule: RG3101, reason: not needed}\n        - {rule: RG3999, reason: typo}")
        XCTAssertEqual(try lint(text).findings, ["RG3000 7:11", "RG3000 8:18", "RG3001 12:20", "RG3002 15:20"])
    }

    func testReasonIsRequired() throws {
        let result = try lint(spec(statement: "            lint: {ignore: [{rule: RG3001}]}"))
        XCTAssertEqual(result.decode.filter { $0.severity == .error }.map { "\($0.code.id) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" },
                       ["RG0103 11:29"])
    }

    func testUnknownKeysInLintAreErrors() throws {
        let result = try lint(spec(statement: "            lint: {ignore: [{rule: RG3001, reason: x, until: tomorrow}], skip: []}"))
        XCTAssertEqual(result.decode.filter { $0.severity == .error }.map(\.code.id), ["RG0101", "RG0101"])
    }

    func testRawStatementAcceptsLint() throws {
        let text = """
        version: 1
        roles:
          - name: app
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - Effect: Allow
                    Action: "*"
                    Resource: "*"
                    lint: {ignore: [{rule: full_admin, reason: break-glass}]}

        """
        let result = try lint(text)
        XCTAssertEqual(result.decode.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(result.findings, [])
    }
}

extension SuppressionTests {
    /// `lint:` belongs to spec files; an IAM document read through document_file stays plain IAM.
    func testDocumentFileStatementsRejectLint() throws {
        let text = """
        version: 1
        roles:
          - name: app
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                document_file: admin.json

        """
        let json = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "lint": {"ignore": [{"rule": "RG3001", "reason": "x"}]}}]}"#
        let document = try XCTUnwrap(YAMLReader.read(Array(json.utf8), file: "admin.json").root)
        let read = YAMLReader.read(Array(text.utf8), file: "spec.yaml")
        let (spec, _) = SpecDecoder.decode(try XCTUnwrap(read.root), path: "spec.yaml")
        let path = Resolver.documentPath("admin.json", relativeTo: "spec.yaml")
        let (_, diagnostics) = Resolver.resolve([try XCTUnwrap(spec)], documents: [path: document])
        XCTAssertTrue(diagnostics.contains { $0.code == .unknownKey && $0.message.contains("'lint'") },
                      diagnostics.map(\.message).joined(separator: "\n"))
    }
}

/// A permission set's inline policy is what people get: the permission rules judge it, and its
/// findings can be suppressed on the permission set.
final class PermissionSetLintTests: XCTestCase {
    func testPermissionRulesJudgeInlinePolicies() throws {
        let text = """
        version: 1
        permission_sets:
          - name: Admin
            inline_policy:
              statements:
                - allow: "*"
                  resources: "*"
          - name: Quiet
            lint: {ignore: [{rule: full_admin, reason: break-glass set}]}
            inline_policy:
              statements:
                - allow: "*"
                  resources: "*"

        """
        let (model, diagnostics, specs) = compileSpec(text)
        XCTAssertFalse(diagnostics.hasErrors, diagnostics.map(\.message).joined(separator: "\n"))
        let findings = Linter.lint(try XCTUnwrap(model), specs: specs).filter { $0.code.id == "RG3001" }
        XCTAssertEqual(findings.map { "\($0.range!.start.line):\($0.range!.start.column) \($0.message)" },
                       ["6:18 inline policy of permission set 'Admin' allows every action on every resource"])
    }
}
