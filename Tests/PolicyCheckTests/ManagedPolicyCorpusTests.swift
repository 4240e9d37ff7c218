import Foundation
import PolicyCheck
import RoleGenCore
import XCTest

/// AWS's own managed policies (moto's copy, written out by scripts/dump-managed-policies)
/// must validate with zero errors. Prints the counts of every diagnostic code.
final class ManagedPolicyCorpusTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testAWSManagedPoliciesHaveNoErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rolegen-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        dump.arguments = ["python3", Self.root.appendingPathComponent("scripts/dump-managed-policies").path, directory.path]
        let output = Pipe()
        dump.standardOutput = output
        dump.standardError = output
        try dump.run()
        let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        dump.waitUntilExit()
        guard dump.terminationStatus == 0 else {
            let banner = "SKIPPED (not passed): the managed policy corpus needs python3 and moto: \(message)"
            print(String(repeating: "!", count: 80) + "\n" + banner + "\n" + String(repeating: "!", count: 80))
            throw XCTSkip(banner)
        }
        print(message.trimmingCharacters(in: .whitespacesAndNewlines))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThan(files.count, 1_400)
        var counts: [String: Int] = [:]
        var errors: [String] = []
        var withFindings = 0
        for file in files {
            let path = directory.appendingPathComponent(file).path
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let read = YAMLReader.read([UInt8](data), file: file)
            guard let root = read.root else {
                errors.append("\(file): \(read.diagnostics.map(\.message))")
                continue
            }
            let result = PolicyFile.check(root, isJSON: true, kind: .identity, text: String(decoding: data, as: UTF8.self))
            if !result.diagnostics.isEmpty { withFindings += 1 }
            for diagnostic in result.diagnostics {
                counts["\(diagnostic.code.id) \(diagnostic.severity.rawValue) (\(diagnostic.code.title))", default: 0] += 1
                if diagnostic.severity == .error {
                    errors.append("\(file):\(diagnostic.range?.start.line ?? 0): \(diagnostic.code) \(diagnostic.message)")
                }
            }
        }
        print("\(files.count) AWS managed policies, \(withFindings) with findings; diagnostics by code:")
        for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
            print("  \(code): \(count)")
        }
        XCTAssertEqual(errors, [], "AWS's own policies must produce no errors")
    }
}
