import Foundation
import XCTest

/// A build killed at any moment leaves every target directory holding either the whole
/// previous output or the whole new one, and the next build removes what the killed one left.
final class AtomicOutputTests: XCTestCase {
    private let targets = ["iam-json", "terraform", "cloudformation", "cli"]

    func testKilledRebuildsLeaveWholeOldOrWholeNewOutput() throws {
        guard Support.which("python3") != nil else { try Support.skipLoudly("the kill test generates its spec with python3") }
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let spec = work.appendingPathComponent("roles.yaml").path
        let generator = Support.packageRoot.appendingPathComponent("scripts/gen-spec").path
        try Support.run(["python3", generator, "100", spec])
        let specText = try String(contentsOfFile: spec, encoding: .utf8)
        // The new build differs from the old one in every role (and so in every target).
        let newSpec = work.appendingPathComponent("roles-new.yaml").path
        try specText.replacingOccurrences(of: "env: bench", with: "env: bench2").write(toFile: newSpec, atomically: true, encoding: .utf8)

        let old = try snapshot(build(spec, into: work.appendingPathComponent("old").path))
        let new = try snapshot(build(newSpec, into: work.appendingPathComponent("new").path))
        for target in targets { XCTAssertNotEqual(old[target], new[target], "the two builds must differ in \(target)") }

        // How long a rebuild takes here, so the kills spread over the whole of it.
        let out = work.appendingPathComponent("out").path
        try copyTree(work.appendingPathComponent("old").path, to: out)
        let started = Date()
        _ = try build(newSpec, into: out)
        let duration = Date().timeIntervalSince(started)

        var outcomes: [String: Int] = [:]
        for round in 0..<50 {
            try? FileManager.default.removeItem(atPath: out)
            try copyTree(work.appendingPathComponent("old").path, to: out)
            let process = Process()
            process.executableURL = Support.rolegen
            process.arguments = ["build", newSpec, "-o", out, "--no-lint", "--target", targets.joined(separator: ",")]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Spread over the rebuild and a little past it (the last rounds see finished builds).
            usleep(UInt32(duration * 1.1 * Double(round) / 50 * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let found = try snapshot(out)
            for target in targets {
                let outcome = found[target] == old[target] ? "old" : found[target] == new[target] ? "new" : "mixed"
                XCTAssertNotEqual(outcome, "mixed", "round \(round): \(target) holds neither the whole old nor the whole new output")
                outcomes[outcome, default: 0] += 1
            }
        }
        print("kill -9 rounds: target outcomes \(outcomes.sorted { $0.key < $1.key })")
        XCTAssertGreaterThan(outcomes["old", default: 0], 0)

        // What the killed builds left is removed by the next one.
        _ = try build(newSpec, into: out)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { !targets.contains($0) }
        XCTAssertEqual(leftovers, [], "an interrupted build's temporary trees were not cleaned up")
        XCTAssertEqual(try snapshot(out), new)
    }

    /// Leftovers of an earlier rolegen's interrupted build (`iam-json.old-<pid>-<n>`) and of a
    /// dead process's staging tree are removed; a foreign file is not.
    func testLeftoversOfDeadBuildsAreRemoved() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out").path
        let fm = FileManager.default
        // A pid that cannot be running: above Linux's pid_max limit.
        for name in [".iam-json.tmp-99999999-1", "terraform.old-99999999-2", ".cli.tmp-99999999-3.old"] {
            try fm.createDirectory(atPath: "\(out)/\(name)/sub", withIntermediateDirectories: true)
            fm.createFile(atPath: "\(out)/\(name)/sub/file", contents: Data("x".utf8))
        }
        fm.createFile(atPath: "\(out)/notes.old-draft", contents: Data("mine".utf8))
        let run = try Support.rolegen(["build", Support.packageRoot.appendingPathComponent("Examples/lambda.yaml").path, "-o", out, "--target", "iam-json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out).sorted(), ["iam-json", "notes.old-draft"])
    }

    private func build(_ spec: String, into directory: String) throws -> String {
        let run = try Support.rolegen(["build", spec, "-o", directory, "--no-lint", "--target", targets.joined(separator: ",")])
        XCTAssertEqual(run.status, 0, run.stderr)
        return directory
    }

    /// Each target's files and their contents, as one string per target.
    private func snapshot(_ directory: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for target in targets {
            let root = directory + "/" + target
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            var files: [String] = []
            while let path = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
                if !isDirectory.boolValue { files.append(path) }
            }
            result[target] = try files.sorted().map { "\($0)\n" + (try String(contentsOfFile: root + "/" + $0, encoding: .utf8)) }.joined(separator: "\u{1}")
        }
        return result
    }

    private func copyTree(_ source: String, to destination: String) throws {
        let run = try Support.run(["cp", "-a", source, destination])
        XCTAssertEqual(run.status, 0, run.stderr)
    }
}
