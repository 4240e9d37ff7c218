import ArgumentParser
import Backends
import Foundation

/// `--template DIR`, shared by the commands that run or list targets.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("template"), help: ArgumentHelp(
        "A template backend: a directory with backend.yaml and mustache templates (repeatable). Built like a target named with --target.",
        valueName: "dir"))
    var directories: [String] = []

    /// The template backends of `--template`, checked: each loads, and no name is taken twice.
    func load() throws -> [TemplateBackend] {
        var backends: [TemplateBackend] = []
        var problems: [String] = []
        for directory in directories {
            do {
                let backend = try TemplateBackend.load(directory: directory)
                if BackendRegistry.backend(named: backend.name) != nil || backends.contains(where: { $0.name == backend.name }) {
                    problems.append("\(directory): the template backend is named '\(backend.name)', which is already a target; give it another name in its backend.yaml")
                } else {
                    backends.append(backend)
                }
            } catch let error as TemplateLoadError {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw TemplateProblems(problems: problems) }
        return backends
    }

    /// Every target: the built-in ones, then those of `--template`.
    func available() throws -> [any Backend] {
        BackendRegistry.builtIn + (try load() as [any Backend])
    }
}

/// Template backends that do not load; printed one problem a line, exit code 2.
struct TemplateProblems: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { problems.map { "template error: " + $0 }.joined(separator: "\n") }

    func report() -> ExitCode {
        FileHandle.standardError.write(Data(problems.map { "rolegen: error: \($0)\n" }.joined().utf8))
        return Exit.usageOrIO
    }
}

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the targets rolegen build can write, one a line.",
        discussion: """
            Built-in targets are Swift backends or template backends embedded from Templates/; \
            --template DIR adds your own. Template authors: docs/template-context.md.
            """
    )

    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let backends: [any Backend]
        do {
            backends = try templates.available()
        } catch let problems as TemplateProblems {
            throw problems.report()
        }
        let width = backends.map(\.name.count).max() ?? 0
        for backend in backends {
            let kind: String
            switch (backend as? TemplateBackend)?.origin {
            case nil: kind = "built-in"
            case .builtIn?: kind = "built-in template"
            case .directory(let directory)?: kind = "template \(directory)"
            }
            let padding = String(repeating: " ", count: width - backend.name.count)
            print("\(backend.name)\(padding)  \(backend.summary) [\(kind)]")
        }
    }
}
