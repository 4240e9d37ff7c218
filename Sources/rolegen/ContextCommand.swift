import ArgumentParser
import Backends
import Foundation
import RoleGen
import RoleGenCore

struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Print the template context of role specs as JSON.",
        discussion: """
            This is exactly what template backends render, before escaping: deploy-time inputs \
            are replaced by their values as for every target that does not render inputs (pass \
            --var, or give the input a default). Fields: docs/template-context.md.
            """
    )

    @Argument(help: ArgumentHelp("Spec files, directories of *.yaml / *.yml spec files, or - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var input: InputOptions

    func run() throws {
        var compilation = Compiler.compile(paths, options: try input.compileOptions())
        var text: String?
        if let model = compilation.model {
            // Through the Renderer, so inputs are substituted exactly as for template targets.
            let rendered = Renderer.render(model, with: [ContextBackend()])
            compilation.diagnostics += rendered.diagnostics
            text = rendered.outputs.first?.files.first?.contents
        }
        let status = input.report(compilation)
        guard status == .success, let text else { throw status }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// The template context as one JSON file: what `rolegen context` prints.
private struct ContextBackend: Backend {
    let name = "context"
    let summary = "the template context as JSON"

    func render(_ model: Model) -> [OutputFile] {
        [OutputFile("context.json", TemplateContext.value(of: model).encoded())]
    }
}
