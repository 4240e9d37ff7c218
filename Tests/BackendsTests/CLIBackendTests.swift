@testable import Backends
import Foundation
import RoleGenCore
import XCTest

/// The CLI backend's pieces on small inputs; CLIScriptTests runs the scripts with shellcheck,
/// bash and the AWS CLI against moto.
final class CLIBackendTests: XCTestCase {
    func testShellQuotingKeepsEveryValueData() {
        let cases: [(String, String)] = [
            ("plain", "'plain'"),
            ("", "''"),
            ("it's", #"'it'\''s'"#),
            ("a; rm -rf / & echo |x| > y", "'a; rm -rf / & echo |x| > y'"),
            ("\"double\" \\ *?[x] ~ # !", #"'"double" \ *?[x] ~ # !'"#),
            ("$(touch x)", #""\$(touch x)""#),
            ("`id` and ${HOME} \"q\" \\", #""\`id\` and \${HOME} \"q\" \\""#),
            ("line\nbreak", #"$'line\nbreak'"#),
            ("tab\t'q' \\ $(x)\u{07}", #"$'tab\t\'q\' \\ $(x)\x07'"#),
            ("café ✓", "'café ✓'"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(ShellWords.quote(value), expected, value.debugDescription)
        }
    }

    func testWordsUseShellVariablesForInputs() {
        let variables = ["partner": "input_partner", "team": "input_team"]
        XCTAssertEqual(ShellWords.word("arn:aws:iam::\(text: .input("partner")):root", variables: variables),
                       #"'arn:aws:iam::'"$input_partner"':root'"#)
        XCTAssertEqual(ShellWords.word(.input("team"), variables: variables), #""$input_team""#)
        XCTAssertEqual(ShellWords.word("${team}", variables: variables), ShellWords.quote("${team}"), "text that looks like an input is literal")
        XCTAssertEqual(ShellWords.word("", variables: variables), "''")
        XCTAssertEqual(ShellWords.comment("a\nb\u{7F}c"), "a?b?c")
    }

    /// What `aws … --query 'to_string(…)'` prints: Python's json.dumps(separators=(",", ":")).
    func testCompactJSONIsWhatTheAWSCLIPrints() {
        let value = JSONValue.object([
            ("s", .string("caf\u{E9} \u{2713} \u{1D11E} \"q\" \\ / \n\t\r\u{08}\u{0C}\u{07}\u{7F}\u{85}")),
            ("n", .integer(3600)), ("b", .bool(true)), ("z", .null), ("a", .array([])), ("o", .object([])),
        ])
        XCTAssertEqual(CompactJSON.encode(value),
                       #"{"s":"caf\u00e9 \u2713 \ud834\udd1e \"q\" \\ / \n\t\r\b\f\u0007\u007f\u0085","n":3600,"b":true,"z":null,"a":[],"o":{}}"#)
        XCTAssertEqual(CompactJSON.encode(.text("id-\(text: .input("external_id"))-\u{E9}")), #""id-«external_id»-\u00e9""#,
                       "an input is a placeholder, the only text beyond ASCII in the file")
        XCTAssertEqual(CompactJSON.encode(.string("«external_id»")), #""\u00abexternal_id\u00bb""#, "user text never forms a placeholder")
    }

    func testFilesOfABuild() throws {
        var model = try CloudFormationBackendTests.model("""
        version: 1
        variables:
          team: {input: true}
        accounts:
          prod: "111122223333"
        defaults:
          account: prod
        policies:
          - name: read
            path: /app/
            description: "Read; $(not run)"
            statements: [{allow: s3:GetObject, resources: "arn:aws:s3:::b-${team}/*"}]
        roles:
          - name: app
            description: "For ${team}"
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [read]
            inline_policies:
              - name: inline
                statements: [{allow: s3:PutObject, resources: "*"}]
            tags: {b: "2", C: "1", é: "3", a: "${team}"}
            instance_profile: true
          - name: anywhere
            account: "444455556666"
            trust: [{service: lambda.amazonaws.com}]
            max_session_duration: 7200
        """)
        for index in model.roles.indices { model.roles[index].specFile = "roles.yaml" }
        for index in model.policies.indices { model.policies[index].specFile = "roles.yaml" }
        let files = Dictionary(uniqueKeysWithValues: CLIBackend().render(model).map { ($0.path, $0) })
        XCTAssertEqual(files.keys.sorted(), [
            "apply.sh", "destroy.sh", "policies/read/create-policy.json", "policies/read/document.json",
            "roles/anywhere/role.json", "roles/anywhere/trust-policy.json",
            "roles/app/inline/inline.json", "roles/app/role.json", "roles/app/tags.json", "roles/app/trust-policy.json",
        ])
        XCTAssertEqual(files["apply.sh"]?.executable, true)
        XCTAssertEqual(files["destroy.sh"]?.executable, true)
        XCTAssertEqual(files["roles/app/inline/inline.json"]?.executable, false)
        XCTAssertEqual(files["roles/app/role.json"]?.contents, #"{"RoleName":"app","Description":"For «team»","MaxSessionDuration":3600}"# + "\n")
        XCTAssertEqual(files["roles/anywhere/role.json"]?.contents, #"{"RoleName":"anywhere","MaxSessionDuration":7200}"# + "\n")
        XCTAssertEqual(files["roles/app/tags.json"]?.contents,
                       #"[{"Key":"C","Value":"1"},{"Key":"a","Value":"«team»"},{"Key":"b","Value":"2"},{"Key":"\u00e9","Value":"3"}]"# + "\n",
                       "sorted by code point, as JMESPath's sort_by")
        XCTAssertEqual(files["policies/read/create-policy.json"]?.contents,
                       #"{"PolicyName":"read","Path":"/app/","Description":"Read; $(not run)"}"# + "\n")
        XCTAssertEqual(files["policies/read/document.json"]?.contents,
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b-«team»/*"}]}"# + "\n")

        let apply = files["apply.sh"]!.contents
        XCTAssertTrue(apply.hasPrefix("#!/usr/bin/env bash\n# apply.sh: generated by rolegen \(RoleGenVersion.current) from roles.yaml.\n"))
        XCTAssertFalse(apply.contains("not run"), "descriptions stay in the JSON files")
        let plan = String(apply[apply.range(of: "\n# Deploy-time inputs.\n")!.upperBound...])
        XCTAssertEqual(plan, """
        read_input 'team' 'deploy-time input team'
        check_inputs

        find_account
        check_account '111122223333' '444455556666'

        # Account 111122223333
        if in_account '111122223333'; then
          # Customer managed policy read (roles.yaml)
          managed_policy 'read' '/app/' 'policies/read/document.json' 'policies/read/create-policy.json'
          # Role app (roles.yaml)
          role 'app' '/' 'roles/app/trust-policy.json' 'roles/app/role.json' 'roles/app/tags.json' ''
          inline_policies 'app' 'inline' 'roles/app/inline/inline.json'
          managed_policies 'app' 'arn:aws:iam::111122223333:policy/app/read'
          instance_profile 'app' '/' 'app'
        fi

        # Account 444455556666
        if in_account '444455556666'; then
          # Role anywhere (roles.yaml)
          role 'anywhere' '/' 'roles/anywhere/trust-policy.json' 'roles/anywhere/role.json' '' ''
          inline_policies 'anywhere'
          managed_policies 'anywhere'
        fi

        finish

        """)
        let destroy = files["destroy.sh"]!.contents
        XCTAssertFalse(destroy.contains("read_input 'team'"), "destroy.sh needs no input it does not use")
        XCTAssertTrue(destroy.hasSuffix("""
        # Account 111122223333
        if in_account '111122223333'; then
          # Role app (roles.yaml)
          destroy_instance_profile 'app'
          destroy_role 'app'
          # Customer managed policy read (roles.yaml)
          destroy_managed_policy 'read' '/app/'
        fi

        # Account 444455556666
        if in_account '444455556666'; then
          # Role anywhere (roles.yaml)
          destroy_role 'anywhere'
        fi

        finish

        """), destroy)
    }
}
