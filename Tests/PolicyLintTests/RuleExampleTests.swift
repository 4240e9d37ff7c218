@testable import PolicyLint
import RoleGenCore
import XCTest

/// Runs every rule's examples: triggering ones must report exactly at their `↓` markers,
/// non-triggering ones must stay silent. Other rules' findings are ignored here.
final class RuleExampleTests: XCTestCase {
    func testEveryRuleHasEnoughExamples() {
        for rule in RuleRegistry.rules {
            let description = rule.description
            XCTAssertGreaterThanOrEqual(description.triggering.count, 2, description.id)
            XCTAssertGreaterThanOrEqual(description.nonTriggering.count, 2, description.id)
            for example in description.triggering {
                XCTAssertTrue(example.spec.contains("↓"), "\(description.id): a triggering example without a marker:\n\(example.spec)")
            }
            for example in description.nonTriggering {
                XCTAssertFalse(example.spec.contains("↓"), "\(description.id): a marker in a non-triggering example")
            }
        }
    }

    func testTriggeringExamples() {
        for rule in RuleRegistry.rules {
            let description = rule.description
            for example in description.triggering {
                let (text, markers) = stripMarkers(example.spec)
                guard let diagnostics = lint(text, rule: description, example: example) else { continue }
                let actual = diagnostics.map { position($0.range) }
                XCTAssertEqual(actual, markers.map { "\($0.line):\($0.column)" },
                               "\(description.id) triggering example:\n\(example.spec)\nfound:\n\(diagnostics.map(\.message).joined(separator: "\n"))")
                for diagnostic in diagnostics {
                    XCTAssertEqual(diagnostic.severity, description.severity, description.id)
                    XCTAssertEqual(diagnostic.fixIt, description.fix, description.id)
                }
            }
        }
    }

    func testNonTriggeringExamples() {
        for rule in RuleRegistry.rules {
            let description = rule.description
            for example in description.nonTriggering {
                guard let diagnostics = lint(example.spec, rule: description, example: example) else { continue }
                XCTAssertEqual(diagnostics.map { position($0.range) }, [],
                               "\(description.id) non-triggering example fired:\n\(example.spec)\n\(diagnostics.map(\.message).joined(separator: "\n"))")
            }
        }
    }

    func testCodesAndNamesAreUnique() {
        let descriptions = RuleRegistry.rules.map { $0.description }
        XCTAssertEqual(Set(descriptions.map(\.id)).count, descriptions.count)
        XCTAssertEqual(descriptions.map(\.id), descriptions.map(\.id).sorted(), "the registry lists rules in code order")
        XCTAssertEqual(Set(descriptions.map(\.name)).count, descriptions.count)
        for description in descriptions {
            XCTAssertTrue(description.id.hasPrefix("RG3") && description.id.count == 6, description.id)
            XCTAssertEqual(description.name, description.name.lowercased(), description.id)
            XCTAssertFalse(description.name.contains(" ") || description.name.contains("-"), description.id)
            XCTAssertTrue(description.documentation.hasPrefix("https://docs.aws.amazon.com/"), description.id)
            XCTAssertFalse(description.rationale.isEmpty || description.fix.isEmpty, description.id)
        }
        XCTAssertNotNil(RuleRegistry.rule("rg3001"))
        XCTAssertNotNil(RuleRegistry.rule("full_admin"))
        XCTAssertNil(RuleRegistry.rule("RG9999"))
    }

    /// A rule of scope permissions or trust also runs on raw policy files, where the role has no
    /// settings: on each example's documents, taken as files, it must find what it finds on the role.
    func testPermissionAndTrustRulesFindTheSameOnTheRolesDocuments() throws {
        for rule in RuleRegistry.rules where [.permissions, .trust].contains(rule.description.scope) {
            let description = rule.description
            for example in description.triggering + description.nonTriggering {
                let (text, _) = stripMarkers(example.spec)
                let compiled = compileSpec(text)
                let model = try XCTUnwrap(compiled.model, description.id)
                let configuration = LintConfiguration(options: [description.id: example.options])
                // AWS managed policies are not among a role's own documents: what a rule finds
                // with them is not for the documents alone to find.
                if model.roles.contains(where: { $0.managedPolicies.contains { $0.awsManagedPolicy != nil } }) { continue }
                let onRoles = Linter.lint(model, configuration: configuration, specs: compiled.specs).filter { $0.code.id == description.id }
                let policies = Dictionary(model.policies.map { ($0.name, $0.document) }, uniquingKeysWith: { first, _ in first })
                var onDocuments: [String] = []
                for role in model.roles {
                    let ownAccounts = Set(compiled.specs.flatMap { $0.accounts.map(\.id.value) } + (role.account.map { [$0.shown] } ?? []))
                    var documents = [role.trustPolicy]
                    if description.scope == .permissions {
                        documents = role.inlinePolicies.map(\.document) + role.managedPolicies.compactMap { reference in
                            if case .customer(let name) = reference.kind { return policies[name] }
                            return nil
                        }
                    }
                    for document in documents {
                        let view = LintRole(document: document.shown, scope: description.scope, ownAccounts: ownAccounts, catalog: .shared)
                        onDocuments += rule.init(options: example.options).check(view).map { position($0.range) }
                    }
                }
                XCTAssertEqual(onDocuments.sorted(), onRoles.map { position($0.range) }.sorted(),
                               "\(description.id) on the documents of:\n\(example.spec)")
            }
        }
    }

