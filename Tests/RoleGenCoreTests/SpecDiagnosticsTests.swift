import RoleGenCore
import XCTest

/// One test per class of spec error, asserting code, line and column.
final class SpecDiagnosticsTests: XCTestCase {
    func testUnknownKeySuggestsClosest() {
        let result = compile(spec(role: "managed_polices: [ReadOnlyAccess]"))
        assertErrors(result.diagnostics, [(.unknownKey, 7, 5)])
        XCTAssertEqual(result.diagnostics.first?.fixIt, "did you mean 'managed_policies'?")
    }

    func testWrongTypeNamesExpectedType() {
        let result = compile(spec(role: "max_session_duration: \"3600\""))
        assertErrors(result.diagnostics, [(.wrongType, 7, 27)])
        XCTAssertTrue(result.diagnostics[0].message.contains("must be an integer"))
        assertErrors(compile("version: 1\nroles: {}\n").diagnostics, [(.wrongType, 2, 8)])
    }

    func testYAML11BooleansRejected() {
        let result = compile(spec(role: "trust:\n  - account: \"111122223333\"\n    require_mfa: yes").replacingOccurrences(of: "    trust:\n      - service: ec2.amazonaws.com\n", with: ""))
        assertErrors(result.diagnostics, [(.wrongType, 7, 22)])
        XCTAssertEqual(result.diagnostics.first?.fixIt, "write true (rolegen reads only true and false as booleans)")
    }

    func testMissingKey() {
        assertErrors(compile("version: 1\nroles:\n  - name: x\n").diagnostics, [(.missingKey, 3, 5)])
        assertErrors(compile("roles: []\n").diagnostics, [(.missingKey, 1, 1)])
    }

    func testUnsupportedVersion() {
        assertErrors(compile("version: 2\n").diagnostics, [(.unsupportedVersion, 1, 10)])
    }

    func testStatementFormsCannotMix() {
        let body = "inline_policies:\n  - name: p\n    statements:\n      - allow: s3:GetObject\n        Resource: \"*\""
        assertErrors(compile(spec(role: body)).diagnostics, [(.conflictingKeys, 10, 13)])
    }

    func testStatementNeedsResources() {
        let body = "inline_policies:\n  - name: p\n    statements:\n      - allow: s3:GetObject"
        let result = compile(spec(role: body))
        assertErrors(result.diagnostics, [(.missingKey, 10, 13)])
    }

    func testUndefinedVariablePointsInsideTheString() {
        let result = compile(spec(role: "description: \"for ${envv} use\"", top: "variables:\n  env: prod"))
        assertErrors(result.diagnostics, [(.undefinedVariable, 8, 23)])
        XCTAssertEqual(result.diagnostics.first?.fixIt, "did you mean 'env'?")
    }

    func testVariableCycle() {
        let result = compile(spec(role: "description: ${a}", top: "variables:\n  a: x${b}\n  b: y${a}"))
        XCTAssertTrue(result.diagnostics.contains { $0.code == .variableCycle }, "\(result.diagnostics)")
    }

    func testUnknownAccountAndPolicy() {
        let body = "managed_policies: [ReadOnlyAcess]"
        var result = compile(spec(role: body))
        assertErrors(result.diagnostics, [(.unknownPolicy, 7, 24)])
        XCTAssertEqual(result.diagnostics.first?.fixIt, "did you mean 'ReadOnlyAccess'?")
        result = compile("version: 1\naccounts:\n  prod: \"111122223333\"\nroles:\n  - name: a\n    trust:\n      - account: prd\n")
        assertErrors(result.diagnostics, [(.unknownAccount, 7, 18)])
        XCTAssertEqual(result.diagnostics.first?.fixIt, "did you mean 'prod'?")
    }

    func testAccountIdMustHaveTwelveDigits() {
        assertErrors(compile("version: 1\naccounts:\n  prod: 11112222333\n").diagnostics, [(.invalidValue, 3, 9)])
    }

