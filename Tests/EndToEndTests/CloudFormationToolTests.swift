import Foundation
import XCTest

/// The `cloudformation` target's templates with CloudFormation's own tooling: cfn-lint, and
/// cfn-lint's YAML reader (PyYAML with YAML 1.1 typing, as CloudFormation reads templates).
final class CloudFormationToolTests: XCTestCase {
    /// Scalars a YAML 1.1 or 1.2 reader could take for something other than a string, or
    /// that need quoting to survive at all. Each must come back from template.yaml exactly.
    /// (Control characters such as U+0007, U+007F and U+0085 are refused where the spec is
    /// read, RG0016; CloudFormationYAMLEmitterTests covers how the emitter escapes them.)
    static let ambiguousScalars: [String] = [
        "no", "No", "NO", "yes", "Yes", "on", "On", "off", "OFF", "y", "Y", "n", "N", "true", "False", "~", "null", "Null",
        "0123", "0o17", "0x1F", "0b101", "1_000", "1e3", "-1", "+1", ".5", "1.", ".inf", "-.Inf", ".NaN", "12:30:00", "190:20:30",
        "2012-10-17", "2001-12-14t21:59:43.10-05:00", "*", ":", "#", "a #b", "a# b", "a: b", "key:", "- x", "-", "? x", "?",
        "[x]", "{x}", "a,b", "&anchor", "*alias", "!tag", "!!str", "|", ">", "'", "\"", "%TAG", "@at", "`tick", "<<", "=",
        "---", "...", " leading", "trailing ", "", "tab\there", "line\nbreak", "cr\rhere", "back\\slash", "it's", "say \"hi\"",
        "${aws:username}", "${!Literal}", "%{x}", "$(id)", "ls\u{2028}here", "ps\u{2029}here", "\u{FEFF}bom",
        "nbsp\u{A0}", "café", "✓", "東京", "𝄞", "\u{1F600}",
    ]

