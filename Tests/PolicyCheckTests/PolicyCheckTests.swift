import AWSCatalog
import PolicyCheck
import RoleGenCore
import XCTest

/// Behaviour beyond the per-check examples: kind detection, positions in multi-line JSON,
/// YAML policies, deploy-time inputs and the reader's tolerance.
final class PolicyCheckTests: XCTestCase {
    func check(_ text: String, kind: PolicyKind? = nil, file: String = "policy.json") -> PolicyFile.Result {
        let read = YAMLReader.read(Array(text.utf8), file: file)
        let root = try! XCTUnwrap(read.root, "\(read.diagnostics)")
        return PolicyFile.check(root, isJSON: text.first == "{", kind: kind, text: text)
    }

    func testDetectsTheKind() {
        XCTAssertEqual(check(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#).kind, .identity)
        XCTAssertEqual(check(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"#).kind, .trust)
        XCTAssertEqual(check(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#).kind, .resource)
        for actions in [#""sts:AssumeRole*""#, #""sts:*""#, #"["sts:AssumeRole","sts:TagSession"]"#] {
            XCTAssertEqual(check(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":\#(actions)}}"#).kind, .trust, actions)
        }
    }

    /// A malformed element is reported once, for what it is, not also as missing.
    func testMalformedElementsAreNotAlsoMissing() {
        func codes(_ statement: String, _ kind: PolicyKind) -> [String] {
            check(#"{"Version":"2012-10-17","Statement":[\#(statement)]}"#, kind: kind).diagnostics.map(\.code.id).sorted()
        }
        XCTAssertEqual(codes(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":{"a":1}}"#, .identity), ["RG1005"])
        XCTAssertEqual(codes(#"{"Effect":"Allow","NotResource":{"a":1},"Action":"s3:GetObject"}"#, .identity), ["RG1005"])
        XCTAssertEqual(codes(#"{"Effect":"Allow","Action":{"a":1},"Resource":"*"}"#, .identity), ["RG1005"])
        XCTAssertEqual(codes(#"{"Effect":"Allow","Principal":"arn:aws:iam::123456789012:root","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#, .resource), ["RG1504"])
        XCTAssertEqual(codes(#"{"Effect":"Allow","Principal":["*"],"Action":"sts:AssumeRole"}"#, .trust), ["RG1504"])
        let scalar = check(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":7}]}"#, kind: .identity)
        XCTAssertEqual(scalar.diagnostics.map(\.message), ["Resource must be a string or an array of strings, found a number"])
    }

    /// An unknown operator's fix is a known operator, never the text as written.
    func testOperatorFixes() {
        func fix(_ op: String) -> String? {
            let result = check(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"\#(op)":{"aws:TagKeys":"a"}}}}"#)
            let found = result.diagnostics.filter { $0.code == .invalidConditionOperator }
            XCTAssertEqual(found.count, 1, "\(op): \(result.diagnostics.map(\.message))")
            return found.first?.fixIt
        }
        XCTAssertEqual(fix("ForAllValues:ForAnyValue:StringEquals"), "did you mean 'ForAllValues:StringEquals'?")
        XCTAssertEqual(fix("IfExists:StringEquals"), "did you mean 'StringEqualsIfExists'?")
        XCTAssertEqual(fix("Foo:StringEquals"), "did you mean 'StringEquals'?")
        XCTAssertEqual(fix("ForAllValue:StringEqals"), "did you mean 'ForAllValues:StringEquals'?")
    }

    func testPositionsInPrettyJSON() {
        let text = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["s3:GetObject", "s3:GetObjekt"],
              "Resource": "arn:aws:s3:::bucket/*"
            }
          ]
        }
        """
        let diagnostics = check(text).diagnostics
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        let diagnostic = diagnostics[0]
        XCTAssertEqual(diagnostic.code, .invalidAction)
        XCTAssertEqual(diagnostic.range?.start.line, 6)
        XCTAssertEqual(diagnostic.range?.start.column, 38)
        XCTAssertEqual(diagnostic.range?.end.column, 47)
        XCTAssertEqual(diagnostic.fixIt, "did you mean 's3:GetObject'?")
    }

    /// The fix for a bad Sid is the Sid without its bad characters, or, when none would be
    /// left, what a Sid may hold: never an empty Sid.
    func testSidFixKeepsASCIILettersAndDigits() {
        func fix(_ sid: String) -> String? {
            check(#"{"Version":"2012-10-17","Statement":{"Sid":"\#(sid)","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#)
                .diagnostics.first { $0.code == .unsupportedSid }?.fixIt
        }
        XCTAssertEqual(fix("Read-Objects 1"), "write 'ReadObjects1'")
        XCTAssertEqual(fix("東京"), "write a Sid of ASCII letters and digits, such as 'ReadObjects'")
        XCTAssertNil(fix("ReadObjects1"))
    }

    func testYAMLPolicyDocument() {
        let text = """
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObjekt
            Resource: "*"
        """
        let result = check(text, file: "policy.yaml")
        XCTAssertEqual(result.diagnostics.map(\.code), [.invalidAction])
        XCTAssertEqual(result.diagnostics.first?.range?.start.line, 4)
    }

    func testKeepsGoingPastStructuralErrors() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:GetObjekt","Resource":"arn:aws:s3::123456789012:b"},{"Effect":"Allow"}]}"#
        let codes = Set(check(text).diagnostics.map(\.code))
        XCTAssertTrue(codes.isSuperset(of: [.invalidEffect, .invalidAction, .arnAccountNotAllowed, .missingAction, .missingResource]), "\(codes)")
    }

    func testActionsAndKeysIgnoreCase() {
        let text = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["S3:getobject","EC2:describe*"],"Resource":"*","Condition":{"stringequals":{"AWS:SourceAccount":"123456789012","aws:resourcetag/Team":"x"}}}}"#
        XCTAssertEqual(check(text).diagnostics.map(\.code), [])
    }

    func testDeployInputsAreNotJudged() {
        let file = SourceRange.file("x")
        let account: Text = .input("account")
        let document = ModelDocument(version: nil, statements: [
            StatementOf<Text>(effect: Located(.allow, file), action: ElementListOf<Text>([Located("iam:GetRole", file)], range: file),
                              resource: ElementListOf<Text>([Located("arn:aws:iam::\(text: account):role/app", file)], range: file),
                              conditions: [ConditionEntryOf<Text>(operator: Located("StringEquals", file), key: Located("aws:SourceAccount", file),
                                                                  values: [Located(account, file)])],
                              range: file),
        ], range: file)
        XCTAssertEqual(PolicyChecker.check(document, kind: .identity).map(\.code), [])
        // The same text written literally is judged: only a model input is open.
        let literal = document.map { Text($0.shown) }
        XCTAssertEqual(Set(PolicyChecker.check(literal, kind: .identity).map(\.code)), [])
    }

    func testTypoInCommonActionsIsAnError() {
        for (typo, fix) in [("s3:GetObjekt", "s3:GetObject"), ("iam:PasRole", "iam:PassRole"), ("ec2:DescribeInstance", "ec2:DescribeInstances")] {
            let text = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"\#(typo)","Resource":"*"}}"#
            let diagnostics = check(text).diagnostics
            XCTAssertEqual(diagnostics.map(\.severity), [.error], typo)
            XCTAssertEqual(diagnostics.first?.fixIt, "did you mean '\(fix)'?", typo)
        }
    }
}
