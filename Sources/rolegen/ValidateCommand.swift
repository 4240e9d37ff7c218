import ArgumentParser
import RoleGen

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check role specs without writing anything."
    )

    @Argument(help: ArgumentHelp("Spec files, or directories of *.yaml / *.yml spec files.", valueName: "path"))
    var paths: [String]

    @OptionGroup var input: InputOptions

    func run() throws {
        let compilation = Compiler.compile(paths, options: try input.compileOptions())
        let status = input.report(compilation)
        guard status == .success, let model = compilation.model else { throw status }
        if !input.quiet {
            print("ok: \(model.roles.count) roles, \(model.policies.count) policies")
        }
    }
}
