import RoleGenCore
import XCTest

/// Generated specs and mutated bytes: the front end and resolver never crash, and the same
/// input always gives the same output. A crash fails the whole test run.
final class PropertyTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so failures reproduce from the seed.
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
    }

    static let strings = ["plain", "with space", "quote\"d", "back\\slash", "new\nline", "${aws:username}", "%{x}",
                          "$(id)", "`id`", "café", "✓", "", "*", "0123", "yes", "no", "#hash", "a: b", "-", "~"]

    func randomSpec(_ random: inout Random) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        var text = "version: 1\ndefaults:\n  account: \"111122223333\"\nroles:\n"
        for index in 0..<(1 + random.int(4)) {
            text += "  - name: role-\(index)\n"
            if random.int(2) == 0 { text += "    description: \(quoted(random.pick(Self.strings)))\n" }
            text += "    trust:\n"
            switch random.int(4) {
            case 0: text += "      - service: ec2.amazonaws.com\n"
            case 1: text += "      - account: \"444455556666\"\n        external_id: \(quoted(random.pick(Self.strings)))\n"
            case 2: text += "      - github: org/repo\n        branch: \(quoted("main" + random.pick(Self.strings)))\n"
            default: text += "      - web_identity: cognito\n        audience: pool\n        amr: authenticated\n"
            }
            if random.int(2) == 0 {
                text += "    inline_policies:\n      - name: p\n        statements:\n"
                text += "          - allow: s3:GetObject\n            resources: \(quoted("arn:aws:s3:::b/" + random.pick(Self.strings)))\n"
                text += "            conditions: {StringEquals: {s3:prefix: \(quoted(random.pick(Self.strings)))}}\n"
            }
            if random.int(2) == 0 { text += "    managed_policies: [ReadOnlyAccess]\n" }
            if random.int(3) == 0 { text += "    max_session_duration: \(3600 * (1 + random.int(14)))\n" }
        }
        return text
    }

    func testRandomSpecsCompileDeterministically() {
        var random = Random(state: 2026)
        for _ in 0..<300 {
            let text = randomSpec(&random)
            let first = compile(text), second = compile(text)
            XCTAssertEqual(first.diagnostics.map(\.message), second.diagnostics.map(\.message))
            guard let model = first.model, let again = second.model else { continue }
            for (a, b) in zip(model.roles, again.roles) {
                XCTAssertEqual(CanonicalJSON.encode(a.trustPolicy), CanonicalJSON.encode(b.trustPolicy))
                // The canonical JSON re-reads (through the same front end) into the same document.
                let json = CanonicalJSON.encode(a.trustPolicy)
                let reread = YAMLReader.read(Array(json.utf8), file: "t.json")
                XCTAssertNotNil(reread.root, json)
            }
        }
    }

    func testMutatedBytesNeverCrash() {
        var random = Random(state: 7)
        let seedSpecs = (0..<10).map { _ in Array(randomSpec(&random).utf8) }
        let interesting: [UInt8] = [0, 0x09, 0x0A, 0x22, 0x27, 0x26, 0x2A, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x24, 0xC3, 0xFF, 0x3C]
        for _ in 0..<2000 {
            var bytes = random.pick(seedSpecs)
            for _ in 0..<(1 + random.int(4)) {
                guard !bytes.isEmpty else { break }
                let position = random.int(bytes.count)
                switch random.int(3) {
                case 0: bytes[position] = random.pick(interesting)
                case 1: bytes.insert(random.pick(interesting), at: position)
                default: bytes.remove(at: position)
                }
            }
            _ = compile(bytes: bytes)
        }
    }
}