    func testDuplicateRoleNamesIgnoringCase() {
        let text = spec() + "  - name: APP\n    trust:\n      - service: ec2.amazonaws.com\n"
        let result = compile(text)
        assertErrors(result.diagnostics, [(.duplicateName, 8, 11)])
        XCTAssertEqual(result.diagnostics.first?.notes.first?.range?.start.line, 4)
    }

    func testCustomerPolicyNeedsAccount() {
        let top = "policies:\n  - name: mine\n    statements:\n      - allow: s3:ListBucket\n        resources: \"*\""
        assertErrors(compile(spec(role: "managed_policies: [mine]", top: top)).diagnostics, [(.accountRequired, 11, 24)])
    }

    func testRoleNameLimits() {
        let long = String(repeating: "r", count: 65)
        let result = compile("version: 1\nroles:\n  - name: \(long)\n    trust: [{service: ec2.amazonaws.com}]\n")
        assertErrors(result.diagnostics, [(.nameLimit, 3, 11)])
        XCTAssertTrue(result.diagnostics[0].message.contains("the limit is 64"), result.diagnostics[0].message)
        let bad = compile("version: 1\nroles:\n  - name: \"app role\"\n    trust: [{service: ec2.amazonaws.com}]\n")
        assertErrors(bad.diagnostics, [(.nameLimit, 3, 11)])
        XCTAssertTrue(bad.diagnostics[0].message.contains("U+0020"), bad.diagnostics[0].message)
        assertErrors(compile("version: 1\nroles:\n  - name: \"..\"\n    trust: [{service: ec2.amazonaws.com}]\n").diagnostics,
                     [(.nameLimit, 3, 11)])
    }

    func testPathLimit() {
        assertErrors(compile(spec(role: "path: app/")).diagnostics, [(.pathLimit, 7, 11)])
    }

    func testDescriptionLimit() {
        let long = String(repeating: "d", count: 1001)
        assertErrors(compile(spec(role: "description: \(long)")).diagnostics, [(.descriptionLimit, 7, 18)])
        let emoji = compile(spec(role: "description: \"rocket 🚀\""))
        assertErrors(emoji.diagnostics, [(.descriptionLimit, 7, 18)])
        XCTAssertTrue(emoji.diagnostics[0].message.contains("U+1F680"), emoji.diagnostics[0].message)
    }

    func testSessionDurationNamesTheLimit() {
        let result = compile(spec(role: "max_session_duration: 84600"))
        assertErrors(result.diagnostics, [(.sessionDurationLimit, 7, 27)])
        XCTAssertTrue(result.diagnostics[0].message.contains("3600 to 43200"))
        assertErrors(compile(spec(role: "max_session_duration: 900")).diagnostics, [(.sessionDurationLimit, 7, 27)])
    }

    func testTagLimits() {
        let many = (1...51).map { "  k\($0): v" }.joined(separator: "\n")
        assertErrors(compile(spec(role: "tags:\n" + many)).diagnostics, [(.tagLimit, 4, 5)])
        assertErrors(compile(spec(role: "tags:\n  aws:team: x")).diagnostics, [(.tagLimit, 8, 7)])
        assertErrors(compile(spec(role: "tags:\n  team: \"a;b\"")).diagnostics, [(.tagLimit, 8, 13)])
        let longValue = String(repeating: "v", count: 257)
        assertErrors(compile(spec(role: "tags:\n  team: \(longValue)")).diagnostics, [(.tagLimit, 8, 13)])
    }