    func testScopeDefaultsToTheCodesGroup() {
        XCTAssertEqual(FullAdminRule.description.scope, .permissions)
        XCTAssertEqual(TrustAnyPrincipalRule.description.scope, .trust)
        XCTAssertEqual(MissingBoundaryRule.description.scope, .role)
        XCTAssertEqual(RuleScope(groupOf: "RG3301"), .role)
    }

    func testConfigurationDisablesAndOverridesSeverity() throws {
        let example = FullAdminRule.description.triggering[0].spec
        let (text, _) = stripMarkers(example)
        let model = try XCTUnwrap(compileSpec(text).model)
        XCTAssertTrue(Linter.lint(model, configuration: LintConfiguration(disabled: ["full_admin"])).allSatisfy { $0.code.id != "RG3001" })
        let overridden = Linter.lint(model, configuration: LintConfiguration(severities: ["RG3001": .note]))
        XCTAssertEqual(overridden.filter { $0.code.id == "RG3001" }.map(\.severity), [.note])
    }

    func testCustomerPolicyAttachedToTwoRolesReportsOnce() throws {
        let text = """
        version: 1
        defaults: {account: "111122223333"}
        policies:
          - name: broad
            statements:
              - allow: "*"
                resources: "*"
        roles:
          - name: a
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [broad]
          - name: b
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [broad]

        """
        let compiled = compileSpec(text)
        XCTAssertFalse(compiled.diagnostics.hasErrors, compiled.diagnostics.map(\.message).joined(separator: "\n"))
        let model = try XCTUnwrap(compiled.model)
        let findings = Linter.lint(model, configuration: .default).filter { $0.code.id == "RG3001" }
        XCTAssertEqual(findings.map { position($0.range) }, ["6:16"])
    }

    // MARK: - Helpers

    /// Lints `text` with the example's options and returns the findings of `rule`; nil (after
    /// failing) if the spec does not compile.
    private func lint(_ text: String, rule: RuleDescription, example: RuleExample) -> [Diagnostic]? {
        let (model, diagnostics, specs) = compileSpec(text)
        guard let model, !diagnostics.hasErrors else {
            XCTFail("\(rule.id) example does not compile:\n\(example.spec)\n\(diagnostics.map { "\($0.code.id) \(position($0.range)) \($0.message)" }.joined(separator: "\n"))")
            return nil
        }
        let configuration = LintConfiguration(options: [rule.id: example.options])
        return Linter.lint(model, configuration: configuration, specs: specs).filter { $0.code.id == rule.id }
    }

    private func position(_ range: SourceRange?) -> String {
        "\(range?.start.line ?? 0):\(range?.start.column ?? 0)"
    }
}

/// The spec without its `↓` markers, and the (1-based) line and column each marker stood at.
func stripMarkers(_ text: String) -> (String, [(line: Int, column: Int)]) {
    var output = ""
    var markers: [(line: Int, column: Int)] = []
    var line = 1, column = 1
    for character in text {
        if character == "↓" {
            markers.append((line, column))
            continue
        }
        output.append(character)
        if character == "\n" {
            line += 1
            column = 1
        } else {
            column += character.utf8.count
        }
    }
    return (output, markers)
}

/// YAML → spec → model, in memory (as Tests/RoleGenCoreTests/Support.swift does).
func compileSpec(_ text: String, file: String = "spec.yaml") -> (model: Model?, diagnostics: [Diagnostic], specs: [SpecFile]) {
    let read = YAMLReader.read(Array(text.utf8), file: file, limits: .default)
    guard let root = read.root, !read.diagnostics.hasErrors else { return (nil, read.diagnostics, []) }
    let (spec, specDiagnostics) = SpecDecoder.decode(root, path: file)
    guard let spec else { return (nil, read.diagnostics + specDiagnostics, []) }
    let (model, resolveDiagnostics) = Resolver.resolve([spec], documents: [:], commandLineVariables: [:])
    return (model, read.diagnostics + specDiagnostics + resolveDiagnostics, [spec])
}

/// The catalog-annotated view: wildcards expanded against the catalog, with access levels.
final class LintViewTests: XCTestCase {
    func testServiceWildcardMessageCountsCatalogAccessLevels() throws {
        let (text, _) = stripMarkers(ServiceWildcardRule.description.triggering[0].spec)
        let model = try XCTUnwrap(compileSpec(text).model)
        let message = try XCTUnwrap(Linter.lint(model, configuration: .default).first { $0.code.id == "RG3002" }?.message)
        XCTAssertTrue(message.contains(" Write, "), message)
        XCTAssertTrue(message.contains(" Permissions management)"), message)
    }

    func testWildcardMatchingIgnoresCase() {
        XCTAssertTrue(Wildcard.matches("iam:put*", "iam:PutRolePolicy"))
        XCTAssertTrue(Wildcard.matches("iam:?ttachRolePolicy", "iam:AttachRolePolicy"))
        XCTAssertFalse(Wildcard.matches("iam:Put*", "iam:PassRole"))
        XCTAssertTrue(Wildcard.matches("*", "s3:GetObject"))
    }
}
