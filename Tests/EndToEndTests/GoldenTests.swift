import Backends
import Foundation
import XCTest

/// Builds every example with the real binary for every built-in target and compares the
/// output tree with the golden files under Tests/EndToEndTests/Golden/<example>/<target>/.
/// ROLEGEN_RECORD=1 re-records all targets; ROLEGEN_RECORD=terraform,cli only those.
/// Review the diff of re-recorded files like code.
final class GoldenTests: XCTestCase {
    static let goldenRoot = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden")
    static let targets = BackendRegistry.builtIn.map(\.name)

    static func examples() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Support.packageRoot.appendingPathComponent("Examples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertFalse(names.isEmpty, "no examples found")
        return names
    }

    /// The targets to re-record, from ROLEGEN_RECORD.
    static var recording: Set<String> {
        guard let value = ProcessInfo.processInfo.environment["ROLEGEN_RECORD"], !value.isEmpty else { return [] }
        return value == "1" ? Set(targets) : Set(value.split(separator: ",").map(String.init))
    }

    func testExamplesMatchGoldenFiles() throws {
        for example in try Self.examples() {
            let name = String(example.dropLast(".yaml".count))
            let out = try Support.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: out) }
            let run = try Support.rolegen(["build", "Examples/\(example)", "-o", out.path, "--target", Self.targets.joined(separator: ","),
                                           "--color", "never"], cwd: Support.packageRoot)
            XCTAssertEqual(run.status, 0, "\(example): \(run.stderr)")
            XCTAssertEqual(run.stderr, "", "\(example) builds without warnings")
            for target in Self.targets {
                let golden = Self.goldenRoot.appendingPathComponent(name).appendingPathComponent(target)
                let actual = out.appendingPathComponent(target)
                if Self.recording.contains(target) {
                    try? FileManager.default.removeItem(at: golden)
                    try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try FileManager.default.copyItem(at: actual, to: golden)
                } else {
                    try assertSameTree(actual, golden, "\(example) [\(target)]")
                }
            }
        }
    }

    func testGoldenDirectoriesHaveExamples() throws {
        let examples = Set(try Self.examples().map { String($0.dropLast(".yaml".count)) })
        let golden = Set(try FileManager.default.contentsOfDirectory(atPath: Self.goldenRoot.path))
        XCTAssertEqual(golden.subtracting(examples), [], "golden files without an example; delete them")
    }

    func testBuildIsDeterministic() throws {
        let first = try Support.temporaryDirectory(), second = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        for out in [first, second] {
            let run = try Support.rolegen(["build", "Examples", "-o", out.path, "--target", Self.targets.joined(separator: ",")],
                                          cwd: Support.packageRoot)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        try assertSameTree(first, second, "two builds of Examples/")
    }

    static func files(under root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }

    private func assertSameTree(_ actual: URL, _ expected: URL, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let have = Self.files(under: actual), want = Self.files(under: expected)
        XCTAssertFalse(want.isEmpty, "\(label): no golden files at \(expected.path); run with ROLEGEN_RECORD=1", file: file, line: line)
        XCTAssertEqual(Set(have.keys), Set(want.keys), "\(label): file lists differ", file: file, line: line)
        for (path, data) in want.sorted(by: { $0.key < $1.key }) {
            guard let other = have[path] else { continue }
            if other != data {
                XCTFail("\(label): \(path) differs from golden file\n--- expected\n\(String(decoding: data, as: UTF8.self))\n--- actual\n\(String(decoding: other, as: UTF8.self))",
                        file: file, line: line)
            }
        }
    }
}
