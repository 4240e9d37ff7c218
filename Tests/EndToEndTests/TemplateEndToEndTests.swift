import Foundation
import XCTest

/// Template backends through the real binary: the built-in Python programs compile and say
/// exactly what the IAM JSON backend says, hostile strings stay inert in every escaping, and a
/// template directory of the user's own builds like a built-in target.
final class TemplateEndToEndTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = try Support.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    /// The `rolegen` built with these tests. Support.rolegen falls back to .build/debug when it
    /// finds no bundle, which is another build's binary under `--scratch-path`; the test
    /// executable's own directory is checked first.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rolegen")
        return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : Support.rolegen
    }()

    private func rolegen(_ arguments: [String], cwd: URL? = nil) throws -> Support.Run {
        try Support.run([Self.binary.path] + arguments, cwd: cwd)
    }

    private func python() throws -> String {
        guard let python = Support.which("python3") else { try Support.skipLoudly("python3 is not installed") }
        return python
    }

    private func write(_ name: String, _ text: String) throws {
        let url = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private func read(_ name: String) throws -> String {
        try String(contentsOf: work.appendingPathComponent(name), encoding: .utf8)
    }

    /// Acceptance: for every example, both Python programs compile, and Python's `ast` finds in
    /// them every role, inline policy, attachment, boundary, tag, instance profile and customer
    /// policy with the values of the IAM JSON files (documents equal after json.loads), in the
    /// right account, with the dependencies on customer policies, and nothing else; likewise
    /// every service-linked role (in its account), service control policy (document, targets,
    /// the root looked up at deploy time) and permission set (policies, inline policy, boundary,
    /// session duration, assignments), in the organization's stack or with its provider.
    func testGeneratedPythonCompilesAndMatchesIAMJSON() throws {
        let python = try python()
        try write("check.py", Self.astCheck)
        for example in try GoldenTests.examples() {
            let out = work.appendingPathComponent(example)
            let build = try rolegen(["build", "Examples/\(example)", "-o", out.path, "-q",
                                             "--target", "iam-json,cdk-python,pulumi-python"], cwd: Support.packageRoot)
            XCTAssertEqual(build.status, 0, "\(example): \(build.stderr)")
            for program in ["cdk-python/app.py", "pulumi-python/__main__.py"] {
                let compile = try Support.run([python, "-m", "py_compile", out.appendingPathComponent(program).path])
                XCTAssertEqual(compile.status, 0, "\(example) \(program) does not compile: \(compile.stderr)")
            }
            let check = try Support.run([python, work.appendingPathComponent("check.py").path, out.path])
            XCTAssertEqual(check.status, 0, "\(example): \(check.stderr)")
            XCTAssertTrue(check.stdout.hasPrefix("ok:"), "\(example): \(check.stdout)")
        }
    }

    /// The AST check itself notices a changed value, a missing attachment and an extra role.
    func testASTCheckNoticesDifferences() throws {
        try assertASTCheckNotices(in: "ec2-app.yaml", [
            (.cdk, "max_session_duration=3600", "max_session_duration=7200", "max_session_duration"),
            (.cdk, "        \"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore\",\n", "", "managed policies"),
            (.cdk, "role.node.add_dependency(", "print(", "no dependency on policy web-app-assets-read"),
            (.pulumi, "\\\"s3:GetObjectVersion\\\"", "\\\"s3:PutObject\\\"", "policy web-app-assets-read document"),
            (.pulumi, "role = aws.iam.Role(\n",
             "aws.iam.Role(\"extra\", name=\"extra\", path=\"/\", opts=_opts(None))\nrole = aws.iam.Role(\n",
             "unexpected or repeated role extra"),
        ])
    }

    /// The AST check notices a missing or changed service-linked role, service control policy
    /// (document, target, the root lookup) and permission set (session duration, policies,
    /// boundary, assignments, the wait for its customer policies, the organization's provider).
    func testASTCheckNoticesOrganizationDifferences() throws {
        try assertASTCheckNotices(in: "organization.yaml", [
            (.cdk, "    custom_suffix=\"batch\",\n", "", "cdk: unexpected or repeated service-linked role ('444455556666', 'autoscaling.amazonaws.com', None)"),
            (.cdk, "\\\"cloudtrail:DeleteTrail\\\"", "\\\"cloudtrail:DeleteEventDataStore\\\"", "cdk service control policy protect-organization document"),
            (.cdk, "        \"ou-ab12-cdef3456\",\n", "", "cdk service control policy allowed-regions targets"),
            (.cdk, "        organization_root_id(),\n", "        \"r-ab12\",\n", "cdk service control policy protect-organization targets"),
            (.cdk, "session_duration=\"PT8H\"", "session_duration=\"PT12H\"", "cdk permission set Auditor session duration"),
            (.cdk, "target_id=\"111122223333\"", "target_id=\"999988887777\"", "cdk permission set Auditor assignments"),
            (.cdk, "after_policy(permission_set, \"deploy-artifacts\")\n", "", "cdk permission set Deployer: no dependency on policy deploy-artifacts"),
            (.cdk, "    inline_policy=json.loads(", "    other=json.loads(", "cdk permission set Deployer inline policy"),
            (.pulumi, "description=\"Auto Scaling groups of the batch fleet\"", "description=\"x\"",
             "pulumi service-linked role ('444455556666', 'autoscaling.amazonaws.com', 'batch') description"),
            (.pulumi, "target_id=_organization_root_id()", "target_id=\"r-ab12\"", "pulumi service control policy protect-organization targets"),
            (.pulumi, "aws.ssoadmin.ManagedPolicyAttachment(", "print(", "pulumi permission set Auditor managed policies"),
            (.pulumi, "aws.ssoadmin.CustomerManagedPolicyAttachment(", "print(", "pulumi permission set Deployer customer managed policies"),
            (.pulumi, "opts=_organization_opts(_copies(\"deploy-artifacts\"))", "opts=_organization_opts()",
             "pulumi permission set Deployer: no dependency on policy deploy-artifacts"),
            (.pulumi, "\"arn:aws:iam::aws:policy/PowerUserAccess\"", "\"arn:aws:iam::aws:policy/ReadOnlyAccess\"",
             "pulumi permission set Deployer permissions boundary"),
            (.pulumi, "aws.ssoadmin.PermissionSetInlinePolicy(", "print(", "pulumi permission set Deployer inline policy"),
            (.pulumi, "principal_type=\"GROUP\"", "principal_type=\"USER\"", "pulumi permission set Auditor assignments"),
            (.pulumi, "    policy_id=policy.id,\n    target_id=\"444455556666\",\n    opts=_organization_opts(),",
             "    policy_id=policy.id,\n    target_id=\"444455556666\",\n    opts=_opts(\"444455556666\"),",
             "pulumi service control policy allowed-regions: not with the organization's provider"),
        ])
    }

    /// Organization pieces with quotes, backslashes, line breaks, `::`, non-ASCII and
    /// direction-changing characters in every free-text field: both programs are ASCII, compile,
    /// and the AST check reads every value back exactly as iam-json writes it.
    func testOrganizationPiecesWithHostileStringsStayInert() throws {
        let python = try python()
        try write("check.py", Self.astCheck)
        try write("organization.yaml", Self.hostileOrganizationSpec)
        let build = try rolegen(["build", "organization.yaml", "-o", "out", "-q", "--target", "iam-json,cdk-python,pulumi-python"], cwd: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        for program in ["cdk-python/app.py", "pulumi-python/__main__.py"] {
            XCTAssertTrue(try read("out/" + program).allSatisfy(\.isASCII), "\(program) is ASCII")
            let compile = try Support.run([python, "-m", "py_compile", work.appendingPathComponent("out/" + program).path])
            XCTAssertEqual(compile.status, 0, "\(program) does not compile: \(compile.stderr)")
        }
        let check = try Support.run([python, work.appendingPathComponent("check.py").path, work.appendingPathComponent("out").path])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("pulumi-python 0 roles 0 policies 1 service-linked roles 1 service control policies 1 permission sets"),
                      check.stdout)
    }

    static let hostileOrganizationSpec = #"""
        version: 1
        service_linked_roles:
          - service: autoscaling.amazonaws.com
            suffix: "a+b=c,d.e@f-g"
            description: "quote\" 'single' back\\slash \\n\nnew line $${x} `y` \"\"\" '''"
            account: "111122223333"
        service_control_policies:
          - name: "quote\" 'single' back\\slash ::colons:: ''' \"\"\" \nline Zürich 😀 %3A"
            description: "desc \"q\" \\ \nline\t ''' \u202Eevil"
            targets: [root, "111122223333"]
            tags:
              "k:/=+-@ é": "v:/=+-@ ü"
            statements:
              - deny: s3:DeleteBucket
                resources: "*"
                conditions:
                  StringEquals:
                    aws:PrincipalTag/x: ["quote\" back\\slash \n''' \"\"\" $${y}"]
        permission_sets:
          - name: "a+b=c,d.e@f-g_h"
            description: "desc \"q\" 'single' \\ \nnew\tline ''' \"\"\" é"
            relay_state: "https://x/?a='1'&b=\"2\"\\{3}[4]|5"
            managed_policies: [ReadOnlyAccess]
            customer_managed_policies: ["/weird.path+/x=y,z@w-v"]
            permissions_boundary: "/b/boundary.policy"
            inline_policy:
              statements:
                - allow: s3:GetObject
                  resources: "*"
                  conditions:
                    StringLike:
                      s3:prefix: ["\"quoted\" back\\slash\nnewline ''' Zürich"]
            assignments:
              - user: 9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d
                accounts: ["111122223333"]

        """#

    enum Program { case cdk, pulumi }

    /// Builds an example, applies each mutation to one generated program in turn, and expects
    /// the AST check to fail with the given message.
    private func assertASTCheckNotices(in example: String, _ mutations: [(program: Program, from: String, to: String, expected: String)],
                                       file: StaticString = #filePath, line: UInt = #line) throws {
        let python = try python()
        try write("check.py", Self.astCheck)
        let out = work.appendingPathComponent("out")
        let build = try rolegen(["build", "Examples/\(example)", "-o", out.path, "-q",
                                         "--target", "iam-json,cdk-python,pulumi-python"], cwd: Support.packageRoot)
        XCTAssertEqual(build.status, 0, build.stderr, file: file, line: line)
        let files: [Program: URL] = [.cdk: out.appendingPathComponent("cdk-python/app.py"),
                                     .pulumi: out.appendingPathComponent("pulumi-python/__main__.py")]
        let originals = try files.mapValues { try String(contentsOf: $0, encoding: .utf8) }
        let unchanged = try Support.run([python, work.appendingPathComponent("check.py").path, out.path])
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr, file: file, line: line)
        for mutation in mutations {
            let url = files[mutation.program]!, text = originals[mutation.program]!
            XCTAssertTrue(text.contains(mutation.from), "mutation source not found: \(mutation.from)", file: file, line: line)
            try text.replacingOccurrences(of: mutation.from, with: mutation.to).write(to: url, atomically: true, encoding: .utf8)
            let check = try Support.run([python, work.appendingPathComponent("check.py").path, out.path])
            XCTAssertNotEqual(check.status, 0, "check passed despite: \(mutation.expected)", file: file, line: line)
            XCTAssertTrue(check.stderr.contains(mutation.expected), "expected '\(mutation.expected)' in: \(check.stderr)", file: file, line: line)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A backend from a temporary template directory: `--template DIR` builds it into
    /// OUTPUT/<name>/ (alone, or next to --target ones), `rolegen targets` lists it, and its
    /// values are escaped by the backend, per file, partials included.
    /// The review report and the Terraform README list the lint findings a build accepted and
    /// the spec's suppressions with their reasons; with --no-lint they say "not checked", never
    /// "no findings".
    func testReviewReportListsFindingsAndSuppressions() throws {
        try write("roles.yaml", """
        version: 1
        roles:
          - name: app
            account: "111122223333"
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [AdministratorAccess]
            lint: {ignore: [{rule: full_admin, reason: "break-glass access, reviewed monthly"}]}
            inline_policies:
              - name: main
                statements:
                  - allow: sqs:*
                    resources: "*"

        """)
        let build = try rolegen(["build", "roles.yaml", "--target", "review-md", "-o", "out"], cwd: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        let report = try read("out/review-md/review.md")
        XCTAssertTrue(report.contains("- **`warning` `RG3002`** (`statement allows every action of a service on every resource`) at `roles.yaml:11:20`, `role app`: `inline policy 'main' allows every sqs action on every resource"), report)
        XCTAssertTrue(report.contains("- **`full_admin`** at `roles.yaml:7:21`, `role app`: `break-glass access, reviewed monthly`"), report)
        // The Terraform module README says the same for its roles.
        XCTAssertEqual(try rolegen(["build", "roles.yaml", "--target", "terraform", "-o", "out"], cwd: work).status, 0)
        let readme = try read("out/terraform/README.md")
        XCTAssertTrue(readme.contains("- **warning RG3002** (statement allows every action of a service on every resource) at `roles.yaml:11:20`, role `app`:"), readme)
        XCTAssertTrue(readme.contains("- **`full_admin`** at `roles.yaml:7:21`, role `app`: `break-glass access, reviewed monthly`"), readme)
        let unchecked = try rolegen(["build", "roles.yaml", "--target", "review-md,terraform", "-o", "out", "--no-lint"], cwd: work)
        XCTAssertEqual(unchecked.status, 0, unchecked.stderr)
        XCTAssertTrue(try read("out/review-md/review.md").contains("**Not checked.** This build ran with `--no-lint`"))
        XCTAssertTrue(try read("out/terraform/README.md").contains("**Not checked.** This build ran with `--no-lint`"))
    }

    func testUserTemplateDirectoryBuildsLikeABuiltInTarget() throws {
        try write("roles.yaml", Self.spec)
        try write("tpl/backend.yaml", """
            name: role-list
            description: Role names, one a line
            context_version: 1
            escape: json
            files:
              - path: roles.json
                template: roles.json.mustache
              - path: sub/roles.md
                template: list.mustache
                escape: markdown

            """)
        try write("tpl/roles.json.mustache", "[{{#roles}}\"{{name}}: {{description}}\"{{^last()}}, {{/last()}}{{/roles}}]\n")
        try write("tpl/list.mustache", "{{#roles}}\n{{>item}}\n{{/roles}}\n")
        try write("tpl/item.mustache", "- {{name}}: {{description}}\n")

        let targets = try rolegen(["targets", "--template", "tpl"], cwd: work)
        XCTAssertEqual(targets.status, 0, targets.stderr)
        XCTAssertTrue(targets.stdout.contains("role-list"), targets.stdout)
        XCTAssertTrue(targets.stdout.contains("[template tpl]"), targets.stdout)

        let build = try rolegen(["build", "roles.yaml", "--template", "tpl"], cwd: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/iam-json").path),
                       "with --template and no --target only the template backend runs")
        let json = try JSONSerialization.jsonObject(with: Data(try read("out/role-list/roles.json").utf8)) as? [String]
        XCTAssertEqual(json, ["app: Quotes \" and \\ and\nnew line `x` ${y}"])
        XCTAssertEqual(try read("out/role-list/sub/roles.md"), "- `app`: ``Quotes \" and \\ and␊new line `x` ${y}``\n")

        let both = try rolegen(["build", "roles.yaml", "--template", "tpl", "--target", "iam-json,review-md", "-o", "both"], cwd: work)
        XCTAssertEqual(both.status, 0, both.stderr)
        for path in ["both/iam-json/roles/app/role.json", "both/review-md/review.md", "both/role-list/roles.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent(path).path), path)
        }
    }

    /// Broken template backends stop the build with exit code 2 and say where the problem is.
    func testBrokenTemplateDirectoriesAreUsageErrors() throws {
        try write("roles.yaml", Self.spec)
        let manifest = "name: NAME\ndescription: d\ncontext_version: 1\nescape: python\nfiles:\n  - path: out.py\n    template: main.mustache\n"
        let cases: [(name: String, manifest: String, template: String, message: String)] = [
            ("unescaped", manifest, "x = \"{{{description}}}\"\n",
             "unescaped/main.mustache:1:6: '{{{…}}}' writes a value unescaped"),
            ("ampersand", manifest, "a\nx = \"{{& description}}\"\n",
             "ampersand/main.mustache:2:6: '{{&…}}' writes a value unescaped"),
            ("pragma", manifest, "{{% CONTENT_TYPE: TEXT }}\n", "pragma/main.mustache:1:1: '{{%…}}' pragmas would change the escaping"),
            ("delimiters", manifest, "{{=<% %>=}}\n<%{description}%>\n", "delimiters/main.mustache:1:1: '{{=…=}}' delimiter changes are not supported"),
            ("unclosed", manifest, "line\n{{#roles}}\n", "unclosed/main.mustache:"),
            ("taken", manifest.replacingOccurrences(of: "NAME", with: "review-md"), "x\n", "named 'review-md', which is already a target"),
            ("escape", manifest.replacingOccurrences(of: "python", with: "shell"), "x\n",
             "escape/backend.yaml:4:9: unknown escape 'shell'; one of: python, typescript, json, yaml, markdown"),
            ("key", manifest + "extra: 1\n", "x\n", "key/backend.yaml:8:1: unknown key 'extra' in backend.yaml"),
            ("version", manifest.replacingOccurrences(of: "context_version: 1", with: "context_version: 2"), "x\n",
             "version/backend.yaml:3:18: context_version 2 is not supported"),
            ("missing", manifest.replacingOccurrences(of: "main.mustache", with: "other.mustache"), "x\n",
             "missing/backend.yaml:7:15: no template 'other.mustache'"),
            ("escaping-path", manifest.replacingOccurrences(of: "out.py", with: "../out.py"), "x\n",
             "escaping-path/backend.yaml:6:11: output path '../out.py' must be relative"),
        ]
        for item in cases {
            try write("\(item.name)/backend.yaml", item.manifest.replacingOccurrences(of: "NAME", with: "t-" + item.name))
            try write("\(item.name)/main.mustache", item.template)
            let run = try rolegen(["build", "roles.yaml", "--template", item.name, "-o", "out-\(item.name)"], cwd: work)
            XCTAssertEqual(run.status, 2, "\(item.name): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("rolegen: error: ") && run.stderr.contains(item.message),
                          "\(item.name): expected '\(item.message)' in:\n\(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out-\(item.name)").path))
        }
        let unknown = try rolegen(["build", "roles.yaml", "--target", "nope"], cwd: work)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown target 'nope'; available: iam-json"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("review-md"), unknown.stderr)
    }

    /// Every escaping, read back by the language it is for: hostile strings come out as written,
    /// in every kind of string literal the escaping promises to be safe in.
    func testEscapedValuesReadBackExactly() throws {
        let python = try python()
        try write("roles.yaml", Self.spec)
        let values = "{{#roles}}{{#inlinePolicies}}{{#document.statements}}{{#conditions}}{{#values}}"
        let end = "{{/values}}{{/conditions}}{{/document.statements}}{{/inlinePolicies}}{{/roles}}"
        try write("langs/backend.yaml", """
            name: langs
            description: every escaping
            context_version: 1
            escape: python
            files:
              - path: values.py
                template: py.mustache
              - path: values.js
                template: js.mustache
                escape: typescript
              - path: values.json
                template: json.mustache
                escape: json

            """)
        try write("langs/py.mustache", "import json\nprint(json.dumps([\(values)[\"{{.}}\", '{{.}}', \"\"\"{{.}}\"\"\", '''{{.}}'''],\(end) {{#roles}}\"{{description}}\"{{/roles}}]))\n")
        try write("langs/js.mustache", "console.log(JSON.stringify([\(values)[\"{{.}}\", '{{.}}', `{{.}}`],\(end)]));\n")
        try write("langs/json.mustache", "[\(values)\"{{.}}\",\(end) \"end\"]\n")
        let build = try rolegen(["build", "roles.yaml", "--template", "langs", "--target", "iam-json"], cwd: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        let policy = try JSONSerialization.jsonObject(with: Data(try read("out/iam-json/roles/app/inline/read.json").utf8)) as! [String: Any]
        let statement = (policy["Statement"] as! [[String: Any]])[0]
        let expected = ((statement["Condition"] as! [String: Any])["StringEquals"] as! [String: Any])["s3:prefix"] as! [String]
        XCTAssertEqual(expected.count, 6)
        XCTAssertTrue(try read("out/langs/values.py").allSatisfy(\.isASCII), "Python output is ASCII")

        let py = try Support.run([python, work.appendingPathComponent("out/langs/values.py").path])
        XCTAssertEqual(py.status, 0, py.stderr)
        let pyValues = try JSONSerialization.jsonObject(with: Data(py.stdout.utf8)) as! [Any]
        XCTAssertEqual(pyValues.dropLast().map { $0 as! [String] }, expected.map { Array(repeating: $0, count: 4) })
        XCTAssertEqual(pyValues.last as? String, "Quotes \" and \\ and\nnew line `x` ${y}")

        let json = try JSONSerialization.jsonObject(with: Data(try read("out/langs/values.json").utf8)) as! [String]
        XCTAssertEqual(Array(json.dropLast()), expected)

        guard let node = Support.which("node") else { try Support.skipLoudly("node is not installed: the TypeScript escaping was not read back") }
        let js = try Support.run([node, work.appendingPathComponent("out/langs/values.js").path])
        XCTAssertEqual(js.status, 0, js.stderr)
        let jsValues = try JSONSerialization.jsonObject(with: Data(js.stdout.utf8)) as! [[String]]
        XCTAssertEqual(jsValues, expected.map { Array(repeating: $0, count: 3) })
    }

    /// The review report keeps hostile values inside their code spans: no value starts a line,
    /// so none can open a heading, list, quote, table or HTML block.
    func testReviewReportKeepsHostileStringsInline() throws {
        let out = work.appendingPathComponent("out")
        let build = try rolegen(["build", "Examples/hostile-strings.yaml", "-o", out.path, "--target", "review-md"],
                                        cwd: Support.packageRoot)
        XCTAssertEqual(build.status, 0, build.stderr)
        let report = try String(contentsOf: out.appendingPathComponent("review-md/review.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("``$(rm -rf /) `reboot` ; echo pwned``"), report)
        XCTAssertTrue(report.contains("`line one␊line two␉tab`"), report)
        XCTAssertTrue(report.contains("${HOME}␊second line after a newline: café naïve``"), report)
        for line in report.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertFalse(line.hasPrefix("second line") || line.hasPrefix("line two"), "a value broke the line: \(line)")
        }
    }

    /// `rolegen context` prints the documented JSON view; deploy-time inputs are substituted as
    /// for template targets, and a missing value is an error.
    func testContextCommandPrintsTheTemplateContext() throws {
        let run = try rolegen(["context", "Examples/ec2-app.yaml"], cwd: Support.packageRoot)
        XCTAssertEqual(run.status, 0, run.stderr)
        let context = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(context["version"] as? Int, 1)
        let lint = try XCTUnwrap(context["lint"] as? [String: Any], "lint ran, so the context says what it found")
        XCTAssertEqual((lint["findings"] as? [Any])?.count, 0)
        let role = (context["roles"] as! [[String: Any]])[0]
        XCTAssertEqual(role["name"] as? String, "web-app-ec2")
        let trust = role["trustPolicy"] as! [String: Any]
        let compact = try JSONSerialization.jsonObject(with: Data((trust["jsonCompact"] as! String).utf8)) as! NSDictionary
        XCTAssertEqual(compact, trust["value"] as! NSDictionary)

        try write("inputs.yaml", """
            version: 1
            variables:
              external_id: {input: true, default: "ext-1234"}
              secret: {input: true}
            roles:
              - name: partner
                account: "111122223333"
                description: ${secret}
                trust:
                  - account: "444455556666"
                    external_id: ${external_id}

            """)
        let missing = try rolegen(["context", "inputs.yaml", "--color", "never"], cwd: work)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("needs a value for deploy-time input 'secret'"), missing.stderr)
        let given = try rolegen(["context", "inputs.yaml", "--var", "secret=s"], cwd: work)
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertTrue(given.stdout.contains("ext-1234"), given.stdout)
        XCTAssertFalse(given.stdout.contains("\\u0000"), "no deploy-time input marker leaks")
        let build = try rolegen(["build", "inputs.yaml", "--var", "secret=s", "--target", "cdk-python,review-md"], cwd: work)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertTrue(try read("out/cdk-python/app.py").contains("ext-1234"))
        XCTAssertFalse(try read("out/cdk-python/app.py").contains("\u{0}"))
        XCTAssertFalse(try read("out/review-md/review.md").contains("\u{0}"))
    }

    func testTargetsListsEveryBuiltInTarget() throws {
        let run = try rolegen(["targets"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let names = run.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        for name in ["iam-json", "review-md", "cdk-python", "pulumi-python"] {
            XCTAssertTrue(names.contains(name), "\(name) in:\n\(run.stdout)")
        }
        XCTAssertTrue(run.stdout.contains("[built-in template]"), run.stdout)
    }

    /// Hostile values in a condition, and a description with quotes, backslash, newline,
    /// backticks and `${`.
    static let spec = #"""
        version: 1
        roles:
          - name: app
            account: "111122223333"
            description: "Quotes \" and \\ and\nnew line `x` $${y}"
            trust:
              - service: ec2.amazonaws.com
            inline_policies:
              - name: read
                statements:
                  - allow: s3:GetObject
                    resources: "*"
                    conditions:
                      StringEquals:
                        s3:prefix:
                          - "quote\" 'single' back\\slash \\\\ \\n"
                          - "$(rm -rf /) `reboot` $${x} %{y} #{z}"
                          - "line one\nline two\ttab\r"
                          - "Zürich ✓ 東京 😀 \u202Eevil\u200B"
                          - "</script><!-- ''' \"\"\" \\u0041"
                          - ""

        """#

    /// Reads a build's iam-json files and checks cdk-python/app.py and pulumi-python/__main__.py
    /// against them with Python's `ast`: the programs are not run, their literal values are.
    static let astCheck = ##"""
import ast, json, os, sys

UNKNOWN = object()


class Call:
    def __init__(self, name, args, kwargs):
        self.name, self.args, self.kwargs = name, args, kwargs

    def __repr__(self):
        return f"{self.name}(...)"


class Attr:
    def __init__(self, value, attr):
        self.value, self.attr = value, attr


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return base + "." + node.attr if base else None
    return None


def evaluate(node, env):
    """Evaluates the literal parts of the generated program; anything else is UNKNOWN."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return env.get(node.id, UNKNOWN)
    if isinstance(node, ast.List):
        return [evaluate(item, env) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(evaluate(item, env) for item in node.elts)
    if isinstance(node, ast.Dict):
        return {evaluate(k, env): evaluate(v, env) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Subscript):
        container, key = evaluate(node.value, env), evaluate(node.slice, env)
        return container.get(key, UNKNOWN) if isinstance(container, dict) else UNKNOWN
    if isinstance(node, ast.Attribute):
        value = evaluate(node.value, env)
        return Attr(value, node.attr)
    if isinstance(node, ast.Call):
        args = [evaluate(a, env) for a in node.args]
        kwargs = {k.arg: evaluate(k.value, env) for k in node.keywords}
        if isinstance(node.func, ast.Attribute):
            receiver = evaluate(node.func.value, env)
            if isinstance(receiver, Attr) and receiver.attr == "node":
                receiver = receiver.value  # construct.node.add_dependency(...)
            if isinstance(receiver, Call):
                call = Call(node.func.attr, args, kwargs)
                call.receiver = receiver
                return call
        name = dotted(node.func)
        if name == "json.loads":
            assert isinstance(args[0], str), "json.loads of a non-literal"
            return json.loads(args[0])
        return Call(name, args, kwargs)
    return UNKNOWN


def run(program):
    """The calls of the program's top-level statements, in order, with a simple environment."""
    env, calls = {}, []
    for statement in ast.parse(open(program).read(), program).body:
        if isinstance(statement, (ast.FunctionDef, ast.Import, ast.ImportFrom)):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, ast.Assign):
            value = evaluate(statement.value, env)
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    env[target.id] = value
                elif isinstance(target, ast.Tuple):
                    for name, item in zip(target.elts, value):
                        env[name.id] = item
                elif isinstance(target, ast.Subscript):
                    container = evaluate(target.value, env)
                    container[evaluate(target.slice, env)] = value
            if isinstance(value, Call):
                calls.append(value)
        elif isinstance(statement, ast.Expr):
            value = evaluate(statement.value, env)
            if isinstance(value, Call):
                calls.append(value)
        else:
            raise AssertionError(f"{program}:{statement.lineno}: unexpected top-level statement {type(statement).__name__}")
    return calls


