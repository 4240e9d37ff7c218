@testable import Backends
import Foundation
import RoleGen
import RoleGenCore
import XCTest

/// Template backends in-process: escapers, loader checks, the context, the embedded templates.
final class TemplateBackendTests: XCTestCase {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    // MARK: - Escaping

    func testPythonEscapeIsASCIIWithEveryQuoteAndBreakEscaped() {
        let escaped = TemplateEscape.python.escape("a\"b'c\\d\ne\r\tf\u{7F}é✓😀\u{202E}")
        XCTAssertEqual(escaped, #"a\"b\'c\\d\ne\r\tf\x7f\xe9\u2713\U0001f600\u202e"#)
    }

    func testTypeScriptEscapeCoversTemplateLiterals() {
        XCTAssertEqual(TemplateEscape.typescript.escape("`${x}` \"'\\\n✓😀"), #"\`\${x}\` \"\'\\\n\u2713\u{1f600}"#)
    }

    func testJSONEscapeUsesUTF16Escapes() {
        XCTAssertEqual(TemplateEscape.json.escape("\"\\\n\u{1}é😀"), #"\"\\\n\u0001\u00e9\ud83d\ude00"#)
        XCTAssertEqual(TemplateEscape.yaml.escape("a\"b"), TemplateEscape.json.escape("a\"b"))
    }

    func testMarkdownWritesACodeSpanThatShowsEveryCharacter() {
        let md = TemplateEscape.markdown
        XCTAssertEqual(md.escape("arn:aws:s3:::b/*"), "`arn:aws:s3:::b/*`")
        XCTAssertEqual(md.escape("a `b` c"), "``a `b` c``")
        XCTAssertEqual(md.escape("`x``"), "``` `x`` ```")
        XCTAssertEqual(md.escape("one\ntwo\tthree"), "`one␊two␉three`")
        XCTAssertEqual(md.escape("left\u{202E}right\u{200B}"), "`left⟨U+202E⟩right⟨U+200B⟩`")
        XCTAssertEqual(md.escape("<script>[x](y) **z** | # _"), "`<script>[x](y) **z** | # _`")
        XCTAssertEqual(md.escape(""), "*(empty)*")
        XCTAssertEqual(md.escape("3600"), "`3600`")
        XCTAssertEqual(md.escape(" padded "), "`  padded  `")
        XCTAssertEqual(md.escape("  "), "`  `")
    }

    func testMermaidLabelKeepsOnlyPlainCharacters() {
        let mermaid = TemplateEscape.mermaid
        XCTAssertEqual(mermaid.escape("arn:aws:iam::123456789012:root"), "arn:aws:iam::123456789012:root")
        XCTAssertEqual(mermaid.escape("a\"] --> r1\nclick r1 <b>`#;é"),
                       "a#34;#93; --#62; r1#10;click r1 #60;b#62;#96;#35;#59;#233;")
    }

    // MARK: - Loader

    private func backend(_ manifest: String, _ templates: [String: String]) throws -> TemplateBackend {
        try TemplateLoader.load(files: [("backend.yaml", manifest)] + templates.map { ($0.key, $0.value) },
                                location: "test", origin: .directory("test"))
    }

    func testPartialsEscapeLikeTheFileThatIncludesThem() throws {
        let backend = try backend("""
            name: two
            description: two files
            context_version: 1
            escape: python
            files:
              - path: a.py
                template: main
              - path: b.md
                template: main.mustache
                escape: markdown
            """, ["main.mustache": "{{#roles}}{{>name}}{{/roles}}\n", "name.mustache": "[{{name}}|{{description}}]"])
        let model = try compile("""
            version: 1
            roles:
              - name: app
                description: "say \\"hi\\"\\nbye"
                trust: [{service: ec2.amazonaws.com}]
            """)
        let files = backend.render(model)
        XCTAssertEqual(files.map(\.path), ["a.py", "b.md"])
        XCTAssertEqual(files[0].contents, #"[app|say \"hi\"\nbye]"# + "\n")
        XCTAssertEqual(files[1].contents, "[`app`|`say \"hi\"␊bye`]\n")
    }

    /// A partial listed under `partials:` escapes its own way inside any file (a Mermaid
    /// diagram in a Markdown report); the file around it keeps its escape.
    func testListedPartialsEscapeTheirOwnWay() throws {
        let backend = try backend("""
            name: graph
            description: a diagram in a report
            context_version: 1
            escape: markdown
            partials:
              label: mermaid
            files:
              - path: r.md
                template: main
            """, ["main.mustache": "{{#roles}}{{description}} {{>label}}{{/roles}}\n", "label.mustache": "[\"{{description}}\"]"])
        let model = try compile("""
            version: 1
            roles:
              - name: app
                description: 'a"b'
                trust: [{service: ec2.amazonaws.com}]
            """)
        XCTAssertEqual(backend.render(model).first?.contents, "`a\"b` [\"a#34;b\"]\n")
        XCTAssertThrowsError(try self.backend("name: g\ndescription: d\ncontext_version: 1\nescape: markdown\npartials: {nothere: mermaid}\nfiles: [{path: r.md, template: main}]\n",
                                              ["main.mustache": "x"])) { error in
            XCTAssertTrue(((error as? TemplateLoadError)?.problems ?? []).contains { $0.contains("'partials' names 'nothere'") }, "\(error)")
        }
    }

    func testForbiddenTagsAreFoundWithTheirPosition() {
        XCTAssertNil(TemplateLoader.forbiddenTag(in: "{{a}} { {{#b}}{{/b}} {x}", file: "f"))
        XCTAssertEqual(TemplateLoader.forbiddenTag(in: "ok\n  {{{x}}}", file: "f")?.hasPrefix("f:2:3: '{{{…}}}'"), true)
        XCTAssertEqual(TemplateLoader.forbiddenTag(in: "{{&x}}", file: "f")?.hasPrefix("f:1:1: '{{&…}}'"), true)
        XCTAssertNotNil(TemplateLoader.forbiddenTag(in: "{{! a comment }}{{%PRAGMA}}", file: "f"))
        XCTAssertNotNil(TemplateLoader.forbiddenTag(in: "{{=| |=}}", file: "f"))
    }

    func testManifestProblemsAreAllReportedWithPositions() {
        XCTAssertThrowsError(try backend("""
            name: Bad_Name
            description: [not, a, string]
            context_version: 1
            escape: python
            files:
              - path: a.py
                template: missing
                executable: yes
              - path: a.py
                template: main
            colour: blue
            """, ["main.mustache": "x"])) { error in
            let problems = (error as? TemplateLoadError)?.problems ?? []
            XCTAssertTrue(problems.contains { $0.hasPrefix("test/backend.yaml:1:7: backend name 'Bad_Name'") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("test/backend.yaml:2:14: 'description' must be a string") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("test/backend.yaml:8:17: 'executable' must be true or false") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("test/backend.yaml:11:1: unknown key 'colour'") }, "\(problems)")
        }
        XCTAssertThrowsError(try backend("""
            name: ok
            description: d
            context_version: 1
            escape: python
            files:
              - path: a.py
                template: missing
              - path: a.py
                template: main
            """, ["main.mustache": "x"])) { error in
            let problems = (error as? TemplateLoadError)?.problems ?? []
            XCTAssertTrue(problems.contains { $0.hasPrefix("test/backend.yaml:7:15: no template 'missing'") }, "\(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("test/backend.yaml:8:11: output file 'a.py' is listed twice") }, "\(problems)")
        }
    }

    func testMustacheSyntaxErrorsPointAtTheTemplateLine() {
        XCTAssertThrowsError(try backend("name: ok\ndescription: d\ncontext_version: 1\nescape: json\nfiles: [{path: a, template: main}]\n",
                                         ["main.mustache": "one\n{{#roles}}\n{{/policies}}\n"])) { error in
            let problem = (error as? TemplateLoadError)?.problems.first ?? ""
            XCTAssertTrue(problem.hasPrefix("test/main.mustache:3:"), problem)
            XCTAssertTrue(problem.hasSuffix(": section closed with a different name than it was opened with"), problem)
        }
    }

    // MARK: - Built-in templates

    func testEmbeddedTemplatesMatchTemplatesDirectory() throws {
        let root = Self.packageRoot.appendingPathComponent("Templates")
        var onDisk: [String: [String: String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path) {
            let directory = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("backend.yaml").path) else { continue }
            var files: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(atPath: directory.path)
            while let relative = enumerator?.nextObject() as? String {
                guard relative == "backend.yaml" || relative.hasSuffix(".mustache") else { continue }
                files[relative] = try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
            }
            onDisk[name] = files
        }
        var embedded: [String: [String: String]] = [:]
        for directory in BuiltInTemplates.directories {
            embedded[directory.name] = Dictionary(uniqueKeysWithValues: directory.files.map { ($0.path, $0.text) })
        }
        XCTAssertEqual(Set(embedded.keys), Set(onDisk.keys), "Templates/ changed: run scripts/embed-templates")
        for (name, files) in onDisk.sorted(by: { $0.key < $1.key }) {
            let stale = Set(files.keys).union(embedded[name]?.keys ?? [:].keys).filter { files[$0] != embedded[name]?[$0] }
            XCTAssertEqual(stale, [], "Templates/\(name) changed: run scripts/embed-templates")
        }
    }

    func testBuiltInTemplateBackendsAreRegistered() {
        XCTAssertEqual(TemplateBackend.builtIn.map(\.name), ["cdk-python", "pulumi-python", "review-md"])
        for name in ["review-md", "cdk-python", "pulumi-python"] {
            let backend = BackendRegistry.backend(named: name)
            XCTAssertNotNil(backend, name)
            XCTAssertFalse(backend?.rendersDeployInputs ?? true, "\(name) gets substituted deploy-time inputs")
        }
        XCTAssertEqual((BackendRegistry.backend(named: "cdk-python") as? TemplateBackend)?.outputPaths,
                       ["app.py", "cdk.json", "requirements.txt"])
    }

    // MARK: - Context

    private func compile(_ spec: String) throws -> Model {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolegen-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("roles.yaml")
        try spec.write(to: file, atomically: true, encoding: .utf8)
        let compilation = Compiler.compile([file.path])
        guard let model = compilation.model else {
            XCTFail("spec does not compile: \(compilation.diagnostics.map(\.message))")
            throw CocoaError(.featureUnsupported)
        }
        return model
    }

    private func member(_ value: JSONValue, _ path: String...) -> JSONValue? {
        var current: JSONValue? = value
        for key in path {
            switch current {
            case .object(let members)?: current = members.first { $0.0 == key }?.1
            case .array(let items)?: current = Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: return nil
            }
        }
        return current
    }

    func testContextDescribesRolesPoliciesAndSummaries() throws {
        let model = try compile("""
            version: 1
            accounts: {prod: "111122223333"}
            defaults: {account: prod}
            policies:
              - name: shared
                path: /team/
                statements:
                  - allow: [s3:GetObject, sqs:SendMessage]
                    resources: "*"
              - name: unused
                statements: [{allow: s3:ListBucket, resources: "*"}]
            roles:
              - name: app
                trust:
                  - account: prod
                    external_id: xyz
                managed_policies: [shared, ReadOnlyAccess]
                permissions_boundary: shared
                inline_policies:
                  - name: own
                    statements:
                      - deny: s3:DeleteObject
                        resources: arn:aws:s3:::b/*
                      - Effect: Allow
                        NotAction: iam:*
                        Resource: "*"
            """)
        let context = TemplateContext.value(of: model)
        XCTAssertEqual(member(context, "version"), .integer(1))
        XCTAssertEqual(member(context, "lint", "suppressions"), .array([]))
        XCTAssertEqual(member(context, "lint", "findings", "0", "code"), .string("RG3009"), "s3:GetObject on *: data exfiltration")
        XCTAssertEqual(member(context, "roles", "0", "arn"), .string("arn:aws:iam::111122223333:role/app"))
        XCTAssertEqual(member(context, "roles", "0", "description"), .null, "optional fields are present as null")
        let trust = member(context, "roles", "0", "trustPolicy", "statements", "0")
        XCTAssertEqual(member(trust!, "principal", "entries", "0", "accountRoot"), .string("111122223333"))
        XCTAssertEqual(member(trust!, "conditions", "0", "key"), .string("sts:ExternalId"))
        XCTAssertEqual(member(context, "roles", "0", "trustPolicy", "value"), CanonicalJSON.value(of: model.roles[0].trustPolicy))
        XCTAssertEqual(member(context, "roles", "0", "trustPolicy", "jsonCompact"),
                       .string(CanonicalJSON.encode(model.roles[0].trustPolicy, pretty: false)))
        XCTAssertEqual(member(context, "roles", "0", "managedPolicies", "0", "path"), .string("/team/"))
        XCTAssertEqual(member(context, "roles", "0", "managedPolicies", "1", "kind"), .string("aws-managed"))
        XCTAssertEqual(member(context, "roles", "0", "permissionsBoundary", "isCustomer"), .bool(true))

        let summary = member(context, "roles", "0", "permissionSummary")!
        XCTAssertEqual(member(summary, "services", "0", "service"), .string("s3"))
        XCTAssertEqual(member(summary, "services", "0", "deny", "0", "action"), .string("s3:DeleteObject"))
        XCTAssertEqual(member(summary, "services", "0", "allow", "0", "action"), .string("s3:GetObject"))
        XCTAssertEqual(member(summary, "services", "1", "service"), .string("sqs"))
        XCTAssertEqual(member(summary, "exceptions", "0", "actions", "0"), .string("iam:*"))
        XCTAssertEqual(member(summary, "awsManaged", "0", "name"), .string("ReadOnlyAccess"))
        guard case .array(let overview)? = member(summary, "awsManaged", "0", "overview"),
              case .array(let services)? = member(summary, "awsManaged", "0", "services") else { return XCTFail("no AWS managed summary") }
        // ReadOnlyAccess reaches hundreds of services: a few lines per access level, the services apart.
        XCTAssertLessThanOrEqual(overview.count, 8, "\(overview)")
        guard case .string(let list)? = overview.first else { return XCTFail("\(overview)") }
        XCTAssertTrue(list.hasPrefix("List: all actions of "), list)
        XCTAssertGreaterThan(services.count, 200)
        XCTAssertEqual(member(summary, "unexpanded"), .array([]))

        XCTAssertEqual(member(context, "policies", "0", "attachedTo", "0"), .string("app"))
        XCTAssertEqual(member(context, "policies", "0", "boundaryOf", "0"), .string("app"))
        XCTAssertEqual(member(context, "policies", "1", "deployments", "0", "account"), .null, "an unused policy has no account")
    }

    func testDeployInputsAreShownByNameInTheContext() throws {
        var model = try compile("""
            version: 1
            roles:
              - name: app
                account: "111122223333"
                trust: [{service: ec2.amazonaws.com}]
            """)
        model.roles[0].description = "id \(text: .input("external_id"))"
        let text = TemplateContext.value(of: model).encoded()
        XCTAssertTrue(text.contains("id ${external_id}"), text)
    }

    func testPolicyARNPathAndName() {
        XCTAssertEqual(TemplateContext.pathAndName(ofPolicyARN: "arn:aws:iam::123456789012:policy/team/a/name").map { [$0.path, $0.name] },
                       ["/team/a/", "name"])
        XCTAssertEqual(TemplateContext.pathAndName(ofPolicyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess").map { [$0.path, $0.name] },
                       ["/", "ReadOnlyAccess"])
        XCTAssertNil(TemplateContext.pathAndName(ofPolicyARN: "arn:aws:s3:::bucket"))
    }
}
