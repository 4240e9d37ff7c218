import ArgumentParser
import Foundation
import RoleGen
import RoleGenCore
import SpecDiff

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a change to the specs grants: new trust, new access, changed settings and lint findings.",
        discussion: """
            Compares two versions of the specs. Each side is a spec file, a directory of specs, \
            or git:REV[:PATH], read from git without checking out (PATH is relative to the \
            current directory; without it, the current directory). Access is compared action by \
            action through every policy of a role (inline, customer and AWS managed, boundary, \
            SCPs), as `rolegen access` works it out: a policy swapped for an equivalent one shows \
            no change. Schema of --format json: docs/diff.md.

            Exit codes: 0 ok (or no gate tripped); 1 a --fail-on gate tripped; 2 usage or I/O \
            error, or a side whose specs have errors.

            Examples:
              rolegen diff git:origin/main .
              rolegen diff old.yaml new.yaml --format markdown --fail-on new-access
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Argument(help: ArgumentHelp("The old specs: a file, a directory or git:REV[:PATH].", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new specs: a file, a directory or git:REV[:PATH].", valueName: "new"))
    var new: String

    @Option(help: "Output format: text, json (schema in docs/diff.md) or markdown (a pull-request comment).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Exit with status 1 when the change grants new access, new trust, or changes anything.", valueName: "new-access|new-trust|any"))
    var failOn: [SpecDiff.Gate] = []

    @Option(help: ArgumentHelp("Roles, permission sets or services (prefixes such as s3) that --fail-on lets through (repeatable, or comma-separated).", valueName: "names"))
    var allow: [String] = []

    @OptionGroup var input: InputOptions

    func run() throws {
        do {
            try compare()
        } catch let error as DiffError {
            FileHandle.standardError.write(Data("rolegen: error: \(error.message)\n".utf8))
            throw Exit.usageOrIO
        }
    }

    private func compare() throws {
        let options = try input.compileOptions()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rolegen-diff-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The two sides are built at once: a build of one large spec file is mostly serial.
        let compilations = [(old, "old"), (new, "new")].concurrentMap { source, side in
            Result { try compile(source, side: side, scratch: scratch, options: options) }
        }
        var models: [Model] = []
        for (result, (source, side)) in zip(compilations, [(old, "old"), (new, "new")]) {
            let compilation = try result.get()
            // Lint errors are findings to compare, not a reason to stop.
            guard let model = compilation.modelDespiteLintErrors else {
                FileHandle.standardError.write(Data("rolegen: error: the \(side) specs (\(source)) do not build:\n".utf8))
                _ = input.report(compilation)
                throw Exit.usageOrIO
            }
            models.append(model)
        }
        let diff = SpecDiff(old: models[0], new: models[1])
        switch format {
        case .text:
            let color = input.color == .always || (input.color == .auto && isatty(STDOUT_FILENO) == 1
                && (ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true))
            FileHandle.standardOutput.write(Data(diff.text(color: color).utf8))
        case .markdown:
            FileHandle.standardOutput.write(Data(diff.markdown().utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(diff)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
        let allowed = Set(allow.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
        if failOn.contains(where: { diff.trips($0, allowing: allowed) }) { throw Exit.findings }
    }

    /// One side, built; a side that cannot be read throws.
    private func compile(_ source: String, side: String, scratch: URL, options: CompileOptions) throws -> Compilation {
        var path = source
        if source.hasPrefix("git:") {
            path = try GitSource.extract(String(source.dropFirst(4)), into: scratch.appendingPathComponent(side))
        } else if !FileManager.default.fileExists(atPath: source) {
            throw DiffError("the \(side) side: no file or directory '\(source)' (use git:REV[:PATH] for a git revision)")
        }
        return Compiler.compile([path], options: options)
    }
}

extension SpecDiff.Gate: ExpressibleByArgument {}

/// Reads specs from a git revision without checking it out: a file with `git show`, a
/// directory with `git archive`, into a scratch folder.
enum GitSource {
    /// `REV` or `REV:PATH`; returns the path to compile.
    static func extract(_ reference: String, into folder: URL) throws -> String {
        let (revision, path) = reference.firstIndex(of: ":").map { (String(reference[..<$0]), String(reference[reference.index(after: $0)...])) }
            ?? (reference, ".")
        guard !revision.isEmpty else { throw DiffError("git:REV[:PATH] needs a revision, got 'git:\(reference)'") }
        // PATH is relative to the current directory, as the rest of the command line is; git
        // wants it from the repository's root (`git archive` refuses `REV:./PATH`).
        let prefix = String(decoding: try git(["rev-parse", "--show-prefix"]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let full = URL(fileURLWithPath: "/" + prefix + (path == "." ? "" : path)).standardized.path.dropFirst()
        let object = "\(revision):\(full)"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let type = try git(["cat-file", "-t", object])
        switch String(decoding: type, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) {
        case "blob":
            let file = folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
            try git(["show", object]).write(to: file)
            return file.path
        case "tree":
            let archive = folder.appendingPathComponent("tree.tar")
            // From the root: in a subdirectory, `git archive` keeps only that subdirectory's files.
            let root = String(decoding: try git(["rev-parse", "--show-toplevel"]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            try git(["-C", root, "archive", "--format=tar", "-o", archive.path, object])
            try run("/usr/bin/env", ["tar", "-xf", archive.path, "-C", folder.path])
            try FileManager.default.removeItem(at: archive)
            return folder.path
        case let other:
            throw DiffError("git:\(reference) is a \(other), not a file or directory")
        }
    }

    @discardableResult
    private static func git(_ arguments: [String]) throws -> Data {
        try run("/usr/bin/env", ["git"] + arguments)
    }

    @discardableResult
    private static func run(_ program: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DiffError("\(arguments.joined(separator: " ")) failed: " + String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }
}

/// A side that cannot be read: printed as one line, exit status 2.
struct DiffError: Error {
    var message: String

    init(_ message: String) { self.message = message }
}