    /// botocore's patterns hold per Unicode scalar, as AWS matches them: `\p{L}` takes no
    /// combining mark (category M) or joiner (Cf), although each joins the letter before it
    /// into one visible character (issue 23; cfn-lint E3031 refused what rolegen let pass).
    func testPatternsAreMatchedPerUnicodeScalar() {
        let tags = compile(spec(role: "tags:\n  \"team\\u200D\": a\n  b: \"\\u0915\\u094D\"\n  c: \"x\\u0301\""))
        assertErrors(tags.diagnostics, [(.tagLimit, 8, 7), (.tagLimit, 9, 10), (.tagLimit, 10, 10)])
        let messages = tags.diagnostics.map(\.message)
        XCTAssertTrue(messages[0].contains("found U+200D ZERO WIDTH JOINER after 'team', which is an invisible format character"), messages[0])
        XCTAssertTrue(messages[1].contains("found U+094D DEVANAGARI SIGN VIRAMA after 'क', which is a combining mark"), messages[1])
        XCTAssertTrue(messages[2].contains("found U+0301 COMBINING ACUTE ACCENT after 'x'"), messages[2])
        XCTAssertEqual(tags.diagnostics.map(\.fixIt), ["remove U+200D ZERO WIDTH JOINER", "remove U+094D DEVANAGARI SIGN VIRAMA",
                                                      "remove U+0301 COMBINING ACUTE ACCENT"])

        let description = compile(spec(role: "description: \"Zero\\u200Dwidth\""))
        assertErrors(description.diagnostics, [(.descriptionLimit, 7, 18)])
        XCTAssertTrue(description.diagnostics[0].message.contains("U+200D ZERO WIDTH JOINER after 'Zero'"), description.diagnostics[0].message)
        // What a letter and its marks compose to may pass: the fix says so.
        let decomposed = IAMLimits.roleDescription.problem(with: "Cafe\u{301}")
        XCTAssertEqual(decomposed?.fixIt, "write the composed characters instead: 'Caf\u{E9}'")
        XCTAssertNil(IAMLimits.tagValue.problem(with: "Caf\u{E9} \u{6771}\u{4EAC} \u{0661}"), "letters, numbers and spaces of any script")
        XCTAssertNil(IAMLimits.roleDescription.problem(with: "line\r\nbreak"), "CR LF is two characters, not one")
        // Java's \w and \d are ASCII only.
        XCTAssertNotNil(IAMLimits.roleName.problem(with: "r\u{F4}le"))
        XCTAssertNotNil(OrganizationLimits.scpTargetID.problem(with: "\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}\u{0666}\u{0667}\u{0668}\u{0669}\u{0660}\u{0661}\u{0662}"))
        XCTAssertNil(OrganizationLimits.scpTargetID.problem(with: "111122223333"))
    }

    /// IAM keeps one tag per key whatever its case: the second spelling is an error that
    /// names the first, whether both are the role's or the first is a default.
    func testTagKeysThatDifferOnlyInCase() {
        let own = compile(spec(role: "tags:\n  Owner: a\n  owner: b"))
        assertErrors(own.diagnostics, [(.tagLimit, 9, 7)])
        XCTAssertEqual(own.diagnostics[0].message, "tag key 'owner' differs from 'Owner' only in case: AWS takes them for the same key")
        XCTAssertEqual(own.diagnostics[0].notes.map(\.range?.start.line), [8])
        XCTAssertEqual(own.diagnostics[0].fixIt, "keep one of the two, or use another key")

        let withDefault = compile(spec(role: "tags: {OWNER: b}", top: "defaults:\n  tags: {Owner: a}"))
        assertErrors(withDefault.diagnostics, [(.tagLimit, 8, 12)])
        XCTAssertEqual(withDefault.diagnostics[0].notes.map(\.range?.start.line), [3])
        XCTAssertEqual(withDefault.diagnostics[0].fixIt, "write 'Owner' to replace the default's value, or use another key")

        // The same key replaces the default's value.
        let override = compile(spec(role: "tags: {Owner: b}", top: "defaults:\n  tags: {Owner: a}"))
        assertErrors(override.diagnostics, [])
        XCTAssertEqual(override.model?.role("app")?.tags, [Tag(key: "Owner", value: "b")])
    }

    func testTooManyManagedPolicies() {
        let names = ["ReadOnlyAccess", "SecurityAudit", "job-function/ViewOnlyAccess", "AmazonS3ReadOnlyAccess",
                     "AmazonEC2ReadOnlyAccess", "CloudWatchReadOnlyAccess", "AWSLambda_ReadOnlyAccess",
                     "AmazonDynamoDBReadOnlyAccess", "AmazonSQSReadOnlyAccess", "AmazonSNSReadOnlyAccess", "IAMReadOnlyAccess"]
        let result = compile(spec(role: "managed_policies: [\(names.joined(separator: ", "))]"))
        XCTAssertEqual(result.diagnostics.map(\.code), [.attachmentQuota])
        XCTAssertEqual(result.diagnostics.first?.severity, .warning)
        XCTAssertNotNil(result.model)
    }

