import Foundation
@testable import RoleGenCore
import XCTest

/// docs/diagnostics.md is generated from `DiagnosticCode.all`; this test keeps them in step
/// (ROLEGEN_RECORD=1 rewrites the file).
final class DiagnosticCatalogTests: XCTestCase {
    /// SARIF rule names are the titles in PascalCase; an apostrophe joins its word.
    func testSARIFRuleNames() {
        XCTAssertEqual(SARIFDiagnosticFormatter.ruleName("operator does not fit the condition key's type"), "OperatorDoesNotFitTheConditionKeysType")
        XCTAssertEqual(SARIFDiagnosticFormatter.ruleName("wildcard in a principal"), "WildcardInAPrincipal")
        XCTAssertEqual(Set(DiagnosticCode.all.map { SARIFDiagnosticFormatter.ruleName($0.title) }).count, DiagnosticCode.all.count, "names are unique")
    }

    func testCodesAreUnique() {
        let ids = DiagnosticCode.all.map(\.id)
        XCTAssertEqual(ids.count, Set(ids).count)
    }

    func testDocumentationIsCurrent() throws {
        var text = """
        # Diagnostic codes

        Generated from `Sources/RoleGenCore/Diagnostics/DiagnosticCode.swift` by the test suite
        (`ROLEGEN_RECORD=1 scripts/test` rewrites it). Codes never change meaning once released.

        | code | meaning |
        | --- | --- |

        """
        for code in DiagnosticCode.all {
            text += "| \(code.id) | \(code.title) |\n"
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/diagnostics.md")
        if ProcessInfo.processInfo.environment["ROLEGEN_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), text, "run ROLEGEN_RECORD=1 scripts/test")
    }
}