def expected(out):
    iam = os.path.join(out, "iam-json")
    read = lambda path: open(os.path.join(iam, path), encoding="utf-8").read()
    manifest = json.loads(read("manifest.json"))
    roles = {}
    for entry in manifest["Roles"]:
        create = json.loads(read(entry["CreateRoleInput"]))
        roles[create["RoleName"]] = {
            "path": create["Path"],
            "description": create.get("Description"),
            "max_session_duration": create["MaxSessionDuration"],
            "trust": json.loads(create["AssumeRolePolicyDocument"]),
            "boundary": create.get("PermissionsBoundary"),
            "tags": [(t["Key"], t["Value"]) for t in create.get("Tags", [])],
            "inline": {p["PolicyName"]: json.loads(read(p["DocumentFile"])) for p in entry["InlinePolicies"]},
            "managed": entry["ManagedPolicyArns"],
            "account": entry["Account"],
            "profile": entry.get("InstanceProfile"),
        }
    policies = {}
    for entry in manifest["Policies"]:
        policies[entry["PolicyName"]] = {
            "path": entry["Path"],
            "description": entry.get("Description"),
            "document": json.loads(read(entry["DocumentFile"])),
            "accounts": entry["Accounts"] or [None],
            "arn_name": entry["PolicyName"],
        }
    return roles, policies, organization(manifest, read)


