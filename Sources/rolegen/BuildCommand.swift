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
            whole build succeeds. Targets: \(BackendRegistry.builtInSummaries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")). \
            --template DIR adds a template backend of your own (see rolegen targets).
            """
    )

    @Argument(help: ArgumentHelp("Spec files, directories of *.yaml / *.yml spec files, or - for standard input.", valueName: "path"))
    var paths: [String]

    @Option(name: .shortAndLong, help: "Output directory.")
    var output = "out"

    @Option(name: .customLong("target"), parsing: .singleValue,
            help: ArgumentHelp("Backends to run, comma-separated or repeated (default: iam-json, or only the --template backends when given).", valueName: "name"))
    var targets: [String] = []

    @OptionGroup var templates: TemplateOptions

    @OptionGroup var input: InputOptions

    /// The targets named with --target (iam-json when none is), then every --template backend.
    private func resolvedTargetNames(_ templateBackends: [TemplateBackend]) -> [String] {
        var seen: Set<String> = []
        var named = targets.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if named.isEmpty && templateBackends.isEmpty { named = ["iam-json"] }
        return (named + templateBackends.map(\.name)).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func run() throws {
        let templateBackends: [TemplateBackend]
        do {
            templateBackends = try templates.load()
        } catch let problems as TemplateProblems {
            throw problems.report()
        }
        let available = BackendRegistry.builtIn + (templateBackends as [any Backend])
        let targetNames = resolvedTargetNames(templateBackends)
        var backends: [any Backend] = []
        for name in targetNames {
            guard let backend = available.first(where: { $0.name == name }) else {
                FileHandle.standardError.write(Data("rolegen: error: unknown target '\(name)'; available: \(available.map(\.name).joined(separator: ", "))\n".utf8))
                throw Exit.usageOrIO
            }
            backends.append(backend)
        }
        var compilation = Compiler.compile(paths, options: try input.compileOptions())
        var outputs: [Renderer.Output] = []
        if let model = compilation.model {
            let rendered = Renderer.render(model, with: backends)
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
            let parts = model.countedParts
            let counted = parts.dropLast().joined(separator: ", ") + " and " + parts.last!
            print("wrote \(count) files for \(counted) to \(output)/ (\(targetNames.joined(separator: ", ")))")
        }
    }
}