    /// The scalars as condition values (the one place any string may go), and a few as
    /// descriptions, tag keys and values where IAM allows them.
    static var ambiguousSpec: String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if c.value < 0x20 || c.value == 0x7F || c.value == 0x85 || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF {
                        out += String(format: "\\u%04X", c.value)
                    } else {
                        out.unicodeScalars.append(c)
                    }
                }
            }
            // `$${` is a literal `${` in a spec.
            return out.replacingOccurrences(of: "${", with: "$${") + "\""
        }
        return """
        version: 1
        defaults:
          account: "111122223333"
        roles:
          - name: ambiguous-scalars
            description: "no"
            trust:
              - service: ec2.amazonaws.com
            inline_policies:
              - name: ambiguous
                statements:
                  - allow: s3:GetObject
                    resources: "*"
                    conditions:
                      StringEquals:
                        aws:PrincipalTag/x: [\(ambiguousScalars.map(quoted).joined(separator: ", "))]
            tags:
              "0123": "yes"
              "on": "1:30"
              "no": ""
              "null": "@x"
              "-x": ".5"

        """
    }

    /// Text that `Fn::Sub` would read as a reference, written `$${…}` in the spec, next to
    /// IAM policy variables and deploy-time inputs: cfn-lint must not take any of it for a
    /// forgotten `Fn::Sub` (E1029), and AWS must get it as written (issue 23).
    static let referencesSpec = """
    version: 1
    variables:
      team: {input: true, default: blue, description: "Team, as in ${AWS::StackName}"}
    defaults:
      account: "111122223333"
    policies:
      - name: references
        description: "Not substituted: $${AWS::Region}, $${ReferencesPolicy}, $${Team}; kept: ${aws:username}"
        statements:
          - allow: s3:GetObject
            resources:
              - "arn:aws:s3:::b-$${Team}/${aws:username}/*"
              - "arn:aws:s3:::b-$${ReferencesRole.Arn}/*"
            conditions:
              StringEquals:
                s3:prefix: ["$${Foo}", "${team}/$${Foo}/${aws:username}", "$${!Literal}"]
    roles:
      - name: references
        path: /$${AWS::Region}/
        description: "In $${AWS::Region} for ${aws:username} and $${ReferencesRole}"
        trust:
          - service: ec2.amazonaws.com
        managed_policies: [references]
        tags:
          team: ${team}
    service_control_policies:
      - name: "references $${AWS::Region}"
        description: "Not substituted: $${AWS::AccountId}"
        statements:
          - deny: s3:DeleteBucket
            resources: "arn:aws:s3:::b-$${Foo}"
    permission_sets:
      - name: references
        description: "Not substituted: $${AWS::Region} ${aws:username}"
        managed_policies: [ReadOnlyAccess]

    """

    private func buildTemplates(_ folder: URL) throws -> [URL] {
        var specs = try GoldenTests.examples().map { Support.packageRoot.appendingPathComponent("Examples/" + $0) }
        for (name, text) in [("inputs.yaml", CLIScriptTests.inputsSpec), ("ambiguous.yaml", Self.ambiguousSpec),
                             ("references.yaml", Self.referencesSpec)] {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            specs.append(url)
        }
        var templates: [URL] = []
        for spec in specs {
            let output = folder.appendingPathComponent("out-" + spec.deletingPathExtension().lastPathComponent)
            let run = try Support.rolegen(["build", spec.path, "-o", output.path, "--target", "cloudformation", "--color", "never"],
                                          cwd: Support.packageRoot)
            XCTAssertEqual(run.status, 0, "\(spec.lastPathComponent): \(run.stderr)")
            templates.append(output.appendingPathComponent("cloudformation/template.yaml"))
            // Service control policies and permission sets are a template of their own.
            let organization = output.appendingPathComponent("cloudformation/organization.yaml")
            if FileManager.default.fileExists(atPath: organization.path) { templates.append(organization) }
        }
        XCTAssertTrue(templates.contains { $0.lastPathComponent == "organization.yaml" }, "an example has an organization template")
        return templates
    }

    /// No errors and no warnings; informational findings are printed (and listed in docs/cloudformation.md).
    func testCfnLintFindsNoErrorsOrWarnings() throws {
        guard let cfnLint = Support.which("cfn-lint") else {
            try Support.skipLoudly("cfn-lint is not on PATH (pip install cfn-lint); templates not linted")
        }
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = try buildTemplates(folder)
        let files = yaml.flatMap { [$0.path, $0.deletingPathExtension().appendingPathExtension("json").path] }
        let started = Date()
        let run = try Support.run([cfnLint, "--format", "parseable", "--include-checks", "I", "--"] + files)
        let findings = run.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        // parseable: FILE:LINE:COL:ENDLINE:ENDCOL:RULE:MESSAGE
        let serious = findings.filter { line in
            let rule = line.split(separator: ":").dropFirst(5).first ?? ""
            return !rule.hasPrefix("I")
        }
        XCTAssertEqual(serious, [], "cfn-lint errors and warnings")
        XCTAssertEqual(run.status & 0b110, 0, "cfn-lint exit status \(run.status) (2: errors, 4: warnings)\n\(run.stderr)")
        for finding in findings where !serious.contains(finding) {
            print("CloudFormationToolTests: cfn-lint informational: \(finding.replacingOccurrences(of: folder.path + "/", with: ""))")
        }
        print("CloudFormationToolTests: cfn-lint on \(files.count) templates in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// template.yaml, read as CloudFormation reads YAML (cfn-lint's loader: PyYAML, YAML 1.1
    /// typing, short-form tags), is exactly template.json; the ambiguous scalars come back
    /// as the same strings.
    func testYAMLTemplateReadsBackAsTheJSONTemplate() throws {
        guard let python = Support.which("python3"), (try? Support.run([python, "-c", "import cfnlint.decode.cfn_yaml"]))?.status == 0 else {
            try Support.skipLoudly("python3 with cfn-lint is not available (pip install cfn-lint); YAML templates not read back")
        }
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = try buildTemplates(folder)
        let script = """
        import json, sys
        from cfnlint.decode import cfn_yaml
        for path in sys.argv[1:]:
            from_yaml = json.loads(json.dumps(cfn_yaml.load(path)))
            with open(path[:-len("yaml")] + "json", encoding="utf-8") as f:
                from_json = json.load(f)
            print(("same " if from_yaml == from_json else "DIFFERENT ") + path)
            if from_yaml != from_json:
                print(json.dumps(from_yaml, indent=1, sort_keys=True, ensure_ascii=True))
        """
        let run = try Support.run([python, "-c", script] + yaml.map(\.path))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").filter { $0.hasPrefix("same ") }.count, yaml.count, run.stdout)

        // Text that reads as a reference is joined on `${`, back to what the spec wrote.
        let references = try yaml.first { $0.path.contains("out-references/cloudformation/template") }
            .map { $0.deletingPathExtension().appendingPathExtension("json") }!
        let resources = (try JSONSerialization.jsonObject(with: Data(contentsOf: references)) as? [String: Any])?["Resources"] as? [String: Any]
        let referencesRole = (resources?["ReferencesRole"] as? [String: Any])?["Properties"] as? [String: Any] ?? [:]
        let join = referencesRole["Description"] as? [String: [Any]]
        XCTAssertEqual((join?["Fn::Join"]?.last as? [String])?.joined(separator: join?["Fn::Join"]?.first as? String ?? ""),
                       "In ${AWS::Region} for ${aws:username} and ${ReferencesRole}")

        // And the JSON holds the scalars themselves.
        let ambiguous = try yaml.first { $0.path.contains("out-ambiguous/") }.map { $0.deletingPathExtension().appendingPathExtension("json") }!
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: ambiguous)) as? [String: Any] ?? [:]
        let role = ((template["Resources"] as? [String: Any])?["AmbiguousScalarsRole"] as? [String: Any])?["Properties"] as? [String: Any] ?? [:]
        let statement = (((role["Policies"] as? [[String: Any]])?.first?["PolicyDocument"] as? [String: Any])?["Statement"] as? [[String: Any]])?.first
        let values = ((statement?["Condition"] as? [String: Any])?["StringEquals"] as? [String: Any])?["aws:PrincipalTag/x"] as? [String]
        XCTAssertEqual(values, Self.ambiguousScalars)
        XCTAssertEqual(role["Description"] as? String, "no")
        let tags = (role["Tags"] as? [[String: String]] ?? []).map { [$0["Key"] ?? "", $0["Value"] ?? ""] }
        XCTAssertEqual(tags, [["-x", ".5"], ["0123", "yes"], ["no", ""], ["null", "@x"], ["on", "1:30"]])

    }
}
