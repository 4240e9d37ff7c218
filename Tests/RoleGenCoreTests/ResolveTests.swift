import RoleGenCore
import XCTest

final class ResolveTests: XCTestCase {
    private func trustJSON(_ entries: String, top: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let text = "version: 1\n\(top)\nroles:\n  - name: r\n    trust:\n" + entries.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n") + "\n"
        let result = compile(text)
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))", file: file, line: line)
        let role = try XCTUnwrap(result.model?.role("r"), file: file, line: line)
        return CanonicalJSON.encode(role.trustPolicy, pretty: false)
    }

    func testPolicyVariablesPassThrough() throws {
        let body = """
        inline_policies:
          - name: p
            statements:
              - allow: s3:GetObject
                resources:
                  - arn:aws:s3:::b/${aws:username}/${aws:PrincipalTag/team}/${saml:sub}
                  - arn:aws:s3:::b/${*}${?}${$}/$${literal}/${bucket}
        """
        let result = compile(spec(role: body, top: "variables:\n  bucket: data"))
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        let resources = try XCTUnwrap(result.model?.role("app")?.inlinePolicies.first?.document.statements.first?.resource)
        XCTAssertEqual(resources.values.map(\.value), [
            "arn:aws:s3:::b/${aws:username}/${aws:PrincipalTag/team}/${saml:sub}",
            "arn:aws:s3:::b/${*}${?}${$}/${literal}/data",
        ])
    }

    func testCommandLineVariableWins() throws {
        let text = spec(role: "description: env ${env} in ${accounts.prod}", top: "variables:\n  env: dev\naccounts:\n  prod: \"012345678901\"")
        let result = compile(text, variables: ["env": "prod"])
        XCTAssertEqual(result.model?.role("app")?.description, "env prod in 012345678901")
        XCTAssertEqual(compile(text).model?.role("app")?.description, "env dev in 012345678901")
    }

    func testVariablesMayUseOtherVariables() {
        let text = spec(role: "description: ${bucket}", top: "variables:\n  bucket: app-${env}-data\n  env: prod")
        XCTAssertEqual(compile(text).model?.role("app")?.description, "app-prod-data")
    }

    func testDefaultsApplyUnlessOverridden() throws {
        let top = """
        accounts:
          prod: "111122223333"
        defaults:
          account: prod
          path: /team/
          max_session_duration: 7200
          permissions_boundary: job-function/ViewOnlyAccess
          tags: {team: platform, env: dev}
          description_prefix: "[rolegen] "
        """
        let text = spec(role: "description: App\ntags: {env: prod}\npath: /own/", top: top)
        let role = try XCTUnwrap(compile(text).model?.role("app"))
        XCTAssertEqual(role.path, "/own/")
        XCTAssertEqual(role.maxSessionDuration, 7200)
        XCTAssertEqual(role.description, "[rolegen] App")
        XCTAssertEqual(role.account, "111122223333")
        XCTAssertEqual(role.permissionsBoundary?.arn, "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
        XCTAssertEqual(role.tags, [Tag(key: "env", value: "prod"), Tag(key: "team", value: "platform")])
    }

    func testManagedPolicyReferences() throws {
        let top = """
        defaults:
          account: "111122223333"
          partition: aws-us-gov
        policies:
          - name: mine
            path: /custom/
            statements:
              - allow: s3:ListBucket
                resources: "*"
        """
        let body = "managed_policies: [ReadOnlyAccess, job-function/ViewOnlyAccess, AWSLambdaBasicExecutionRole, mine, arn:aws:iam::999988887777:policy/x]"
        let role = try XCTUnwrap(compile(spec(role: body, top: top)).model?.role("app"))
        XCTAssertEqual(role.managedPolicies.map(\.arn), [
            "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess",
            "arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess",
            "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws-us-gov:iam::111122223333:policy/custom/mine",
            "arn:aws:iam::999988887777:policy/x",
        ])
    }

    func testServiceTrust() throws {
        XCTAssertEqual(try trustJSON("- service: [ec2.amazonaws.com, lambda.amazonaws.com]"),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#)
    }

    func testAccountTrustWithExternalIdAndMFA() throws {
        let json = try trustJSON("- account: [audit, \"444455556666\", \"arn:aws:iam::777788889999:role/x\"]\n  external_id: abc\n  require_mfa: true",
                                 top: "accounts:\n  audit: \"111122223333\"")
        XCTAssertEqual(json, #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:root","arn:aws:iam::777788889999:role/x"]},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"sts:ExternalId":"abc"}}}]}"#)
    }

    func testSAMLTrust() throws {
        XCTAssertEqual(try trustJSON("- saml: Okta\n  provider_account: \"111122223333\""),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}"#)
    }

    func testCognitoTrust() throws {
        XCTAssertEqual(try trustJSON("- web_identity: cognito\n  audience: us-east-1:pool\n  amr: authenticated"),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"},"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:pool"}}}]}"#)
    }

    func testOIDCTrust() throws {
        XCTAssertEqual(try trustJSON("- web_identity: oidc.eks.us-east-1.amazonaws.com/id/ABC\n  provider_account: \"111122223333\"\n  audience: sts.amazonaws.com\n  subject: system:serviceaccount:ns:app"),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/ABC:aud":"sts.amazonaws.com","oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:ns:app"}}}]}"#)
    }

    func testGitHubTrust() throws {
        XCTAssertEqual(try trustJSON("- github: octo/app\n  branch: main\n  environment: prod\n  provider_account: \"111122223333\""),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":["repo:octo/app:ref:refs/heads/main","repo:octo/app:environment:prod"]}}}]}"#)
        let wildcard = try trustJSON("- github: octo/app\n  provider_account: \"111122223333\"")
        XCTAssertTrue(wildcard.contains(#""StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo/app:*"}"#), wildcard)
    }

    func testRawTrustPolicyAndExtraConditions() throws {
        let json = try trustJSON("""
        - service: lambda.amazonaws.com
          conditions:
            StringEquals: {aws:SourceAccount: "111122223333"}
        - policy:
            Effect: Allow
            Principal: {AWS: "arn:aws:iam::111122223333:user/alice"}
            Action: [sts:AssumeRole, sts:TagSession]
        """)
        XCTAssertEqual(json, #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"#)
    }

    func testAccountIdsStayStrings() throws {
        let role = try XCTUnwrap(compile("version: 1\nroles:\n  - name: r\n    trust:\n      - account: 012345678901\n").model?.role("r"))
        XCTAssertEqual(CanonicalJSON.encode(role.trustPolicy, pretty: false),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::012345678901:root"},"Action":"sts:AssumeRole"}]}"#)
    }

    func testJSONEscaping() {
        let value = JSONValue.object([("k", .string("q\"b\\n\n\u{1}é\u{2028}✓😀"))])
        XCTAssertEqual(value.encoded(pretty: false), #"{"k":"q\"b\\n\n\u0001é\u2028\u2713\ud83d\ude00"}"#)
    }
}

final class DeployInputTests: XCTestCase {
    private let top = """
    variables:
      partner_id:
        input: true
        description: External id agreed with the partner
        sensitive: true
      partner_account: {input: true}
    accounts:
      partner: ${partner_account}
    """

    private var text: String {
        "version: 1\n\(top)\nroles:\n  - name: partner-read\n    description: for ${partner_id}\n    trust:\n      - account: partner\n        external_id: ${partner_id}\n"
    }

    func testInputsStayOpenInTheModel() throws {
        let result = compile(text)
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        let model = try XCTUnwrap(result.model)
        XCTAssertEqual(model.inputs, [
            DeployInput(name: "partner_account"),
            DeployInput(name: "partner_id", description: "External id agreed with the partner", sensitive: true),
        ])
        XCTAssertEqual(CanonicalJSON.encode(model.roles[0].trustPolicy.shown, pretty: false),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${partner_account}:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"${partner_id}"}}}]}"#)
        XCTAssertEqual(model.roles[0].description?.parts, [.literal("for "), .input("partner_id")])
        let substituted = model.substitutingInputs(["partner_account": "444455556666", "partner_id": "x"])
        XCTAssertEqual(CanonicalJSON.encode(substituted.roles[0].trustPolicy, pretty: false),
                       #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}"#)
    }

    func testCommandLineTurnsAnInputIntoAValue() throws {
        let model = try XCTUnwrap(compile(text, variables: ["partner_account": "444455556666"]).model)
        XCTAssertEqual(model.inputs.map(\.name), ["partner_id"])
        XCTAssertTrue(CanonicalJSON.encode(model.roles[0].trustPolicy).contains("arn:aws:iam::444455556666:root"))
        let bad = compile(text, variables: ["partner_account": "12"])
        assertErrors(bad.diagnostics, [(.invalidValue, 9, 12)])
    }

    func testNamesCannotUseInputs() {
        let result = compile("version: 1\nvariables:\n  who: {input: true}\nroles:\n  - name: r-${who}\n    trust: [{service: ec2.amazonaws.com}]\n")
        assertErrors(result.diagnostics, [(.nameLimit, 5, 11)])
    }
}