def organization(manifest, read):
    """Service-linked roles by (account, service, suffix), and service control policies and
    permission sets by name, as the IAM JSON files have them."""
    linked = {}
    for entry in manifest.get("ServiceLinkedRoles", []):
        create = json.loads(read(entry["CreateServiceLinkedRoleInput"]))
        linked[(entry["Account"], entry["AWSServiceName"], entry["CustomSuffix"])] = create.get("Description")
    control = {}
    for entry in manifest.get("ServiceControlPolicies", []):
        create = json.loads(read(entry["CreatePolicyInput"]))
        control[entry["Name"]] = {
            "description": create.get("Description"),
            "document": json.loads(read(entry["ContentFile"])),
            "targets": entry["Targets"],
            "tags": [(t["Key"], t["Value"]) for t in create.get("Tags", [])],
        }
    sets = {}
    for entry in manifest.get("PermissionSets", []):
        create = json.loads(read(entry["CreatePermissionSetInput"]))
        sets[entry["Name"]] = {
            "description": create.get("Description"),
            "session_duration": create["SessionDuration"],
            "relay_state": create.get("RelayState"),
            "tags": [(t["Key"], t["Value"]) for t in create.get("Tags", [])],
            "managed": entry["ManagedPolicyArns"],
            "customer": [(r["Name"], r["Path"]) for r in entry["CustomerManagedPolicyReferences"]],
            "inline": json.loads(read(entry["InlinePolicyFile"])) if entry["InlinePolicyFile"] else None,
            "boundary": entry["PermissionsBoundary"],
            "assignments": [(a["AccountId"], a["PrincipalType"], a["PrincipalId"]) for a in entry["AccountAssignments"]],
        }
    return linked, control, sets


