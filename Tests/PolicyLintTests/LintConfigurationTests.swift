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
        let (configuration, problems) = decode("lint:\n  disable: [RG9999]\n  severity: {RG3001: fatal}\n  include: []\nrules: {}\n")
        XCTAssertNil(configuration)
        XCTAssertEqual(problems, ["RG0101 5:1", "RG0101 4:3", "RG0104 2:13", "RG0104 3:22"])
    }

    // MARK: - Excludes

    private let broadSpec = """
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

    func testExcludesDecodeAsPathsOrPathsWithRules() throws {
        let text = "lint:\n  exclude:\n    - legacy/**\n    - {path: ./vendor/*.json, rules: [full_admin, RG3002]}\n"
        let (configuration, problems) = LintConfiguration.decode(Array(text.utf8), file: "/repo/.rolegen.yaml")
        XCTAssertEqual(problems.map(\.message), [])
        let excludes = try XCTUnwrap(configuration).excludes
        XCTAssertEqual(excludes.map(\.pattern), ["legacy/**", "./vendor/*.json"])
        XCTAssertEqual(excludes.map(\.rules), [[], ["RG3001", "RG3002"]])
        XCTAssertEqual(excludes.map(\.directory), ["/repo", "/repo"])
    }

    func testExcludePatternsMatchRelativeToTheConfigurationDirectory() {
        let any = LintExclude(pattern: "legacy/**", relativeTo: "/repo")
        XCTAssertTrue(any.matches(file: "/repo/legacy/a/b.json"))
        XCTAssertTrue(any.matches(file: "/repo/legacy/roles.yaml"))
        XCTAssertFalse(any.matches(file: "/repo/legacyish/roles.yaml"))
        XCTAssertFalse(any.matches(file: "/other/legacy/roles.yaml"))
        let json = LintExclude(pattern: "./policies/*.json", relativeTo: "/repo")
        XCTAssertTrue(json.matches(file: "/repo/policies/admin.json"))
        XCTAssertFalse(json.matches(file: "/repo/policies/sub/admin.json"), "* stays within one component")
        XCTAssertFalse(json.matches(file: "/repo/policies/admin.yaml"))
        let directory = LintExclude(pattern: "vendor", relativeTo: "/repo")
        XCTAssertTrue(directory.matches(file: "/repo/vendor/x/y.json"), "a directory stands for the files inside")
        let anywhere = LintExclude(pattern: "**/break-glass.yaml", relativeTo: "/repo")
        XCTAssertTrue(anywhere.matches(file: "/repo/break-glass.yaml"))
        XCTAssertTrue(anywhere.matches(file: "/repo/a/b/break-glass.yaml"))
        let relative = LintExclude(pattern: "specs/*.yaml", relativeTo: ".")
        XCTAssertTrue(relative.matches(file: "specs/roles.yaml"), "relative paths are resolved against the working directory")
    }

    func testExcludedFindingsAreDroppedPerRule() throws {
        let model = try XCTUnwrap(compileSpec(broadSpec, file: "/repo/legacy/spec.yaml").model)
        func codes(_ excludes: [LintExclude]) -> [String] {
            // s3:* next to * is also redundant (RG3013); that rule is beside the point here.
            Linter.lint(model, configuration: LintConfiguration(disabled: ["redundant_action"], excludes: excludes)).map(\.code.id)
        }
        XCTAssertEqual(codes([]), ["RG3001", "RG3002"])
        XCTAssertEqual(codes([LintExclude(pattern: "legacy", relativeTo: "/repo")]), [])
        XCTAssertEqual(codes([LintExclude(pattern: "legacy/*.yaml", rules: ["RG3001"], relativeTo: "/repo")]), ["RG3002"])
        XCTAssertEqual(codes([LintExclude(pattern: "other/**", relativeTo: "/repo")]), ["RG3001", "RG3002"])
    }

    func testSuppressionOfAnExcludedRuleIsNotReportedAsStale() throws {
        let text = broadSpec.replacingOccurrences(of: "    inline_policies:", with: "    lint: {ignore: [{rule: RG3001, reason: break-glass}]}\n    inline_policies:")
        let (model, diagnostics, specs) = compileSpec(text, file: "/repo/legacy/spec.yaml")
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let configuration = LintConfiguration(disabled: ["redundant_action"],
                                              excludes: [LintExclude(pattern: "legacy", rules: ["RG3001"], relativeTo: "/repo")])
        XCTAssertEqual(Linter.lint(try XCTUnwrap(model), configuration: configuration, specs: specs).map(\.code.id), ["RG3002"])
    }

    func testExcludeErrorsHavePositions() {
        let (configuration, problems) = decode("""
        lint:
          exclude:
            - /abs/**
            - {rules: [RG3001]}
            - {path: x, rules: [RG9999], only: y}
            - [a]
          options: []

        """)
        XCTAssertNil(configuration)
        XCTAssertEqual(problems, ["RG0104 3:7", "RG0103 4:7", "RG0101 5:34", "RG0104 5:25", "RG0102 6:7", "RG0102 7:12"])
    }

    // MARK: - Options

    func testOptionsAreDecodedPerRuleByCode() throws {
        let (configuration, problems) = decode("lint:\n  options:\n    missing_required_tags: {keys: [owner, cost-center]}\n    RG3203: {keys: team}\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(try XCTUnwrap(configuration).options, ["RG3203": RuleOptions(["keys": ["team"]])], "a single string is a list of one; the later entry wins")
    }

    func testUnknownOptionsAndBadValuesAreErrorsWithPositions() {
        let (configuration, problems) = decode("""
        lint:
          options:
            missing_required_tags:
              keys: [owner, {a: b}]
              values: [x]
            full_admin: {strict: true}
            no_such_rule: {}
            RG3002: []

        """)
        XCTAssertNil(configuration)
        XCTAssertEqual(problems, ["RG0102 4:21", "RG0101 5:7", "RG0101 6:18", "RG0104 7:5", "RG0102 8:13"])
    }

    func testUnknownOptionNamesTheRulesOptions() {
        let (_, diagnostics) = LintConfiguration.decode(Array("lint:\n  options:\n    RG3203: {key: [owner]}\n    RG3001: {x: 1}\n".utf8), file: ".rolegen.yaml")
        XCTAssertEqual(diagnostics.map(\.message), ["unknown option 'key' of RG3203 missing_required_tags", "unknown option 'x' of RG3001 full_admin"])
        XCTAssertEqual(diagnostics.map(\.fixIt), ["options: keys", "full_admin takes no options"])
    }

    func testOptionsReachTheRule() throws {
        let spec = "version: 1\nroles:\n  - name: app\n    trust: [{service: ec2.amazonaws.com}]\n    tags: {owner: platform}\n"
        let model = try XCTUnwrap(compileSpec(spec).model)
        XCTAssertEqual(Linter.lint(model).map(\.code.id), [], "RG3203 does nothing unless configured")
        let configured = LintConfiguration(options: ["RG3203": RuleOptions(["keys": ["owner", "cost-center"]])])
        XCTAssertEqual(Linter.lint(model, configuration: configured).map { "\($0.code.id) \($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)" },
                       ["RG3203 3:5 role 'app' lacks the required tag 'cost-center'"])
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
