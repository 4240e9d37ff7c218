import PolicyCheck
import RoleGenCore
import XCTest

/// Condition keys against the statement's actions (RG1332, RG1333) and the grading of names
/// the catalog lacks (RG1103, RG1105, RG1212, RG1306), beyond the per-check examples.
final class ConditionSupportTests: XCTestCase {
    func diagnostics(_ statements: String...) -> [Diagnostic] {
        let text = #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
        let read = YAMLReader.read(Array(text.utf8), file: "policy.json")
        return PolicyFile.check(try! XCTUnwrap(read.root), isJSON: true, kind: .identity, text: text).diagnostics
    }

    func statement(_ effect: String = "Allow", action: String, _ condition: String) -> String {
        #"{"Effect":"\#(effect)","Action":\#(action),"Resource":"*","Condition":{\#(condition)}}"#
    }

    func support(_ effect: String = "Allow", action: String, _ condition: String) -> [Diagnostic] {
        diagnostics(statement(effect, action: action, condition)).filter { $0.code == .conditionKeyUnsupportedByActions || $0.code == .conditionKeyUnsupportedBySomeActions }
    }

    func testWhatTheStatementThenDoes() {
        let storageClass = #""StringEquals":{"s3:x-amz-storage-class":"STANDARD"}"#
        let allow = support(action: #""s3:ListBucket""#, storageClass)
        XCTAssertEqual(allow.map(\.severity), [.warning])
        XCTAssertEqual(allow.first?.message, "no action of the statement supports s3:x-amz-storage-class, so it is absent from every request: the condition never matches and the statement grants nothing")
        XCTAssertEqual(allow.first?.fixIt, "s3:x-amz-storage-class applies to s3:BypassGovernanceRetention, s3:PutObject, s3:PutObjectAcl, …")
        XCTAssertEqual(allow.first?.range?.start.column, 125, "at the key")
        XCTAssertEqual(support("Deny", action: #""s3:ListBucket""#, storageClass).first?.message,
                       "no action of the statement supports s3:x-amz-storage-class, so it is absent from every request: the condition never matches and the statement denies nothing")
        // Negated operators, ForAllValues and Null true match an absent key.
        XCTAssertEqual(support("Deny", action: #""s3:ListBucket""#, #""StringNotEquals":{"s3:x-amz-storage-class":"STANDARD"}"#).first?.message,
                       "no action of the statement supports s3:x-amz-storage-class, so it is absent from every request: the condition always matches and the statement denies its actions unconditionally")
        XCTAssertEqual(support(action: #""kms:DescribeKey""#, #""ForAllValues:StringEquals":{"aws:TagKeys":"team"}"#).first?.message,
                       "no action of the statement supports aws:TagKeys, so it is absent from every request: the condition always matches and restricts nothing")
        XCTAssertEqual(support(action: #""s3:GetObject""#, #""Null":{"s3:x-amz-storage-class":"true"}"#).first?.message,
                       "no action of the statement supports s3:x-amz-storage-class, so it is absent from every request: the condition always matches and restricts nothing")
        // Null with both values depends on them: not judged.
        XCTAssertEqual(support(action: #""s3:GetObject""#, #""Null":{"s3:x-amz-storage-class":["true","false"]}"#).map(\.code), [])
    }

    func testMissingActionIsNamedFromTheKeysService() {
        let found = support(action: #""s3:GetObject""#, #""StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}"#)
        XCTAssertEqual(found.map(\.code), [.conditionKeyUnsupportedByActions])
        XCTAssertEqual(found.first?.fixIt, "iam:PassedToService applies to iam:PassRole")
    }

    func testSomeActionsLackingTheKeyIsANote() {
        let found = support(action: #"["s3:PutObject","s3:ListBucket","s3:GetObject"]"#, #""StringEquals":{"s3:x-amz-storage-class":"STANDARD"}"#)
        XCTAssertEqual(found.map(\.severity), [.note])
        XCTAssertEqual(found.first?.message,
                       "2 of the statement's 3 actions do not support s3:x-amz-storage-class (s3:ListBucket, s3:GetObject); for them the condition never matches, so the statement does not allow them")
        XCTAssertEqual(support("Deny", action: #"["s3:PutObject","s3:ListBucket"]"#, #""StringNotEquals":{"s3:x-amz-storage-class":"STANDARD"}"#).first?.message,
                       "1 of the statement's 2 actions do not support s3:x-amz-storage-class (s3:ListBucket); for them the condition always matches, so the statement denies them whatever the key would hold")
    }

    func testWildcardsAndWhatIsNotJudged() {
        let storageClass = #""StringEquals":{"s3:x-amz-storage-class":"STANDARD"}"#
        // A wildcard of which no action supports the key is judged like one action.
        XCTAssertEqual(support(action: #""s3:List*""#, storageClass).map(\.code), [.conditionKeyUnsupportedByActions])
        XCTAssertEqual(support(action: #""s3:*""#, storageClass).map(\.code), [])
        XCTAssertEqual(support(action: #""*""#, storageClass).map(\.code), [])
        XCTAssertEqual(support(action: #""*code*:Get*""#, storageClass).map(\.code), [])
        // NotAction: only the tag keys, which whole services lack.
        XCTAssertEqual(diagnostics(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*","Condition":{\#(storageClass)}}"#)
                        .filter { $0.code == .conditionKeyUnsupportedBySomeActions }.map(\.code), [])
        // Actions only botocore knows, and actions no source knows, carry no keys to judge.
        XCTAssertEqual(support(action: #""access-analyzer:GetFindingV2""#, #""StringEquals":{"access-analyzer:Frob":"x"}"#).map(\.code), [])
        XCTAssertEqual(support(action: #"["access-analyzer:GetFindingV2","s3:ListBucket"]"#, storageClass).map(\.severity), [.note])
        // Global keys other than the tag keys apply to every action.
        XCTAssertEqual(support(action: #""s3:ListBucket""#, #""StringEquals":{"aws:PrincipalTag/team":"blue","aws:SourceVpce":"vpce-1a2b3c4d"}"#).map(\.code), [])
        // A tag key without its tag is RG1309 only.
        XCTAssertEqual(support(action: #""s3:ListBucket""#, #""StringEquals":{"aws:ResourceTag/":"blue"}"#).map(\.code), [])
        // Identity provider keys are not in the catalog.
        XCTAssertEqual(support(action: #""s3:ListBucket""#, #""StringEquals":{"accounts.google.com:aud":"app"}"#).map(\.code), [])
    }

    func testOneFindingPerKeyAndStatement() {
        let found = support(action: #""kms:DescribeKey""#, #""ForAnyValue:StringEquals":{"aws:TagKeys":"team"},"Null":{"aws:TagKeys":"false"}"#)
        XCTAssertEqual(found.count, 1)
    }

    func testTrustPolicyKeys() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}},{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Corp"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}"#
        let read = YAMLReader.read(Array(text.utf8), file: "trust.json")
        XCTAssertEqual(PolicyFile.check(try! XCTUnwrap(read.root), isJSON: true, kind: .trust, text: text).diagnostics.map(\.code), [])
    }

    // MARK: Names the catalog lacks

    func graded(_ statement: String) -> [String] {
        diagnostics(statement).filter { [.unknownActionService, .unknownAction, .unknownARNService, .unknownServiceConditionKey].contains($0.code) }
            .map { "\($0.code.id) \($0.severity.rawValue)" }
    }

    func testUnknownNamesAreErrors() {
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"frobozz:ListThings","Resource":"*"}"#), ["RG1103 error"])
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"s3:FrobnicateEverything","Resource":"*"}"#), ["RG1105 error"])
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:frobozz:::thing"}"#), ["RG1212 error"])
        XCTAssertEqual(graded(statement(action: #""s3:GetObject""#, #""StringEquals":{"s3:FrobnicationLevel":"high"}"#)), ["RG1306 error"])
        XCTAssertEqual(graded(statement(action: #""s3:GetObject""#, #""StringEquals":{"frobozz:Level":"high"}"#)), ["RG1306 error"])
        let message = diagnostics(#"{"Effect":"Allow","Action":"frobozz:ListThings","Resource":"*"}"#).first?.message ?? ""
        XCTAssertTrue(message.hasSuffix("and no AWS managed policy names it"), message)
    }

    func testRetiredServicesWarn() {
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"deepracer:ListModels","Resource":"*"}"#), ["RG1103 warning"])
        XCTAssertEqual(graded(statement(action: #""s3:GetObject""#, #""StringEquals":{"iot1click:Thing":"x"}"#)), ["RG1306 warning"])
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:zocalo:us-east-1:123456789012:x"}"#), ["RG1212 warning"])
        let message = diagnostics(#"{"Effect":"Allow","Action":"zocalo:DescribeUsers","Resource":"*"}"#).first?.message
        XCTAssertEqual(message, "service prefix 'zocalo' is not in the catalog; Amazon WorkDocs (zocalo, its first prefix) is retired and the Service Authorization Reference no longer lists it")
    }

    func testNamesAWSManagedPoliciesUseWarn() {
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"aws-external-anthropic:Anything","Resource":"*"}"#), ["RG1103 warning"])
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"SecurityAgent:ListTasks","Resource":"*"}"#), ["RG1105 warning"])
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:aws-external-anthropic:us-east-1:123456789012:x"}"#), ["RG1212 warning"])
        XCTAssertEqual(graded(statement(action: #""lakeformation:GetDataAccess""#, #""StringEquals":{"lakeformation:GlueARN":"x"}"#)), ["RG1306 warning"])
        // Another action of the same service is not vouched for.
        XCTAssertEqual(graded(#"{"Effect":"Allow","Action":"securityagent:FrobnicateTasks","Resource":"*"}"#), ["RG1105 error"])
    }
}
