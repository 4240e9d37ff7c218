import Foundation
import PolicyLint
import XCTest

/// docs/rules.md is generated from the rule descriptions; this test keeps them in step
/// (ROLEGEN_RECORD=1 rewrites the file).
final class RuleDocumentationTests: XCTestCase {
    func testRulesDocumentationIsCurrent() throws {
        let text = RuleDocumentation.markdown()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/rules.md")
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), text, "run ROLEGEN_RECORD=1 scripts/test")
    }

    func testJSONListsEveryRuleWithAccessAnalyzerCodes() throws {
        let data = Data(RuleDocumentation.json().utf8)
        let rules = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["code"] as? String }, RuleDocumentation.descriptions.map(\.id))
        for rule in rules {
            XCTAssertNotNil(rule["access_analyzer"] as? [String])
            XCTAssertNotNil(rule["severity"] as? String)
        }
    }

    func testExplainShowsRationaleAndExamples() {
        let description = RuleDocumentation.descriptions[0]
        let text = RuleDocumentation.explain(description)
        XCTAssertTrue(text.hasPrefix("\(description.id) \(description.name)"))
        XCTAssertTrue(text.contains(description.rationale))
        XCTAssertTrue(text.contains("↓"))
    }
}
