import Backends
import Foundation
import RoleGen
import XCTest

/// Property: for random valid specs, every `.tf` file of the Terraform target is already in
/// `terraform fmt`'s layout, byte for byte (`terraform fmt -` of the file equals the file).
/// The specs stress what the HCL writer lays out: aligned `=` in maps and objects of
/// different key lengths, strings that need HCL escaping, conditions, tags, several
/// accounts, deploy-time inputs and optional arguments.
final class TerraformFormatPropertyTests: XCTestCase {
    /// SplitMix64, so a failure reproduces from the seed. (RoleGenCoreTests' PropertyTests
    /// has the same generator; test targets cannot share sources without a support target.)
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
        mutating func chance(_ oneIn: Int) -> Bool { int(oneIn) == 0 }
    }

    /// Values that HCL must escape or that change alignment: quotes, backslashes, `${`, `%{`,
    /// `$${`, non-ASCII, long and short words.
    static let strings = ["plain", "with space", "quote\"d", "back\\slash", "${aws:username}", "%{x}", "$${literal}",
                          "$", "café", "✓", "0123", "yes", "#hash", "a: b", "x", "a-rather-long-value-for-alignment"]
    static let tagKeys = ["a", "team", "cost-center", "very-long-tag-key-name", "env"]
    static let actions = ["s3:GetObject", "s3:ListBucket", "dynamodb:Query", "ec2:Describe*", "sqs:SendMessage", "kms:Decrypt"]

    func randomSpec(_ random: inout Random, seed: Int) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var text = "version: 1\naccounts:\n  prod: \"111122223333\"\n  dev: \"444455556666\"\ndefaults:\n  account: prod\n"
        let usesInput = random.chance(3)
        if usesInput {
            text += "variables:\n  bucket:\n    input: true\n    description: \(quoted(random.pick(Self.strings)))\n"
            if random.chance(2) { text += "    default: \(quoted("data-\(seed)"))\n" }
            if random.chance(2) { text += "    sensitive: true\n" }
        }
        text += "policies:\n  - name: shared-\(seed)\n    statements:\n"
        text += "      - allow: [\(random.pick(Self.actions))]\n        resources: \"*\"\n"
        text += "roles:\n"
        for index in 0..<(1 + random.int(3)) {
            text += "  - name: role-\(seed)-\(index)\n"
            if random.chance(2) { text += "    account: \(random.pick(["prod", "dev"]))\n" }
            // IAM descriptions hold Latin-1 only.
            if random.chance(2) { text += "    description: \(quoted(random.pick(Self.strings.filter { $0 != "✓" })))\n" }
            if random.chance(3) { text += "    max_session_duration: \(3600 * (1 + random.int(12)))\n" }
            text += "    trust:\n"
            switch random.int(4) {
            case 0: text += "      - service: [ec2.amazonaws.com, lambda.amazonaws.com]\n"
            case 1: text += "      - account: dev\n        external_id: \(quoted(random.pick(Self.strings)))\n"
            case 2: text += "      - github: org/repo-\(index)\n        branch: main\n"
            default: text += "      - web_identity: cognito\n        audience: pool-\(index)\n        amr: authenticated\n"
            }
            if random.chance(2) {
                text += "    inline_policies:\n      - name: inline-\(index)\n        statements:\n"
                for _ in 0..<(1 + random.int(3)) {
                    let resource = usesInput && random.chance(2) ? "arn:aws:s3:::${bucket}/*" : "arn:aws:s3:::b/" + random.pick(Self.strings)
                    text += "          - allow: [\(random.pick(Self.actions)), \(random.pick(Self.actions))]\n"
                    text += "            resources: \(quoted(resource))\n"
                    if random.chance(2) {
                        let condition = random.chance(2) ? "s3:prefix: \(quoted(random.pick(Self.strings)))" : "aws:RequestedRegion: [us-east-1, eu-west-3]"
                        text += "            conditions: {StringEquals: {\(condition)}}\n"
                    }
                }
            }
            text += "    managed_policies: [shared-\(seed)\(random.chance(2) ? ", ReadOnlyAccess" : "")]\n"
            if random.chance(2) {
                text += "    tags:\n"
                for key in Self.tagKeys where random.chance(2) { text += "      \(key): \(quoted(random.pick(["v", "value-\(index)", "café"])))\n" }
                text += "      owner: team\n"
            }
            if random.chance(3) { text += "    instance_profile: true\n" }
        }
        return text
    }

    func testTerraformOutputIsInTerraformFmtLayout() throws {
        guard let terraform = Support.which("terraform") else {
            try Support.skipLoudly("terraform is not on PATH; the terraform fmt property test not run")
        }
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var random = Random(state: 4242)
        var checkedFiles = 0
        for seed in 0..<40 {
            let text = randomSpec(&random, seed: seed)
            let path = work.appendingPathComponent("spec-\(seed).yaml")
            try text.write(to: path, atomically: true, encoding: .utf8)
            let compilation = Compiler.compile([path.path])
            guard let model = compilation.model else {
                XCTFail("seed \(seed): the generated spec does not compile: \(compilation.diagnostics.map(\.message))\n\(text)")
                continue
            }
            for file in TerraformBackend().render(model) where file.path.hasSuffix(".tf") {
                let formatted = try Support.run([terraform, "fmt", "-no-color", "-"], stdin: Data(file.contents.utf8))
                XCTAssertEqual(formatted.status, 0, "seed \(seed), \(file.path): terraform fmt failed: \(formatted.stderr)")
                XCTAssertEqual(formatted.stdout, file.contents, "seed \(seed), \(file.path) is not in terraform fmt's layout\n\(text)")
                checkedFiles += 1
            }
        }
        // Each spec yields versions, variables, account, outputs, a policy and at least one role file.
        XCTAssertGreaterThan(checkedFiles, 40 * 5)
    }

    /// The property must be able to fail: a misaligned file is not a fixed point of terraform fmt.
    func testTerraformFmtChangesMisalignedHCL() throws {
        guard let terraform = Support.which("terraform") else {
            try Support.skipLoudly("terraform is not on PATH; the terraform fmt property test not run")
        }
        let misaligned = "locals {\n  a = 1\n  long_name = 2\n}\n"
        let formatted = try Support.run([terraform, "fmt", "-no-color", "-"], stdin: Data(misaligned.utf8))
        XCTAssertEqual(formatted.status, 0)
        XCTAssertNotEqual(formatted.stdout, misaligned)
    }
}
