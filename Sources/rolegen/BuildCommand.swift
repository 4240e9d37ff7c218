import ArgumentParser
import Backends
import Foundation
import RoleGen

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check role specs and write the output of each target.",
        discussion: """
            Each target is written to OUTPUT/<target>/, replacing what was there only when the \
            whole build succeeds. Targets: \(BackendRegistry.builtIn.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).
            """
    )

    @Argument(help: ArgumentHelp("Spec files, or directories of *.yaml / *.yml spec files.", valueName: "path"))
    var paths: [String]

    @Option(name: .shortAndLong, help: "Output directory.")
    var output = "out"

    @Option(name: .customLong("target"), parsing: .singleValue,
            help: ArgumentHelp("Backends to run, comma-separated or repeated.", valueName: "name"))
    var targets: [String] = ["iam-json"]

    @OptionGroup var input: InputOptions

    func validate() throws {
        for name in targetNames where BackendRegistry.backend(named: name) == nil {
            throw ValidationError("unknown target '\(name)'; available: \(BackendRegistry.builtIn.map(\.name).joined(separator: ", "))")
        }
    }

    private var targetNames: [String] {
        var seen: Set<String> = []
        return targets.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func run() throws {
        var compilation = Compiler.compile(paths, options: try input.compileOptions())
        var outputs: [Renderer.Output] = []
        if let model = compilation.model {
            let rendered = Renderer.render(model, with: targetNames.compactMap(BackendRegistry.backend(named:)))
            outputs = rendered.outputs
            compilation.diagnostics += rendered.diagnostics
        }
        let status = input.report(compilation)
        guard status == .success, let model = compilation.model else { throw status }
        do {
            try OutputWriter.write(outputs, to: output, inputs: Array(compilation.sources.keys))
        } catch {
            FileHandle.standardError.write(Data("rolegen: error: \(error)\n".utf8))
            throw Exit.usageOrIO
        }
        if !input.quiet {
            let count = outputs.reduce(0) { $0 + $1.files.count }
            print("wrote \(count) files for \(model.roles.count) roles and \(model.policies.count) policies to \(output)/ (\(targetNames.joined(separator: ", ")))")
        }
    }
}