    func testTrustEntryNeedsOneKind() {
        let text = "version: 1\nroles:\n  - name: a\n    trust:\n      - servce: ec2.amazonaws.com\n"
        let result = compile(text)
        assertErrors(result.diagnostics, [(.missingKey, 5, 9)])
        XCTAssertEqual(result.diagnostics.first?.fixIt, "did you mean 'service'?")
        assertErrors(compile("version: 1\nroles:\n  - name: a\n    trust:\n      - service: x.amazonaws.com\n        account: \"111122223333\"\n").diagnostics,
                     [(.conflictingKeys, 5, 9)])
    }

    func testPrincipalNotAllowedInIdentityPolicy() {
        let body = "inline_policies:\n  - name: p\n    statements:\n      - Effect: Allow\n        Principal: \"*\"\n        Action: s3:GetObject\n        Resource: \"*\""
        assertErrors(compile(spec(role: body)).diagnostics, [(.policyDocument, 11, 13)])
    }
}

/// Regressions found by review: each would have produced wrong output silently.
final class ResolveRegressionTests: XCTestCase {
    func testWarningsNeverDropARole() throws {
        let text = """
        version: 1
        defaults: {account: "111122223333"}
        policies:
          - name: ReadOnlyAccess
            statements: [{allow: "s3:Get*", resources: "*"}]
        roles:
          - name: r1
            trust: [{service: ec2.amazonaws.com}]
            managed_policies: [ReadOnlyAccess]
        """
        let result = compile(text)
        XCTAssertEqual(result.diagnostics.map(\.code), [.shadowedPolicy])
        XCTAssertEqual(result.model?.roles.map(\.name), ["r1"])
        XCTAssertEqual(result.model?.roles.first?.managedPolicies.map(\.arn), ["arn:aws:iam::111122223333:policy/ReadOnlyAccess"])
        XCTAssertEqual(result.model?.policies.first?.accounts, ["111122223333"])
    }

    func testPolicyNamesAndPathsUseTheirOwnFilesVariables() throws {
        let a = compile("version: 1\nvariables: {team: alpha}\npolicies:\n  - name: ${team}-read\n    path: /${team}/\n    statements: [{allow: s3:ListBucket, resources: \"*\"}]\n", file: "a.yaml")
        XCTAssertEqual(a.model?.policies.first?.name, "alpha-read")
        let files = ["version: 1\nvariables: {team: alpha}\npolicies:\n  - name: ${team}-read\n    path: /${team}/\n    statements: [{allow: s3:ListBucket, resources: \"*\"}]\n",
                     "version: 1\nvariables: {team: beta}\ndefaults: {account: \"111122223333\"}\nroles:\n  - name: r\n    trust: [{service: ec2.amazonaws.com}]\n    managed_policies: [alpha-read]\n"]
        var specs: [SpecFile] = []
        for (index, text) in files.enumerated() {
            let root = try XCTUnwrap(YAMLReader.read(Array(text.utf8), file: "\(index).yaml").root)
            specs.append(try XCTUnwrap(SpecDecoder.decode(root, path: "\(index).yaml").0))
        }
        let (model, diagnostics) = Resolver.resolve(specs, documents: [:])
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(model?.roles.first?.managedPolicies.first?.arn, "arn:aws:iam::111122223333:policy/alpha/alpha-read")
    }

    func testExtraTrustConditionsCannotLoosenGeneratedOnes() {
        let text = """
        version: 1
        roles:
          - name: r
            trust:
              - account: "111122223333"
                require_mfa: true
                conditions:
                  Bool: {aws:MultiFactorAuthPresent: "false"}
                  StringEquals: {aws:PrincipalTag/team: ops}
        """
        assertErrors(compile(text).diagnostics, [(.conflictingKeys, 8, 18)])
    }

