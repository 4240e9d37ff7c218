import RoleGenCore
import XCTest

/// `.json` inputs are strict JSON, as IAM's parser reads them (issue 17): each departure is
/// found at its exact position, with a fix.
final class JSONSyntaxTests: XCTestCase {
    private func problem(_ text: String) -> (String, Int, Int)? {
        JSONSyntax.check(Array(text.utf8), file: "p.json").map { ($0.message, $0.range!.start.line, $0.range!.start.column) }
    }

    private func assertProblem(_ text: String, _ message: String, line: Int = 1, column: Int, file: StaticString = #filePath, lineNumber: UInt = #line) {
        guard let found = problem(text) else { return XCTFail("no problem found in \(text)", file: file, line: lineNumber) }
        XCTAssertTrue(found.0.contains(message), "\(found.0)", file: file, line: lineNumber)
        XCTAssertEqual([found.1, found.2], [line, column], text, file: file, line: lineNumber)
    }

    func testValidJSONPasses() {
        for text in [
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
            "{\n  \"a\": [1, -2.5e+3, 0, true, false, null, \"\\u00e9\\n\\\"\\/\"],\n  \"b\": {}\n}\n",
            "\u{FEFF}{\"a\": []}", "[]", "\"s\"", "0",
        ] {
            XCTAssertNil(problem(text), text)
        }
    }

    func testWhatYAMLWouldAcceptIsRefused() {
        assertProblem("{'Version': '2012-10-17'}", "single-quoted string", column: 2)
        assertProblem(#"{"Version": "2012-10-17", Statement: []}"#, "object key 'Statement' is not quoted", column: 27)
        assertProblem("{\n  // a comment\n  \"a\": 1\n}", "comments are not allowed", line: 2, column: 3)
        assertProblem("{\"a\": 1 # note\n}", "comments are not allowed", column: 9)
        assertProblem(#"{"a": [1, 2,], "b": 1}"#, "trailing comma", column: 12)
        assertProblem(#"{"a": 1,}"#, "trailing comma", column: 8)
        assertProblem(#"{"a": NaN}"#, "NaN and Infinity", column: 7)
        assertProblem(#"{"a": -Infinity}"#, "NaN and Infinity", column: 7)
        assertProblem(#"{"a": "x\'y"}"#, #"'\'' is not a JSON escape"#, column: 9)
        assertProblem(#"{"a": "\u12"}"#, "four hex digits", column: 8)
        assertProblem("{\"a\": \"x\ty\"}", "control character U+0009", column: 9)
        assertProblem(#"{"a": 01}"#, "leading zero", column: 7)
        assertProblem(#"{"a": .5}"#, "unexpected '.'", column: 7)
        assertProblem(#"{"a": 5.}"#, "malformed number", column: 7)
        assertProblem(#"{"a": 1} {"b": 2}"#, "text after the end", column: 10)
        assertProblem(#"{"a": 1"#, "the file ends where '}'", column: 8)
        assertProblem(#"{"a": "x"#, "string is not closed", column: 7)
        assertProblem(#"{"a": tru}"#, "unexpected 't'", column: 7)
        assertProblem("", "holds no JSON value", column: 1)
    }

    /// Columns count characters, as in every other diagnostic.
    func testColumnsCountCharacters() {
        assertProblem(#"{"é✓": 'x'}"#, "single-quoted", column: 8)
    }

    /// Nesting a million deep is scanned without recursion.
    func testDeepNestingEndsInADiagnostic() {
        let deep = String(repeating: "[", count: 1_000_000)
        assertProblem(deep, "the file ends where", column: 1_000_001)
        XCTAssertNil(problem(deep + String(repeating: "]", count: 1_000_000)))
    }
}