def customer_policies_of(permission_set, policies):
    """The customer managed policies of this spec that a permission set names, boundary included."""
    boundary = (permission_set["boundary"] or {}).get("CustomerManagedPolicyReference")
    names = [name for name, _ in permission_set["customer"]] + ([boundary["Name"]] if boundary else [])
    return [name for name in names if name in policies]


def is_call(value, name):
    return isinstance(value, Call) and value.name == name


def targets(values, root):
    """Target ids, with the deploy-time root lookup as "root"."""
    return ["root" if is_call(value, root) else value for value in values]


def equal(label, actual, wanted):
    if actual != wanted:
        raise AssertionError(f"{label}: generated {actual!r}, IAM JSON has {wanted!r}")


def customer_arns(roles, policies):
    """ARN → policy name for every customer policy a role uses."""
    arns = {}
    for role in roles.values():
        for arn in role["managed"] + ([role["boundary"]] if role["boundary"] else []):
            for name, policy in policies.items():
                if arn.endswith(":policy" + policy["path"] + name):
                    arns[arn] = name
    return arns


def check_cdk(out, roles, policies, organization):
    calls = run(os.path.join(out, "cdk-python", "app.py"))
    by = lambda name: [c for c in calls if c.name == name]
    arns = customer_arns(roles, policies)
    created = {}
    for call in by("iam.CfnManagedPolicy"):
        name = call.kwargs["managed_policy_name"]
        account = call.args[0].args[0]
        assert name in policies, f"cdk: policy {name} is not in the spec"
        policy = policies[name]
        equal(f"cdk policy {name} path", call.kwargs["path"], policy["path"])
        equal(f"cdk policy {name} description", call.kwargs.get("description"), policy["description"])
        equal(f"cdk policy {name} document", call.kwargs["policy_document"], policy["document"])
        assert (account, name) not in created, f"cdk: policy {name} twice in {account}"
        created[(account, name)] = call
    equal("cdk policies", sorted(created, key=str), sorted(((a, n) for n, p in policies.items() for a in p["accounts"]), key=str))
    seen = {}
    for call in by("iam.CfnRole"):
        name = call.kwargs["role_name"]
        assert name in roles and name not in seen, f"cdk: unexpected or repeated role {name}"
        seen[name] = call
        role, kw = roles[name], call.kwargs
        equal(f"cdk role {name} account", call.args[0].args[0], role["account"])
        equal(f"cdk role {name} path", kw["path"], role["path"])
        equal(f"cdk role {name} description", kw.get("description"), role["description"])
        equal(f"cdk role {name} max_session_duration", kw["max_session_duration"], role["max_session_duration"])
        equal(f"cdk role {name} trust policy", kw["assume_role_policy_document"], role["trust"])
        equal(f"cdk role {name} permissions boundary", kw.get("permissions_boundary"), role["boundary"])
        equal(f"cdk role {name} managed policies", kw.get("managed_policy_arns", []), role["managed"])
        inline = {p.kwargs["policy_name"]: p.kwargs["policy_document"] for p in kw.get("policies", [])}
        equal(f"cdk role {name} inline policy names", [p.kwargs["policy_name"] for p in kw.get("policies", [])], list(role["inline"]))
        equal(f"cdk role {name} inline policies", inline, role["inline"])
        equal(f"cdk role {name} tags", [(t.kwargs["key"], t.kwargs["value"]) for t in kw.get("tags", [])], role["tags"])
        dependencies = [c.args[0] for c in calls if c.name == "add_dependency" and getattr(c, "receiver", None) is call]
        for arn, policy in arns.items():
            if arn in role["managed"] or arn == role["boundary"]:
                assert created[(role["account"], policy)] in dependencies, f"cdk role {name}: no dependency on policy {policy}"
    equal("cdk roles", sorted(seen), sorted(roles))
    profiles = {}
    for call in by("iam.CfnInstanceProfile"):
        (ref,) = call.kwargs["roles"]
        profiles[ref.value.kwargs["role_name"]] = {"InstanceProfileName": call.kwargs["instance_profile_name"], "Path": call.kwargs["path"]}
    equal("cdk instance profiles", profiles, {n: r["profile"] for n, r in roles.items() if r["profile"]})
    return (len(seen), len(created)) + check_cdk_organization(calls, policies, organization)


