import RoleGenCore
import XCTest

final class YAMLFrontEndTests: XCTestCase {
    func testNodesKeepMarks() throws {
        let text = "a:\n  - b: 'x'\n  - c\n"
        let root = try XCTUnwrap(YAMLReader.read(Array(text.utf8), file: "f.yaml").root)
        let list = try XCTUnwrap(root.pairs?.first?.value)
        XCTAssertEqual(list.range.start.line, 2)
        XCTAssertEqual(list.range.start.column, 3)
        let scalar = try XCTUnwrap(list.items?[0].pairs?[0].value)
        XCTAssertEqual(scalar.scalar, Node.Scalar("x", style: .singleQuoted))
        XCTAssertEqual(scalar.range.start, SourceLocation(line: 2, column: 8, offset: 10))
        XCTAssertEqual(scalar.range.end, SourceLocation(line: 2, column: 11, offset: 13))
    }

    func testByteOffsetsCountUTF8Bytes() throws {
        let text = "é: ünï\nk: v\n"
        let root = try XCTUnwrap(YAMLReader.read(Array(text.utf8), file: "f.yaml").root)
        let value = try XCTUnwrap(root.pairs?[0].value)
        XCTAssertEqual(value.range.start, SourceLocation(line: 1, column: 4, offset: 4))
        XCTAssertEqual(root.pairs?[1].key.range.start, SourceLocation(line: 2, column: 1, offset: 10))
    }

    func testDuplicateKeyPointsAtBoth() {
        let result = compile("version: 1\nroles: []\nroles: []\n")
        assertErrors(result.diagnostics, [(.duplicateKey, 3, 1)])
        XCTAssertEqual(result.diagnostics.first?.notes.first?.range?.start.line, 2)
    }

    /// Short mappings check keys by list, long ones by table: both find every duplicate.
    func testDuplicateKeysInLongMappings() {
        for count in [3, 16, 17, 40] {
            let keys = (0..<count).map { "k\($0): \($0)" } + ["k\(count - 1): again", "k0: again", "<<: {k1: merged, fresh: merged}"]
            let result = YAMLReader.read(Array(("{" + keys.joined(separator: ", ") + "}").utf8), file: "t.yaml")
            XCTAssertEqual(result.diagnostics.map(\.code), [.duplicateKey, .duplicateKey], "\(count) keys")
            let pairs = result.root?.pairs ?? []
            XCTAssertEqual(pairs.map { $0.key.scalar?.value ?? "" }, (0..<count).map { "k\($0)" } + ["fresh"], "\(count) keys")
            XCTAssertEqual(pairs[1].value.scalar?.value, "1", "explicit keys win over merged ones")
        }
    }

    func testTabIndentation() {
        assertErrors(compile("version: 1\nroles:\n\t- name: x\n").diagnostics, [(.tabIndentation, 3, 1)])
    }

    func testByteOrderMark() {
        assertErrors(compile(bytes: [0xEF, 0xBB, 0xBF] + Array("version: 1\n".utf8)).diagnostics, [(.byteOrderMark, 1, 1)])
    }

    func testUTF16() {
        assertErrors(compile(bytes: [0xFF, 0xFE, 0x76, 0x00]).diagnostics, [(.encoding, 1, 1)])
    }

    /// libyaml points at the byte that breaks the sequence: here the trailing 0x28.
    func testInvalidUTF8() {
        assertErrors(compile(bytes: Array("version: 1\nroles: \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)).diagnostics,
                     [(.encoding, 2, 10)])
    }

    func testNULByte() {
        let result = compile(bytes: Array("version: 1\nx: a".utf8) + [0] + Array("b\n".utf8))
        assertErrors(result.diagnostics, [(.encoding, 2, 5)])
        XCTAssertTrue(result.diagnostics[0].message.contains("U+0000"))
    }

    func testSyntaxError() {
        assertErrors(compile("version: 1\nroles: [a, b\n").diagnostics, [(.yamlSyntax, 3, 1)])
    }

    func testBillionLaughsEndsQuickly() {
        var text = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        for i in 1...12 {
            let name = String(UnicodeScalar(97 + i)!), previous = String(UnicodeScalar(96 + i)!)
            text += "\(name): &\(name) [" + Array(repeating: "*" + previous, count: 10).joined(separator: ",") + "]\n"
        }
        let start = Date()
        let result = compile(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
        XCTAssertEqual(result.diagnostics.map(\.code), [.aliasExpansion])
    }

    func testDeepNesting() {
        let result = compile(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        assertErrors(result.diagnostics, [(.nestingTooDeep, 1, 65)])
        let mappings = String(repeating: "{a: ", count: 10_000) + "b" + String(repeating: "}", count: 10_000)
        XCTAssertEqual(compile(mappings).diagnostics.map(\.code), [.nestingTooDeep])
    }

    func testLimitsAreConfigurable() {
        let limits = YAMLLimits(maxInputBytes: 10)
        XCTAssertEqual(compile("version: 1\n", limits: limits).diagnostics.map(\.code), [.inputTooLarge])
        let scalarLimits = YAMLLimits(maxScalarBytes: 8)
        assertErrors(compile("version: 1\nx: abcdefghij\n", limits: scalarLimits).diagnostics, [(.scalarTooLong, 2, 4)])
    }

    func testAliasesAndMergeKeys() throws {
        let text = """
        version: 1
        common: &common
          trust:
            - service: ec2.amazonaws.com
          path: /base/
        roles:
          - <<: *common
            name: one
          - <<: *common
            name: two
            path: /own/
        """
        let root = try XCTUnwrap(YAMLReader.read(Array(text.utf8), file: "f.yaml").root)
        let roles = try XCTUnwrap(root.pairs?.first { $0.key.scalar?.value == "roles" }?.value.items)
        XCTAssertEqual(roles[0].pairs?.map { $0.key.scalar!.value }, ["name", "trust", "path"])
        XCTAssertEqual(roles[1].pairs?.first { $0.key.scalar?.value == "path" }?.value.scalar?.value, "/own/")
    }

    func testInvalidMergeValue() {
        assertErrors(compile("version: 1\nroles:\n  - <<: 3\n    name: x\n").diagnostics, [(.invalidMergeKey, 3, 9)])
    }

    func testRecursiveAlias() {
        assertErrors(compile("version: 1\na: &a [1, *a]\n").diagnostics, [(.undefinedAlias, 2, 11)])
    }

    func testMultipleDocuments() {
        assertErrors(compile("version: 1\n---\nversion: 1\n").diagnostics, [(.multipleDocuments, 2, 1)])
    }

    func testEmptyFile() {
        assertErrors(compile("# only a comment\n").diagnostics, [(.emptyDocument, 1, 1)])
        assertErrors(compile("").diagnostics, [(.emptyDocument, 1, 1)])
    }

    func testUnsupportedTag() {
        assertErrors(compile("version: 1\nroles: !Ref x\n").diagnostics, [(.unsupportedTag, 2, 8)])
    }
}
