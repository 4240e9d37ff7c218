import Foundation
import XCTest

/// The Markdown rolegen writes for reviewers (review-md's report, the Terraform READMEs), read
/// by a real CommonMark parser (markdown-it-py with GFM tables): no raw HTML from spec strings,
/// every table row as wide as its header, every Mermaid trust diagram made only of the shapes
/// rolegen writes with escaped labels (Fixtures/markdown/check_markdown.py).
final class MarkdownReportTests: XCTestCase {
    func testEveryExampleReportParsesCleanly() throws {
        let check = try Support.run(["python3", "-c", "import markdown_it"])
        guard check.status == 0 else {
            try Support.skipLoudly("markdown-it-py is not installed (pip install -r Tests/requirements.txt); Markdown reports not parsed")
        }
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reports: [String] = []
        for example in try GoldenTests.examples() {
            let output = folder.appendingPathComponent((example as NSString).deletingPathExtension)
            let build = try Support.rolegen(["build", "Examples/" + example, "-o", output.path, "--target", "review-md,terraform", "--color", "never"],
                                            cwd: Support.packageRoot)
            XCTAssertEqual(build.status, 0, "\(example): \(build.stderr)")
            let files = FileManager.default.enumerator(atPath: output.path)?.compactMap { $0 as? String } ?? []
            reports += files.filter { $0.hasSuffix(".md") }.map { output.appendingPathComponent($0).path }
        }
        let script = Support.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/markdown/check_markdown.py").path
        let run = try Support.run(["python3", script] + reports.sorted())
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let diagrams = run.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }.reduce(0, +)
        XCTAssertGreaterThan(diagrams, 10, "every example's review has a trust diagram: \(run.stdout)")
        print("MarkdownReportTests: \(reports.count) Markdown files parsed, \(diagrams) Mermaid diagrams")
    }
}
