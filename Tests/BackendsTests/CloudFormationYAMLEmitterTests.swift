@testable import Backends
import XCTest

/// rolegen's YAML emitter (Sources/Backends/Support), which writes template.yaml. Expected
/// texts are exact; CloudFormationToolTests reads the emitter's output back with PyYAML.
final class CloudFormationYAMLEmitterTests: XCTestCase {
    func testScalarsArePlainOnlyWhenNothingElseCouldBeMeant() {
        let cases: [(String, String)] = [
            // Plain: nothing to misread.
            ("plain", "plain"), ("s3:GetObject", "s3:GetObject"), ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*"),
            ("AWS::AccountId", "AWS::AccountId"), ("/", "/"), ("/app/", "/app/"), ("a-b_c.d", "a-b_c.d"), (#"back\slash"#, #"back\slash"#),
            ("Web application servers (EC2)", "Web application servers (EC2)"), ("x#y", "x#y"), ("a:b", "a:b"),
            // YAML 1.1 booleans and nulls, in any case.
            ("no", "'no'"), ("No", "'No'"), ("NO", "'NO'"), ("yes", "'yes'"), ("on", "'on'"), ("Off", "'Off'"), ("y", "'y'"), ("N", "'N'"),
            ("true", "'true'"), ("False", "'False'"), ("null", "'null'"), ("NULL", "'NULL'"), ("~", "'~'"), ("", "''"),
            // Numbers, dates and sexagesimals.
            ("0123", "'0123'"), ("111122223333", "'111122223333'"), ("0x1F", "'0x1F'"), ("1_000", "'1_000'"), ("1e3", "'1e3'"),
            (".5", "'.5'"), ("+1", "'+1'"), ("-1", "'-1'"), (".inf", "'.inf'"), ("12:30", "'12:30'"), ("2012-10-17", "'2012-10-17'"),
            // Indicators.
            ("*", "'*'"), (":", "':'"), ("#", "'#'"), ("-", "'-'"), ("- x", "'- x'"), ("?", "'?'"), ("&a", "'&a'"), ("!Ref", "'!Ref'"),
            ("|", "'|'"), (">", "'>'"), ("%x", "'%x'"), ("@x", "'@x'"), ("`x", "'`x'"), ("<<", "'<<'"), ("=", "'='"), ("---", "'---'"),
            ("a: b", "'a: b'"), ("a #b", "'a #b'"), ("key:", "'key:'"), ("[x]", "'[x]'"), ("{x}", "'{x}'"), ("a,b", "'a,b'"),
            ("${aws:username}", "'${aws:username}'"), (" leading", "' leading'"), ("trailing ", "'trailing '"),
            // Quotes.
            ("'", "''''"), ("\"", #"'"'"#), ("it's", "it's"), ("say \"hi\"", #"say "hi""#),
            // Beyond ASCII: quoted, written as UTF-8 when YAML can carry the character.
            ("café", "'café'"), ("東京 ✓", "'東京 ✓'"), ("𝄞", "'𝄞'"), ("nbsp\u{A0}", "'nbsp\u{A0}'"),
            // Line breaks, controls, YAML 1.1 line separators and the BOM: double-quoted escapes.
            ("line\nbreak", #""line\nbreak""#), ("tab\there", #""tab\there""#), ("cr\r", #""cr\r""#), ("bell\u{07}", #""bell\x07""#),
            ("del\u{7F}", #""del\x7F""#), ("nel\u{85}", #""nel\x85""#), ("ls\u{2028}", #""ls\u2028""#), ("ps\u{2029}", #""ps\u2029""#),
            ("\u{FEFF}bom", #""\uFEFFbom""#), ("q\"\\\n", #""q\"\\\n""#),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(YAMLEmitter.scalar(value), expected, "scalar \(value.debugDescription)")
        }
    }

    func testDocumentLayout() {
        let node: YAMLNode = .mapping([
            ("Key", .string("value")),
            ("no", .string("0123")),
            ("Empty", .mapping([])),
            ("List", .sequence([
                .string("a"),
                .mapping([("X", .integer(1)), ("Y", .bool(true)), ("Z", .sequence([.string("*")]))]),
                .sequence([.string("n"), .string("m")]),
                .tagged("!Ref", .string("Resource")),
                .tagged("!Equals", .sequence([.string("a"), .string("b")])),
                .sequence([]),
            ])),
            ("Condition", .tagged("!Equals", .sequence([.tagged("!Ref", .string("AWS::AccountId")), .string("111122223333")]))),
            ("Sub", .tagged("!Sub", .string("arn:aws:iam::${Account}:root"))),
            ("Nested", .mapping([("Inner", .sequence([])), ("Deeper", .mapping([("Leaf", .integer(-5))]))])),
        ])
        XCTAssertEqual(YAMLEmitter.emit(node, header: ["Generated.", "two\nlines"]), """
        # Generated.
        # two?lines
        Key: value
        'no': '0123'
        Empty: {}
        List:
          - a
          - X: 1
            'Y': true
            Z:
              - '*'
          - - 'n'
            - m
          - !Ref Resource
          - !Equals
            - a
            - b
          - []
        Condition: !Equals
          - !Ref AWS::AccountId
          - '111122223333'
        Sub: !Sub 'arn:aws:iam::${Account}:root'
        Nested:
          Inner: []
          Deeper:
            Leaf: -5

        """)
    }

    func testLongKeysUseTheExplicitForm() {
        let key = String(repeating: "k", count: 1001)
        XCTAssertEqual(YAMLEmitter.emit(.mapping([(key, .string("v")), ("short", .mapping([(key, .sequence([.string("x")]))]))])), """
        ? \(key)
        : v
        short:
          ? \(key)
          :
            - x

        """)
    }

    func testTopLevelScalarsAndEmptyCollections() {
        XCTAssertEqual(YAMLEmitter.emit(.string("yes")), "'yes'\n")
        XCTAssertEqual(YAMLEmitter.emit(.mapping([])), "{}\n")
        XCTAssertEqual(YAMLEmitter.emit(.sequence([.string("a")])), "- a\n")
    }
}