def check_cdk_organization(calls, policies, organization):
    linked, control, sets = organization
    by = lambda name: [c for c in calls if c.name == name]
    seen = {}
    for call in by("iam.CfnServiceLinkedRole"):
        kw = call.kwargs
        key = (call.args[0].args[0], kw["aws_service_name"], kw.get("custom_suffix"))
        assert key in linked and key not in seen, f"cdk: unexpected or repeated service-linked role {key}"
        seen[key] = call
        assert is_call(call.args[0], "stack_for"), f"cdk service-linked role {key}: not in its account's stack"
        equal(f"cdk service-linked role {key} description", kw.get("description"), linked[key])
    equal("cdk service-linked roles", sorted(seen, key=str), sorted(linked, key=str))
    seen_control = {}
    for call in by("organizations.CfnPolicy"):
        name, kw = call.kwargs["name"], call.kwargs
        assert name in control and name not in seen_control, f"cdk: unexpected or repeated service control policy {name}"
        seen_control[name] = call
        policy = control[name]
        assert is_call(call.args[0], "organization_stack"), f"cdk service control policy {name}: not in the organization stack"
        equal(f"cdk service control policy {name} type", kw["type"], "SERVICE_CONTROL_POLICY")
        equal(f"cdk service control policy {name} description", kw.get("description"), policy["description"])
        equal(f"cdk service control policy {name} document", kw["content"], policy["document"])
        equal(f"cdk service control policy {name} targets", targets(kw.get("target_ids", []), "organization_root_id"), policy["targets"])
        equal(f"cdk service control policy {name} tags", [(t.kwargs["key"], t.kwargs["value"]) for t in kw.get("tags", [])], policy["tags"])
    equal("cdk service control policies", sorted(seen_control), sorted(control))
    seen_sets = {}
    assignments = by("sso.CfnAssignment")
    for call in by("sso.CfnPermissionSet"):
        name, kw = call.kwargs["name"], call.kwargs
        assert name in sets and name not in seen_sets, f"cdk: unexpected or repeated permission set {name}"
        seen_sets[name] = call
        expected = sets[name]
        assert is_call(call.args[0], "organization_stack"), f"cdk permission set {name}: not in the organization stack"
        assert is_call(kw["instance_arn"], "sso_instance_arn"), f"cdk permission set {name}: instance ARN is not the SsoInstanceArn parameter"
        equal(f"cdk permission set {name} description", kw.get("description"), expected["description"])
        equal(f"cdk permission set {name} session duration", kw.get("session_duration"), expected["session_duration"])
        equal(f"cdk permission set {name} relay state", kw.get("relay_state_type"), expected["relay_state"])
        equal(f"cdk permission set {name} tags", [(t.kwargs["key"], t.kwargs["value"]) for t in kw.get("tags", [])], expected["tags"])
        equal(f"cdk permission set {name} managed policies", kw.get("managed_policies", []), expected["managed"])
        equal(f"cdk permission set {name} customer managed policies",
              [(r.kwargs["name"], r.kwargs["path"]) for r in kw.get("customer_managed_policy_references", [])], expected["customer"])
        equal(f"cdk permission set {name} inline policy", kw.get("inline_policy"), expected["inline"])
        boundary = kw.get("permissions_boundary")
        if boundary is not None:
            reference = boundary.kwargs.get("customer_managed_policy_reference")
            boundary = ({"CustomerManagedPolicyReference": {"Name": reference.kwargs["name"], "Path": reference.kwargs["path"]}}
                        if reference else {"ManagedPolicyArn": boundary.kwargs["managed_policy_arn"]})
        equal(f"cdk permission set {name} permissions boundary", boundary, expected["boundary"])
        mine = [a for a in assignments if a.kwargs["permission_set_arn"].value is call]
        for assignment in mine:
            assert is_call(assignment.args[0], "organization_stack"), f"cdk permission set {name}: assignment not in the organization stack"
            assert is_call(assignment.kwargs["instance_arn"], "sso_instance_arn"), f"cdk permission set {name}: assignment instance ARN"
            equal(f"cdk permission set {name} assignment target type", assignment.kwargs["target_type"], "AWS_ACCOUNT")
        equal(f"cdk permission set {name} assignments",
              [(a.kwargs["target_id"], a.kwargs["principal_type"], a.kwargs["principal_id"]) for a in mine], expected["assignments"])
        waits = [c.args[1] for c in by("after_policy") if c.args[0] is call]
        for policy in customer_policies_of(expected, policies):
            assert policy in waits, f"cdk permission set {name}: no dependency on policy {policy}"
    equal("cdk permission sets", sorted(seen_sets), sorted(sets))
    equal("cdk assignments", len(assignments), sum(len(s["assignments"]) for s in sets.values()))
    return len(seen), len(seen_control), len(seen_sets)


