import Foundation
import XCTest

/// A fixed-seed slice of the mutational fuzz harness (scripts/fuzz, issue 23) against the
/// rolegen built next to the tests: no crash, signal, exit status other than 0/1/2 or run over
/// its time bound on the mutated Examples and policies, and output the real tools accept.
/// The full campaign is `scripts/fuzz --count 100000`; this slice keeps the suite bounded
/// (about 90 s on 2 cores: a minute of mutants, half a minute of tool checks).
final class FuzzTests: XCTestCase {
    static let script = Support.packageRoot.appendingPathComponent("scripts/fuzz")

    func testFixedSeedSliceFindsNothing() throws {
        guard let python = Support.which("python3") else {
            try Support.skipLoudly("python3 is not on PATH; the fuzz harness (scripts/fuzz) not run")
        }
        let findings = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: findings) }
        // The tests run a debug build, up to 20 times slower than release on megabyte inputs:
        // size mutations stop at 1 MB and each run gets 20 s (the harness kills a run at its
        // bound, so the slice cannot hang the suite). About 1 in 14 mutants builds; every 5th of
        // those (4 with this seed) gets the real tools.
        let run = try Support.run([python, Self.script.path, "--binary", Support.rolegen.path, "--seed", "23",
                                   "--count", "300", "--tools-every", "5", "--timeout", "20", "--heavy-bytes", "1000000",
                                   "--tool-timeout", "240", "--jobs", "2", "--out", findings.path])
        print(run.stdout)
        // The harness prints SKIPPED banners for missing checkers on stderr; keep them visible.
        if !run.stderr.isEmpty { print(run.stderr) }
        XCTAssertEqual(run.status, 0, "scripts/fuzz found problems (reproduce: scripts/fuzz --seed 23 --only N --keep DIR):\n\(run.stdout)\n\(run.stderr.suffix(4000))")
        XCTAssertTrue(run.stdout.contains("rolegen fuzz: seed 23, 300 mutants"), "no summary from scripts/fuzz:\n\(run.stdout)\n\(run.stderr)")
    }

    /// The slice must be able to fail: a binary that crashes on every input is a finding.
    func testHarnessReportsACrash() throws {
        guard let python = Support.which("python3") else {
            try Support.skipLoudly("python3 is not on PATH; the fuzz harness (scripts/fuzz) not run")
        }
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let crasher = work.appendingPathComponent("crasher")
        try "#!/bin/sh\necho 'Fatal error: Unexpectedly found nil' >&2\nkill -ILL $$\n"
            .write(to: crasher, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: crasher.path)
        let run = try Support.run([python, Self.script.path, "--binary", crasher.path, "--seed", "23", "--count", "5",
                                   "--out", work.appendingPathComponent("findings").path])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("killed by SIGILL"), run.stdout)

        // A binary that hangs (with a child in its process group) is killed at the bound.
        let sleeper = work.appendingPathComponent("sleeper")
        try "#!/bin/sh\nsleep 60 &\nsleep 60\n".write(to: sleeper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sleeper.path)
        let started = Date()
        let hang = try Support.run([python, Self.script.path, "--binary", sleeper.path, "--seed", "23", "--count", "2",
                                    "--timeout", "1", "--out", work.appendingPathComponent("hangs").path])
        XCTAssertEqual(hang.status, 1, hang.stdout + hang.stderr)
        XCTAssertTrue(hang.stdout.contains("timeout over 1s"), hang.stdout)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the harness waited for the hung runs")
    }
}
