import PolicyCheck
import XCTest

/// docs/checks.md is generated from the check descriptions; this test keeps them in step
/// (ROLEGEN_RECORD=1 rewrites the file).
final class ChecksDocumentationTests: XCTestCase {
    func testCoverageAccountsForEveryErrorCheck() {
        XCTAssertEqual(AccessAnalyzerCoverage.errorChecks.count, 79)
        XCTAssertEqual(Set(AccessAnalyzerCoverage.errorChecks).count, 79)
        for issue in AccessAnalyzerCoverage.errorChecks {
            let covered = !AccessAnalyzerCoverage.checks(for: issue).isEmpty || AccessAnalyzerCoverage.elsewhere[issue] != nil
            let excused = AccessAnalyzerCoverage.notCovered[issue] != nil
            XCTAssertTrue(covered != excused, "\(issue): covered \(covered), excused \(excused); exactly one must hold")
        }
    }

    func testDocumentationIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/checks.md")
        let text = AccessAnalyzerCoverage.markdown()
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), text, "run ROLEGEN_RECORD=1 scripts/test")
    }
}
