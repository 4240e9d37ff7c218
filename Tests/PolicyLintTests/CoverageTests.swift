@testable import PolicyLint
import RoleGenCore
import XCTest

/// `Wildcard.redundant` takes shortcuts on long lists (hashing equal items, grouping
/// wildcards by scope); it must find what testing every pair finds.
final class CoverageTests: XCTestCase {
    /// The first item of the list that covers each item, testing every pair.
    private func everyPair(_ patterns: [CoveragePattern]) -> [Int?] {
        patterns.indices.map { b in
            patterns.indices.first { a in
                a != b && patterns[a].covers(patterns[b]) && (a < b || !patterns[b].covers(patterns[a]))
            }
        }
    }

    private func check(_ items: [String], pattern: (String) -> CoveragePattern, file: StaticString = #filePath, line: UInt = #line) {
        let values = items.enumerated().map { index, item in
            Located(item, SourceRange(file: "t", start: .init(line: index + 1, column: 1, offset: 0), end: .init(line: index + 1, column: 2, offset: 1)))
        }
        let patterns = items.map(pattern)
        let found = Wildcard.redundant(patterns, in: values)
        let expected = everyPair(patterns).enumerated().compactMap { b, a in a.map { (b, $0) } }
        XCTAssertEqual(found.map { "\($0.item.range.start.line - 1)<\($0.coveredBy.range.start.line - 1)" },
                       expected.map { "\($0.0)<\($0.1)" }, file: file, line: line)
    }

    func testLongActionListsMatchEveryPair() {
        var actions: [String] = []
        for service in ["s3", "ec2", "iam", "s3-outposts"] {
            actions += ["Get*", "GetObject", "getobject", "List*", "ListBuckets", "Describe?nstances", "DescribeInstances", "*Tag*", "PutObject"]
                .map { "\(service):\($0)" }
        }
        actions += ["s3*:GetObject", "*:Describe*", "ec2:*", "S3:GETOBJECT", "iam:PassRole", "iam:PassRole"]
        XCTAssertGreaterThan(actions.count, 16, "the long-list path")
        check(actions, pattern: CoveragePattern.init(action:))
        check(Array(actions.reversed()), pattern: CoveragePattern.init(action:))
        check(actions + ["*"], pattern: CoveragePattern.init(action:))
    }

    func testLongResourceListsMatchEveryPair() {
        var resources: [String] = []
        for bucket in ["a", "b", "c"] {
            resources += ["arn:aws:s3:::\(bucket)", "arn:aws:s3:::\(bucket)/*", "arn:aws:s3:::\(bucket)/key", "arn:aws:s3:::\(bucket)/key"]
        }
        resources += ["arn:aws:*:::a/*", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/app",
                      "arn:aws:iam::*:role/app", "arn:aws:s3:::*", "not-an-arn", "not-an-arn", "arn:aws:s3:::a:b"]
        XCTAssertGreaterThan(resources.count, 16, "the long-list path")
        check(resources, pattern: CoveragePattern.init(resource:))
        check(Array(resources.reversed()), pattern: CoveragePattern.init(resource:))
        check(resources + ["*"], pattern: CoveragePattern.init(resource:))
    }
}
