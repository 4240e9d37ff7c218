import AWSCatalog
import XCTest

/// The generated service principal and partition tables, and how a written value is judged.
final class ServicePrincipalAndRegionTests: XCTestCase {
    func testKnownServicePrincipals() {
        for principal in ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "cloudfront.amazonaws.com", "ssm-incidents.amazonaws.com",
                          "ec2.amazonaws.com.cn", "states.us-east-1.amazonaws.com", "logs.eu-west-1.amazonaws.com",
                          "delivery.logs.amazonaws.com", "alexa-appkit.amazon.com"] {
            XCTAssertEqual(ServicePrincipals.check(principal), .known, principal)
        }
    }

    func testNearMissesAreMisspelt() {
        XCTAssertEqual(ServicePrincipals.check("lamda.amazonaws.com"), .misspelt("lambda.amazonaws.com"))
        XCTAssertEqual(ServicePrincipals.check("cloudtrial.amazonaws.com"), .misspelt("cloudtrail.amazonaws.com"))
        XCTAssertEqual(ServicePrincipals.check("lamda.amazonaws.com.cn"), .misspelt("lambda.amazonaws.com.cn"))
        XCTAssertEqual(ServicePrincipals.check("lamda.us-east-1.amazonaws.com"), .misspelt("lambda.us-east-1.amazonaws.com"))
    }

    func testFarNamesAreUnknown() {
        XCTAssertEqual(ServicePrincipals.check("quantum-ledger.amazonaws.com"), .unknown(nil))
        // Three edits from a known name: a suggestion, but no certain typo.
        guard case .unknown(let close) = ServicePrincipals.check("sagemakerzzz.amazonaws.com") else {
            return XCTFail("sagemakerzzz is no near miss")
        }
        XCTAssertEqual(close, "sagemaker.amazonaws.com")
    }

    func testTablesAreSortedAndHaveTheirSources() {
        XCTAssertEqual(ServicePrincipalData.names, ServicePrincipalData.names.sorted())
        XCTAssertGreaterThan(ServicePrincipals.count, 400)
        XCTAssertTrue(ServicePrincipals.source.hasPrefix("moto "), ServicePrincipals.source)
        XCTAssertTrue(Regions.source.hasPrefix("botocore "), Regions.source)
        XCTAssertGreaterThan(Regions.count, 40)
        XCTAssertEqual(Set(Regions.partitions), ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"])
    }

    func testRegionsBelongToOnePartition() {
        XCTAssertEqual(Regions.partition(of: "us-east-1"), "aws")
        XCTAssertEqual(Regions.partition(of: "cn-north-1"), "aws-cn")
        XCTAssertEqual(Regions.partition(of: "us-gov-west-1"), "aws-us-gov")
        XCTAssertNil(Regions.partition(of: "us-east-7"))
        XCTAssertNil(Regions.partition(of: "aws-global"), "pseudo-regions are no ARN regions")
    }

    func testRegionSuggestionsPreferThePartitionUnlessAnotherIsCloser() {
        XCTAssertEqual(Regions.closest(to: "us-east-7", inPartition: "aws"), "us-east-1")
        XCTAssertEqual(Regions.closest(to: "us-north-9", inPartition: nil), "eu-north-1")
        XCTAssertEqual(Regions.closest(to: "cn-north-9", inPartition: "aws"), "cn-north-1")
        XCTAssertEqual(Regions.closest(to: "cn-nort-1", inPartition: "aws-cn"), "cn-north-1")
    }
}