    func testNamesAreASCIIAsInIAM() {
        assertErrors(compile("version: 1\nroles:\n  - name: rôle\n    trust: [{service: ec2.amazonaws.com}]\n").diagnostics, [(.nameLimit, 3, 11)])
    }

    func testSAMLAudienceFollowsThePartition() throws {
        let text = "version: 1\ndefaults: {partition: aws-cn}\nroles:\n  - name: r\n    trust: [{saml: arn:aws-cn:iam::111122223333:saml-provider/corp}]\n"
        let role = try XCTUnwrap(compile(text).model?.roles.first)
        XCTAssertTrue(CanonicalJSON.encode(role.trustPolicy).contains("https://signin.amazonaws.cn/saml"))
    }

    func testInputsNeverReachMessagesAsMarkersAndDefaultsAreChecked() {
        let partition = compile("version: 1\nvariables: {part: {input: true}}\ndefaults: {partition: \"${part}\"}\n")
        XCTAssertEqual(partition.diagnostics.map(\.message), ["partition '${part}' uses a deploy-time input; it must be known at build time"])
        // What a condition tests, like names and paths, must be known at build time.
        let key = compile("""
            version: 1
            variables: {issuer: {input: true}}
            roles:
              - name: r
                trust:
                  - service: ec2.amazonaws.com
                    conditions: {StringEquals: {"${issuer}:aud": x}}
            """)
        assertErrors(key.diagnostics, [(.invalidValue, 7, 37)])
        XCTAssertEqual(key.diagnostics.first?.message, "condition key '${issuer}:aud' uses a deploy-time input; it must be known at build time")
        let account = compile("version: 1\nvariables: {pa: {input: true, default: not-an-id}}\naccounts: {partner: \"${pa}\"}\n")
        assertErrors(account.diagnostics, [(.invalidValue, 3, 21)])
        // A default must fit every place that uses it; without one, nothing is known to check.
        let roles = """
            version: 1
            variables:
              team: {input: true, default: "bad<team>"}
              open: {input: true}
            roles:
              - name: r
                description: "For ${team}"
                trust: [{service: ec2.amazonaws.com}]
                tags: {team: "${team}", other: "${open}"}
            """
        let checked = compile(roles)
        assertErrors(checked.diagnostics, [(.tagLimit, 9, 18)])
        XCTAssertEqual(checked.diagnostics.first { $0.code == .tagLimit }?.message.contains("with the default of input 'team'"), true)
        let good = compile(roles.replacingOccurrences(of: "bad<team>", with: "blue"))
        XCTAssertEqual(good.diagnostics.filter { $0.severity == .error }.map(\.message), [])
    }

    /// The articles' ARN without its path, a typo and an unknown name: IAM would refuse to
    /// attach each of them after making the role.
    func testAWSManagedPolicyARNsAreChecked() {
        let policies = [
            "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AmazonS3FullAcess",
            "arn:aws:iam::aws:policy/ZZZBrandNewPolicy2027",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws-cn:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::111122223333:policy/NotChecked",
        ]
        let text = "version: 1\nroles:\n  - name: r\n    trust: [{service: lambda.amazonaws.com}]\n    managed_policies:\n"
            + policies.map { "      - \($0)\n" }.joined()
        let result = compile(text)
        XCTAssertEqual(result.diagnostics.map { "\($0.severity) \($0.range?.start.line ?? 0) \($0.fixIt ?? "")" }, [
            "error 6 write arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "error 7 did you mean arn:aws:iam::aws:policy/AmazonS3FullAccess?",
            "warning 8 check the name in the IAM console or with aws iam get-policy; AWS adds managed policies often",
        ])
    }

    func testPolicySizeQuotas() {
        let actions = (0..<700).map { "s3:GetObjectVersion\($0)" }.joined(separator: ", ")
        let top = "defaults: {account: \"111122223333\"}\npolicies:\n  - name: big\n    statements: [{allow: [\(actions)], resources: \"*\"}]"
        let result = compile(spec(top: top))
        assertErrors(result.diagnostics, [(.policySizeLimit, 4, 5)])
        XCTAssertTrue(result.diagnostics.first?.message.contains("IAM allows 6144") ?? false)
    }
}
