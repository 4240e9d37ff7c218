import Foundation
import PolicyLint
import RoleGenCore
import XCTest

final class LintConfigurationTests: XCTestCase {
    private func decode(_ text: String) -> (LintConfiguration?, [String]) {
        let (configuration, diagnostics) = LintConfiguration.decode(Array(text.utf8), file: ".rolegen.yaml")
        return (configuration, diagnostics.map { "\($0.code.id) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" })
    }

    func testDisableAndSeverityApply() throws {
        let (configuration, problems) = decode("lint:\n  disable: [service_wildcard, redundant_action]\n  severity: {rg3001: note}\n")
        XCTAssertEqual(problems, [])
        let config = try XCTUnwrap(configuration)
        let spec = """
        version: 1
        roles:
          - name: app
            trust: [{service: ec2.amazonaws.com}]
            inline_policies:
              - name: main
                statements:
                  - allow: ["*", s3:*]
                    resources: "*"

        """
        let model = try XCTUnwrap(compileSpec(spec).model)
        XCTAssertEqual(Linter.lint(model, configuration: config).map { "\($0.code.id) \($0.severity)" }, ["RG3001 note"])
    }

    func testUnknownRulesKeysAndSeveritiesAreErrors() {
        let (configuration, problems) = decode("lint:\n  disable: [RG9999]\n  severity: {RG3001: fatal}\n  exclude: []\nrules: {}\n")
        XCTAssertNil(configuration)
        XCTAssertEqual(problems, ["RG0101 5:1", "RG0101 4:3", "RG0104 2:13", "RG0104 3:22"])
    }

    func testLocateFindsTheNearestFileUpward() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-config-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertNil(LintConfiguration.locate(from: nested.appendingPathComponent("spec.yaml").path).flatMap { $0.hasPrefix(root.path) ? $0 : nil })
        try Data("lint: {}\n".utf8).write(to: root.appendingPathComponent(".rolegen.yaml"))
        XCTAssertEqual(LintConfiguration.locate(from: nested.appendingPathComponent("spec.yaml").path).map { URL(fileURLWithPath: $0).standardizedFileURL.path },
                       root.appendingPathComponent(".rolegen.yaml").standardizedFileURL.path)
    }
}
