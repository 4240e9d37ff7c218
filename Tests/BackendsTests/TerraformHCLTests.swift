@testable import Backends
import XCTest

/// The HCL writer on its own: string escaping, the layout `terraform fmt` produces, object
/// keys, resource addresses and variable names. The end-to-end tests run the same output
/// through `terraform fmt -check`; these pin the exact text so a regression names its cause.
final class TerraformHCLTests: XCTestCase {
    // MARK: - Strings

    func testEscapesQuotesBackslashesAndLineBreaks() {
        XCTAssertEqual(HCL.escapeLiteral(#"say "hi" to C:\path"#), #"say \"hi\" to C:\\path"#)
        XCTAssertEqual(HCL.escapeLiteral("one\ntwo\r\tthree"), #"one\ntwo\r\tthree"#)
    }

    func testEscapesTemplateSequencesSoPolicyVariablesStayLiteral() {
        XCTAssertEqual(HCL.escapeLiteral("arn:aws:s3:::b/${aws:username}/*"), "arn:aws:s3:::b/$${aws:username}/*")
        XCTAssertEqual(HCL.escapeLiteral("%{if true}x%{endif}"), "%%{if true}x%%{endif}")
        // `$$` before `{` is HCL's escape and earlier `$` stay literal, so doubling the last
        // `$` keeps `$${HOME}` as the four characters `$${` + `HOME}`.
        XCTAssertEqual(HCL.escapeLiteral("$${HOME} and %%{x}"), "$$${HOME} and %%%{x}")
        XCTAssertEqual(HCL.escapeLiteral("$5, $$, 100% and a trailing $"), "$5, $$, 100% and a trailing $")
        XCTAssertEqual(HCL.escapeLiteral("${ and %{"), "$${ and %%{")
    }

    func testEscapesControlAndInvisibleCharactersButNotVisibleUnicode() {
        XCTAssertEqual(HCL.escapeLiteral("\u{0}\u{1B}\u{7F}\u{85}"), #"\u0000\u001B\u007F\u0085"#)
        // Bidirectional override, zero-width space, BOM, no-break space, line separator.
        XCTAssertEqual(HCL.escapeLiteral("a\u{202E}b\u{200B}c\u{FEFF}d\u{A0}e\u{2028}f"), #"a\u202Eb\u200Bc\uFEFFd\u00A0e\u2028f"#)
        XCTAssertEqual(HCL.escapeLiteral("\u{E000}\u{10FFFF}"), #"\uE000\U0010FFFF"#)
        XCTAssertEqual(HCL.escapeLiteral("Zürich ✓ 東京 😀 naïve"), "Zürich ✓ 東京 😀 naïve")
    }

    func testTemplatesInterpolateReferencesAndProtectADollarBeforeThem() {
        XCTAssertEqual(HCL.quoted([.literal("arn:aws:iam::"), .interpolation("var.account"), .literal(":root")]),
                       #""arn:aws:iam::${var.account}:root""#)
        // `$${` would be HCL's escape for a literal `${`: the `$` is written as `\u0024`.
        XCTAssertEqual(HCL.quoted([.literal("costs $"), .interpolation("var.amount"), .literal(" (${aws:username})")]),
                       #""costs \u0024${var.amount} ($${aws:username})""#)
        XCTAssertEqual(HCL.quoted([.literal("$$"), .interpolation("var.x")]), #""$\u0024${var.x}""#)
        XCTAssertEqual(HCLWriter.singleLine(.template([.interpolation("var.external_id")])), "var.external_id")
    }

    // MARK: - Layout

    func testAlignsConsecutiveOneLineAttributesLikeTerraformFmt() {
        let text = HCL.file([
            .block("resource", labels: ["aws_iam_role", "app"], [
                .attribute("name", .string("app")),
                .attribute("max_session_duration", .reference("3600")),
                .blankLine,
                .attribute("assume_role_policy", .call("jsonencode", [.object([
                    HCLObjectItem("Version", .string("2012-10-17")),
                    HCLObjectItem("Statement", .list([.object([HCLObjectItem("Effect", .string("Allow"))])])),
                ])])),
                .blankLine,
                .attribute("tags", .call("merge", [.reference("var.tags"), .object([
                    HCLObjectItem(key: .template([.literal("Zürich")]), .string("a")),
                    HCLObjectItem(key: .template([.literal("東京東京")]), .string("b")),
                    HCLObjectItem(key: .template([.literal("abcdefgh")]), .string("c")),
                ])])),
                .attribute("path", .string("/")),
            ]),
        ])
        // Widths count Unicode scalars, as hclwrite does; a line that opens a bracket ends a run.
        XCTAssertEqual(text, #"""
        resource "aws_iam_role" "app" {
          name                 = "app"
          max_session_duration = 3600

          assume_role_policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              {
                Effect = "Allow"
              },
            ]
          })

          tags = merge(var.tags, {
            "Zürich"   = "a"
            "東京東京"     = "b"
            "abcdefgh" = "c"
          })
          path = "/"
        }

        """#)
    }

    func testEmptyCollectionsAndBlocksStayOnOneLine() {
        let text = HCL.file(header: ["Generated\u{2028}header"], [
            .block("check", labels: ["account"], [.block("data", labels: ["aws_caller_identity", "current"], [])]),
            .block("output", labels: ["names"], [.attribute("value", .list([])), .attribute("map", .object([]))]),
        ])
        XCTAssertEqual(text, #"""
        # Generated\u2028header

        check "account" {
          data "aws_caller_identity" "current" {}
        }

        output "names" {
          value = []
          map   = {}
        }

        """#)
    }

    func testObjectKeysAreBareOnlyWhenHCLReadsThemAsNames() {
        XCTAssertTrue(HCL.isBareKey("Version"))
        XCTAssertTrue(HCL.isBareKey("StringEquals"))
        for key in ["for", "null", "true", "if", "aws:SourceArn", "ForAnyValue:StringLike", "1a", "a-b", "", "é"] {
            XCTAssertFalse(HCL.isBareKey(key), key)
        }
        let text = HCL.file([.block("locals", labels: [], [.attribute("x", .object([
            HCLObjectItem("for", .string("a")), HCLObjectItem("Bool", .string("b")),
        ]))])])
        XCTAssertTrue(text.contains(#"    "for" = "a""#) && text.contains(#"    Bool  = "b""#), text)
    }

    // MARK: - Names

    func testAddressesAreNamesWhenTheyAreIdentifiers() {
        for name in ["web-app-ec2", "App_Role", "_x", "a--b"] {
            XCTAssertEqual(TerraformNames.address(for: name), name)
        }
    }

    func testOtherNamesGetAStableHashAndNeverCollide() {
        let names = ["app.v2", "app+v2", "app_v2", "app-v2", "app@v2", "app=v2", "app,v2", "1role", "-role", "_1role"]
        let addresses = names.map(TerraformNames.address(for:))
        XCTAssertEqual(Set(addresses).count, names.count, "\(addresses)")
        XCTAssertEqual(TerraformNames.address(for: "app.v2"), "app_v2_" + OutputNames.hash("app.v2"))
        XCTAssertEqual(TerraformNames.address(for: "1role"), "_1role_" + OutputNames.hash("1role"))
        XCTAssertEqual(OutputNames.hash("app.v2"), "ec029466", "FNV-1a (checked with an independent implementation) must not change: addresses are state")
        for address in addresses { XCTAssertTrue(HCL.isIdentifier(address), address) }
        // A clash (only a hash collision could cause one) still gives distinct addresses.
        let forced = TerraformNames.addresses(for: ["app.v2", "app_v2_" + OutputNames.hash("app.v2")])
        XCTAssertEqual(Set(forced.values).count, 2, "\(forced)")
    }

    func testInputsNamedLikeTerraformKeywordsOrTagsAreRenamed() {
        let names = TerraformNames.variableNames(for: ["count", "count_input", "tags", "external_id", "source"])
        XCTAssertEqual(names, ["count": "count_input_input", "count_input": "count_input", "tags": "tags_input",
                               "external_id": "external_id", "source": "source_input"])
    }
}