def check_pulumi(out, roles, policies, organization):
    calls = run(os.path.join(out, "pulumi-python", "__main__.py"))
    by = lambda name: [c for c in calls if c.name == name]
    arns = customer_arns(roles, policies)
    created = {}
    for call in by("aws.iam.Policy"):
        name, account = call.kwargs["name"], call.kwargs["opts"].args[0]
        assert name in policies, f"pulumi: policy {name} is not in the spec"
        policy = policies[name]
        equal(f"pulumi policy {name} path", call.kwargs["path"], policy["path"])
        equal(f"pulumi policy {name} description", call.kwargs.get("description"), policy["description"])
        equal(f"pulumi policy {name} document", json.loads(call.kwargs["policy"]), policy["document"])
        assert (account, name) not in created, f"pulumi: policy {name} twice in {account}"
        created[(account, name)] = call
    equal("pulumi policies", sorted(created, key=str), sorted(((a, n) for n, p in policies.items() for a in p["accounts"]), key=str))
    seen = {}
    for call in by("aws.iam.Role"):
        name, kw = call.kwargs["name"], call.kwargs
        assert name in roles and name not in seen, f"pulumi: unexpected or repeated role {name}"
        seen[name] = call
        role = roles[name]
        account = kw["opts"].args[0]
        equal(f"pulumi role {name} account", account, role["account"])
        equal(f"pulumi role {name} path", kw["path"], role["path"])
        equal(f"pulumi role {name} description", kw.get("description"), role["description"])
        equal(f"pulumi role {name} max_session_duration", kw["max_session_duration"], role["max_session_duration"])
        equal(f"pulumi role {name} trust policy", json.loads(kw["assume_role_policy"]), role["trust"])
        equal(f"pulumi role {name} permissions boundary", kw.get("permissions_boundary"), role["boundary"])
        equal(f"pulumi role {name} tags", list(kw.get("tags", {}).items()), role["tags"])
        if role["boundary"] in arns:
            assert created[(account, arns[role["boundary"]])] in kw["opts"].args[2], f"pulumi role {name}: no dependency on its boundary"
        inline = {}
        for policy in by("aws.iam.RolePolicy"):
            if policy.kwargs["role"].value is call:
                inline[policy.kwargs["name"]] = json.loads(policy.kwargs["policy"])
                equal(f"pulumi role {name} inline account", policy.kwargs["opts"].args[0], account)
        equal(f"pulumi role {name} inline policies", inline, role["inline"])
        attached = []
        for attachment in by("aws.iam.RolePolicyAttachment"):
            if attachment.kwargs["role"].value is call:
                arn = attachment.kwargs["policy_arn"]
                attached.append(arn)
                equal(f"pulumi role {name} attachment account", attachment.kwargs["opts"].args[0], account)
                if arn in arns:
                    assert created[(account, arns[arn])] in attachment.kwargs["opts"].args[2], f"pulumi role {name}: no dependency on {arn}"
        equal(f"pulumi role {name} managed policies", attached, role["managed"])
    equal("pulumi roles", sorted(seen), sorted(roles))
    profiles = {}
    for call in by("aws.iam.InstanceProfile"):
        profiles[call.kwargs["role"].value.kwargs["name"]] = {"InstanceProfileName": call.kwargs["name"], "Path": call.kwargs["path"]}
    equal("pulumi instance profiles", profiles, {n: r["profile"] for n, r in roles.items() if r["profile"]})
    return (len(seen), len(created)) + check_pulumi_organization(calls, policies, organization)


