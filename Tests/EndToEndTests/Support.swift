import Foundation
import XCTest

/// Helpers for tests that run the built `rolegen` binary and other real tools.
enum Support {
    /// The package root (the folder holding Package.swift).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The `rolegen` executable built next to the test binary (on Linux the test runner is
    /// itself an executable in the build folder, so this follows `--scratch-path`).
    static let rolegen: URL = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        for folder in candidates {
            let candidate = folder.appendingPathComponent("rolegen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        fatalError("rolegen is not built next to the tests (looked in \(candidates.map(\.path)))")
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion; `arguments[0]` is looked up on PATH unless it has a slash.
    @discardableResult
    static func run(_ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:], stdin: Data? = nil) throws -> Run {
        let process = Process()
        if arguments[0].contains("/") {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        if let cwd { process.currentDirectoryURL = cwd }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    static func rolegen(_ arguments: [String], cwd: URL? = nil) throws -> Run {
        try run([rolegen.path] + arguments, cwd: cwd)
    }

    /// Whether a program is on PATH.
    static func which(_ program: String) -> String? {
        guard let run = try? run(["sh", "-c", "command -v \(program)"]), run.status == 0 else { return nil }
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }

    /// Prints a line that stands out in the test log: tests that cannot run say so loudly.
    static func skipLoudly(_ reason: String) throws -> Never {
        let banner = "SKIPPED (not passed): \(reason)"
        print(String(repeating: "!", count: banner.count))
        print(banner)
        print(String(repeating: "!", count: banner.count))
        throw XCTSkip(banner)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rolegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
