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
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("error[RG0007]"), run.stderr)
        // Under a raised input limit, a 2 MB scalar still meets the scalar limit (1 MiB).
        let scalarPath = work.appendingPathComponent("scalar.yaml").path
        FileManager.default.createFile(atPath: scalarPath, contents: Data("version: 1\nx: ".utf8) + chunk + chunk)
        let scalar = try Support.run([Support.rolegen.path, "validate", scalarPath])
        XCTAssertEqual(scalar.status, 1, scalar.stderr)
        XCTAssertTrue(scalar.stderr.contains("error[RG0014]"), scalar.stderr)
    }

    /// Inputs that never end or block: refused at once, exit 2. Standard input is read when
    /// named `-`, up to the size limit.
    func testSpecialFilesAndHugeFilesAreRefusedUnread() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let fifo = work.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let sparse = work.appendingPathComponent("200mb.yaml").path
        XCTAssertEqual(try Support.run(["truncate", "-s", "200M", sparse]).status, 0)
        let spec = work.appendingPathComponent("roles.yaml")
        try "version: 1\nroles:\n  - name: app\n    trust: [{service: ec2.amazonaws.com}]\n    inline_policies:\n      - {name: p, document_file: /dev/zero}\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        for (arguments, code) in [(["validate", "/dev/zero"], "RG0001"), (["validate", "/dev/urandom"], "RG0001"), (["validate", fifo], "RG0001"),
                                  (["validate", sparse], "RG0007"), (["build", spec.path, "-o", work.appendingPathComponent("out").path], "RG0001"),
                                  (["validate", "--config", "/dev/zero", spec.path], "RG0001")] {
            let run = try Self.runGuarded(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("error[\(code)]"), "\(arguments): \(run.stderr)")
        }
        let example = try Data(contentsOf: Support.packageRoot.appendingPathComponent("Examples/lambda.yaml"))
        let piped = try Support.run([Support.rolegen.path, "validate", "-"], stdin: example)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        let endless = try Support.run(["sh", "-c", "head -c 300000000 /dev/zero | \(Support.rolegen.path) validate --max-input-bytes 1000000 -"])
        XCTAssertEqual(endless.status, 2, endless.stderr)
        XCTAssertTrue(endless.stderr.contains("error[RG0007]"), endless.stderr)
    }

    /// Pathological sizes end with their diagnostics instead of running for minutes (they took
    /// 20 s to over a minute before): a million empty roles, ten thousand failing roles, a
    /// million actions, a million managed policy names, a 3 MB line of non-ASCII text, a value
    /// of 80,000 policy variables.
    func testPathologicalSizesEnd() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let trust = "    trust: [{service: ec2.amazonaws.com}]\n"
        // (file, text, exit status, a code the output must hold)
        let cases: [(String, String, Int32, String?)] = [
            ("flow.yaml", "version: 1\nroles: [" + Array(repeating: "{}", count: 1_000_000).joined(separator: ",") + "]\n", 1, "RG0103"),
            ("failing.yaml", "version: 1\nroles:\n" + (0..<10_000).map { "  - name: r\($0)\n" + trust + "    managed_policies: [NoSuchPolicy\($0)]\n" }.joined(), 1, "RG0204"),
            ("actions.yaml", "version: 1\nroles:\n  - name: a\n" + trust + "    inline_policies:\n      - name: p\n        statements:\n          - allow: ["
                + Array(repeating: "s3:GetObject", count: 1_000_000).joined(separator: ",") + "]\n            resources: '*'\n", 1, "RG0214"),
            ("managed.yaml", "version: 1\nroles:\n  - name: a\n" + trust + "    managed_policies: ["
                + Array(repeating: "AmazonS3ReadOnlyAccess", count: 1_000_000).joined(separator: ",") + "]\n", 0, nil),
            // Found by scripts/fuzz: positions on one long line of non-ASCII text were walked
            // from the line start, and each policy variable's offset counted from the value's start.
            ("non-ascii-line.yaml", "version: 1\nroles: [" + Array(repeating: "{name: é}", count: 300_000).joined(separator: ",") + "]\n", 1, "RG0103"),
            ("variables.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/"#
                + String(repeating: "${aws:username}", count: 40_000) + String(repeating: "${ x}", count: 40_000) + #""}]}"#, 1, "RG1401"),
        ]
        for (name, text, status, code) in cases {
            let path = work.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            let run = try Self.runGuarded(["validate", "--max-diagnostics", "5", path])
            XCTAssertEqual(run.status, status, "\(name): \(run.stderr.prefix(2000))")
            if let code { XCTAssertTrue(run.stderr.contains("error[\(code)]"), "\(name): \(run.stderr.prefix(2000))") }
        }
        // Past 10,000 errors in one file the rest are counted, and the count is reported.
        let all = try Self.runGuarded(["validate", "--format", "json", work.appendingPathComponent("flow.yaml").path])
        XCTAssertTrue(all.stdout.contains("RG0017"), String(all.stdout.suffix(2000)))
    }

    /// Deploy-time inputs are values of their own in the model (issue 23): text that looks like
    /// an input, from the spec (`$${d}`) or from `--var`, reaches every backend as literal
    /// text, and a `--var` value with a character IAM refuses is refused like spec text.
    func testTextThatLooksLikeAnInputStaysLiteral() throws {
        let work = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let spec = work.appendingPathComponent("roles.yaml")
        try """
        version: 1
        variables:
          d: {input: true, sensitive: true}
          e: {input: true}
        roles:
          - name: a
            description: "${d} $${d} «d» ${e}"
            trust: [{service: ec2.amazonaws.com}]
        """.write(to: spec, atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out").path
        let hostile = "e=${d} «d» $(id) `id`"
        let build = try Self.runGuarded(["build", spec.path, "-o", out, "--target", "terraform", "--target", "cli",
                                         "--target", "cloudformation", "--var", hostile])
        XCTAssertEqual(build.status, 0, build.stderr)
        let role = try String(contentsOfFile: out + "/terraform/role-a.tf", encoding: .utf8)
        XCTAssertTrue(role.contains(#"description          = "${var.d} $${d} «d» $${d} «d» $(id) `id`""#), role)
        let roleJSON = try String(contentsOfFile: out + "/cli/roles/a/role.json", encoding: .utf8)
        XCTAssertTrue(roleJSON.contains(#""Description":"«d» ${d} \u00abd\u00bb ${d} \u00abd\u00bb $(id) `id`""#), roleJSON)
        let template = try String(contentsOfFile: out + "/cloudformation/template.yaml", encoding: .utf8)
        XCTAssertTrue(template.contains(#"Description: !Sub '${D} ${!d} «d» ${!d} «d» $(id) `id`'"#), template)
        let refused = try Self.runGuarded(["validate", spec.path, "--var", "e=a\u{1}b"])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--var e: control character U+0001"), refused.stderr)
    }

    /// Runs rolegen under a hang guard: a run still going after two minutes is killed, and
    /// the test fails on its status instead of hanging CI.
    static func runGuarded(_ arguments: [String]) throws -> Support.Run {
        let run = try Support.run(["timeout", "-s", "KILL", "120", Support.rolegen.path] + arguments)
        XCTAssertNotEqual(run.status, 137, "rolegen \(arguments.joined(separator: " ")) hung")
        return run
    }
}
