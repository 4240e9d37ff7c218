import AWSCatalog
import PolicyCheck
import RoleGenCore
import XCTest

/// Every check's examples are its tests: a triggering example must produce the check's code,
/// with the check's severity, at each `↓`; a non-triggering one must not produce the code.
final class CheckExampleTests: XCTestCase {
    struct Marked {
        var text: String
        var positions: [(line: Int, column: Int)]
    }

    /// Removes the `↓` markers, remembering the line and column (characters, 1-based) of each.
    static func strip(_ text: String) -> Marked {
        var out = ""
        var positions: [(Int, Int)] = []
        var line = 1, column = 1
        for character in text {
            if character == "↓" {
                positions.append((line, column))
                continue
            }
            out.append(character)
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Marked(text: out, positions: positions)
    }

    static func run(_ example: CheckExample) -> (Marked, [Diagnostic]) {
        let marked = strip(example.text)
        let read = YAMLReader.read(Array(marked.text.utf8), file: "example.json")
        guard let root = read.root else { return (marked, read.diagnostics) }
        let result = PolicyFile.check(root, isJSON: true, kind: example.kind, text: marked.text, resourceType: example.resourceType)
        return (marked, read.diagnostics + result.diagnostics)
    }

    func testTriggeringExamplesReportAtTheMarkers() {
        for check in PolicyChecks.all {
            XCTAssertFalse(check.triggering.isEmpty, "\(check.code) has no triggering example")
            for example in check.triggering {
                let (marked, diagnostics) = Self.run(example)
                XCTAssertFalse(marked.positions.isEmpty, "\(check.code): example without ↓ marker: \(example.text)")
                let found = diagnostics.filter { $0.code == check.code }
                for position in marked.positions {
                    let match = found.first { $0.range?.start.line == position.line && $0.range?.start.column == position.column }
                    XCTAssertNotNil(match, """
                        \(check.code) \(check.code.title): expected at \(position.line):\(position.column) in \(marked.text)
                        got: \(diagnostics.map { "\($0.code)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)" })
                        """)
                    if let match {
                        let expected: Severity = check.code == .missingQualifier && !example.text.contains("\"aws:") ? .warning : check.severity
                        XCTAssertEqual(match.severity, expected, "\(check.code) severity")
                    }
                }
            }
        }
    }

    func testNonTriggeringExamplesStayQuiet() {
        for check in PolicyChecks.all {
            XCTAssertFalse(check.nonTriggering.isEmpty, "\(check.code) has no non-triggering example")
            for example in check.nonTriggering {
                let (marked, diagnostics) = Self.run(example)
                XCTAssertTrue(marked.positions.isEmpty, "\(check.code): non-triggering example with a marker")
                let unexpected = diagnostics.filter { $0.code == check.code }
                XCTAssertTrue(unexpected.isEmpty, "\(check.code) fired on \(marked.text): \(unexpected.map(\.message))")
            }
        }
    }

    /// Every grammar code is described, once, with the severity its code documents.
    func testEveryGrammarCodeHasACheck() {
        let described = PolicyChecks.all.map(\.code.id)
        XCTAssertEqual(described.count, Set(described).count, "a code is described twice")
        let grammarCodes = DiagnosticCode.all.filter { $0.id.hasPrefix("RG1") }.map(\.id)
        XCTAssertEqual(Set(described), Set(grammarCodes))
        XCTAssertEqual(described, described.sorted(), "checks are listed in code order")
    }
}
