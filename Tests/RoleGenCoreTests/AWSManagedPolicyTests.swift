import XCTest
@testable import RoleGenCore

final class AWSManagedPolicyTests: XCTestCase {
    func testEveryPolicyDocumentReadsIntoTheModel() {
        XCTAssertGreaterThan(AWSManagedPolicy.count, 1000)
        var statements = 0
        for name in AWSManagedPolicy.names {
            guard let policy = AWSManagedPolicy.named(name) else { return XCTFail("\(name) does not read") }
            XCTAssertEqual(policy.name, name)
            XCTAssertFalse(policy.document.statements.isEmpty, name)
            XCTAssertTrue(policy.versionID.hasPrefix("v"), name)
            statements += policy.document.statements.count
        }
        XCTAssertGreaterThan(statements, AWSManagedPolicy.count)
    }

    func testAmazonS3FullAccessGrantsEveryS3Action() throws {
        let policy = try XCTUnwrap(AWSManagedPolicy.named("AmazonS3FullAccess"))
        XCTAssertEqual(policy.path, "/")
        let actions = policy.document.statements.flatMap { $0.action?.values.map(\.value) ?? [] }
        XCTAssertTrue(actions.contains("s3:*"), "\(actions)")
        XCTAssertEqual(policy.document.range.file, "arn:aws:iam::aws:policy/AmazonS3FullAccess")
    }

    func testPathsAndUnknownNames() {
        XCTAssertEqual(AWSManagedPolicy.path(of: "ViewOnlyAccess"), "/job-function/")
        XCTAssertEqual(AWSManagedPolicy.path(of: "AWSLambdaBasicExecutionRole"), "/service-role/")
        XCTAssertNil(AWSManagedPolicy.named("NoSuchPolicy"))
        XCTAssertNil(AWSManagedPolicy.named("amazons3fullaccess"), "names are case-sensitive in IAM")
        XCTAssertEqual(AWSManagedPolicy.names, AWSManagedPolicy.names.sorted())
    }
}
