import Foundation
import XCTest

/// Every fixture in Tests/Fixtures/hostile ends in its expected diagnostic and exit code,
/// within a second and in bounded memory. expected.txt lists one line per fixture.
final class HostileInputTests: XCTestCase {
    static let folder = Support.packageRoot.appendingPathComponent("Tests/Fixtures/hostile")

    struct Expectation {
        var file: String
        var exit: Int32
        var code: String
    }

    static func expectations() throws -> [Expectation] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let fields = $0.split(separator: " ", omittingEmptySubsequences: true)
            return Expectation(file: String(fields[0]), exit: Int32(fields[1])!, code: String(fields[2]))
        }
    }

    func testEveryFixtureIsListed() throws {
        let listed = Set(try Self.expectations().map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)).subtracting(["expected.txt"])
        XCTAssertEqual(present, listed)
    }

    func testFixturesEndInTheirDiagnostic() throws {
        for expectation in try Self.expectations() {
            let started = Date()
            // /usr/bin/time reports the peak resident set size of the run.
            let run = try Support.run(["/usr/bin/time", "-f", "maxrss=%M", Support.rolegen.path, "validate", expectation.file,
                                       "--color", "never"], cwd: Self.folder)
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertEqual(run.status, expectation.exit, "\(expectation.file): \(run.stderr.prefix(2000))")
            XCTAssertTrue(run.stderr.contains("error[\(expectation.code)]"), "\(expectation.file): \(run.stderr.prefix(2000))")
            XCTAssertLessThan(elapsed, 5, "\(expectation.file) took \(elapsed) s")
            if let rss = run.stderr.components(separatedBy: "maxrss=").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                XCTAssertLessThan(rss, 200_000, "\(expectation.file) used \(rss) KB")
            }
        }
    }

    /// A 100 MB scalar is refused by size before it is read (generated here, not committed).
    func testHugeScalarIsRefusedUnread() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let path = work.appendingPathComponent("huge.yaml").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(Data("version: 1\nx: ".utf8))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<100 { handle.write(chunk) }
        try handle.close()
        let run = try Support.run(["/usr/bin/time", "-f", "maxrss=%M", Support.rolegen.path, "validate", path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("error[RG0007]"), run.stderr)
        // Under a raised input limit, a 2 MB scalar still meets the scalar limit (1 MiB).
        let scalarPath = work.appendingPathComponent("scalar.yaml").path
        FileManager.default.createFile(atPath: scalarPath, contents: Data("version: 1\nx: ".utf8) + chunk + chunk)
        let scalar = try Support.run([Support.rolegen.path, "validate", scalarPath])
        XCTAssertEqual(scalar.status, 1, scalar.stderr)
        XCTAssertTrue(scalar.stderr.contains("error[RG0014]"), scalar.stderr)
    }
}