def check_pulumi_organization(calls, policies, organization):
    linked, control, sets = organization
    by = lambda name: [c for c in calls if c.name == name]
    children = lambda name, parent, key: [c for c in by(name) if c.kwargs[key].value is parent]
    seen = {}
    for call in by("aws.iam.ServiceLinkedRole"):
        kw = call.kwargs
        assert is_call(kw["opts"], "_opts"), f"pulumi service-linked role {kw['aws_service_name']}: not with its account's provider"
        key = (kw["opts"].args[0], kw["aws_service_name"], kw.get("custom_suffix"))
        assert key in linked and key not in seen, f"pulumi: unexpected or repeated service-linked role {key}"
        seen[key] = call
        equal(f"pulumi service-linked role {key} description", kw.get("description"), linked[key])
    equal("pulumi service-linked roles", sorted(seen, key=str), sorted(linked, key=str))
    seen_control = {}
    for call in by("aws.organizations.Policy"):
        name, kw = call.kwargs["name"], call.kwargs
        assert name in control and name not in seen_control, f"pulumi: unexpected or repeated service control policy {name}"
        seen_control[name] = call
        policy = control[name]
        equal(f"pulumi service control policy {name} type", kw["type"], "SERVICE_CONTROL_POLICY")
        equal(f"pulumi service control policy {name} description", kw.get("description"), policy["description"])
        equal(f"pulumi service control policy {name} document", json.loads(kw["content"]), policy["document"])
        equal(f"pulumi service control policy {name} tags", list(kw.get("tags", {}).items()), policy["tags"])
        attachments = children("aws.organizations.PolicyAttachment", call, "policy_id")
        equal(f"pulumi service control policy {name} targets",
              targets([a.kwargs["target_id"] for a in attachments], "_organization_root_id"), policy["targets"])
        for resource in [call] + attachments:
            assert is_call(resource.kwargs["opts"], "_organization_opts"), f"pulumi service control policy {name}: not with the organization's provider"
    equal("pulumi service control policies", sorted(seen_control), sorted(control))
    seen_sets = {}
    for call in by("aws.ssoadmin.PermissionSet"):
        name, kw = call.kwargs["name"], call.kwargs
        assert name in sets and name not in seen_sets, f"pulumi: unexpected or repeated permission set {name}"
        seen_sets[name] = call
        expected = sets[name]
        equal(f"pulumi permission set {name} description", kw.get("description"), expected["description"])
        equal(f"pulumi permission set {name} session duration", kw.get("session_duration"), expected["session_duration"])
        equal(f"pulumi permission set {name} relay state", kw.get("relay_state"), expected["relay_state"])
        equal(f"pulumi permission set {name} tags", list(kw.get("tags", {}).items()), expected["tags"])
        managed = children("aws.ssoadmin.ManagedPolicyAttachment", call, "permission_set_arn")
        equal(f"pulumi permission set {name} managed policies", [a.kwargs["managed_policy_arn"] for a in managed], expected["managed"])
        customer = children("aws.ssoadmin.CustomerManagedPolicyAttachment", call, "permission_set_arn")
        references = [a.kwargs["customer_managed_policy_reference"].kwargs for a in customer]
        equal(f"pulumi permission set {name} customer managed policies", [(r["name"], r["path"]) for r in references], expected["customer"])
        inline = children("aws.ssoadmin.PermissionSetInlinePolicy", call, "permission_set_arn")
        equal(f"pulumi permission set {name} inline policy", [json.loads(i.kwargs["inline_policy"]) for i in inline],
              [expected["inline"]] if expected["inline"] else [])
        boundaries = []
        for attachment in children("aws.ssoadmin.PermissionsBoundaryAttachment", call, "permission_set_arn"):
            boundary = attachment.kwargs["permissions_boundary"].kwargs
            reference = boundary.get("customer_managed_policy_reference")
            boundaries.append({"CustomerManagedPolicyReference": {"Name": reference.kwargs["name"], "Path": reference.kwargs["path"]}}
                              if reference else {"ManagedPolicyArn": boundary["managed_policy_arn"]})
        equal(f"pulumi permission set {name} permissions boundary", boundaries, [expected["boundary"]] if expected["boundary"] else [])
        assignments = children("aws.ssoadmin.AccountAssignment", call, "permission_set_arn")
        for assignment in assignments:
            equal(f"pulumi permission set {name} assignment target type", assignment.kwargs["target_type"], "AWS_ACCOUNT")
        equal(f"pulumi permission set {name} assignments",
              [(a.kwargs["target_id"], a.kwargs["principal_type"], a.kwargs["principal_id"]) for a in assignments], expected["assignments"])
        resources = [call] + managed + customer + inline + assignments
        resources += children("aws.ssoadmin.PermissionsBoundaryAttachment", call, "permission_set_arn")
        for resource in resources:
            instance = resource.kwargs["instance_arn"]
            assert is_call(instance, "require") and instance.args == ["sso_instance_arn"], f"pulumi permission set {name}: instance ARN is not rolegen:sso_instance_arn"
            assert is_call(resource.kwargs["opts"], "_organization_opts"), f"pulumi permission set {name}: not with the organization's provider"
        waits = [a.args[0].args[0] for a in (r.kwargs["opts"] for r in resources) if a.args and is_call(a.args[0], "_copies")]
        for policy in customer_policies_of(expected, policies):
            assert policy in waits, f"pulumi permission set {name}: no dependency on policy {policy}"
    equal("pulumi permission sets", sorted(seen_sets), sorted(sets))
    for kind in ["ManagedPolicyAttachment", "CustomerManagedPolicyAttachment", "PermissionSetInlinePolicy",
                 "PermissionsBoundaryAttachment", "AccountAssignment"]:
        for resource in by("aws.ssoadmin." + kind):
            assert any(resource.kwargs["permission_set_arn"].value is s for s in seen_sets.values()), f"pulumi: {kind} of no permission set"
    return len(seen), len(seen_control), len(seen_sets)


roles, policies, pieces = expected(sys.argv[1])
counts = "{} roles {} policies {} service-linked roles {} service control policies {} permission sets"
print("ok: cdk-python", counts.format(*check_cdk(sys.argv[1], roles, policies, pieces)),
      "; pulumi-python", counts.format(*check_pulumi(sys.argv[1], roles, policies, pieces)))
"""##
}
