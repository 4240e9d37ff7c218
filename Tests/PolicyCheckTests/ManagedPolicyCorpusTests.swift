import Foundation
import PolicyCheck
import PolicyLint
import RoleGenCore
import XCTest

/// AWS's own managed policies (moto's copy, written out by scripts/dump-managed-policies)
/// must validate with zero errors. Prints the counts of every diagnostic code. The lint rules
/// run on them too, as on identity policy files: broad policies must be caught, read-only ones not.
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
        var lintCounts: [String: Int] = [:]
        var lintCodesByPolicy: [String: Set<String>] = [:]
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
            if let document = result.document {
                let findings = Linter.lint(document, scope: .permissions)
                lintCodesByPolicy[String(file.dropLast(".json".count))] = Set(findings.map(\.code.id))
                for finding in findings { lintCounts["\(finding.code.id) \(finding.severity.rawValue) (\(finding.code.title))", default: 0] += 1 }
            }
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

        print("lint findings by rule (\(lintCodesByPolicy.values.filter { !$0.isEmpty }.count) policies with findings):")
        for (code, count) in lintCounts.sorted(by: { $0.key < $1.key }) {
            print("  \(code): \(count)")
        }
        XCTAssertEqual(lintCodesByPolicy["AdministratorAccess"]?.contains("RG3001"), true)
        XCTAssertEqual(lintCodesByPolicy["IAMFullAccess"]?.contains("RG3004"), true, "iam:* on * is an escalation path")
        let readOnly = lintCodesByPolicy.keys.filter { $0.contains("ReadOnly") || $0 == "ViewOnlyAccess" || $0 == "SecurityAudit" }
        XCTAssertGreaterThan(readOnly.count, 100)
        XCTAssertEqual(readOnly.filter { lintCodesByPolicy[$0]!.contains("RG3001") }.sorted(), [], "read-only policies are no full admin")
    }
}
