import ArgumentParser
import Foundation
import RoleGenCore

@main
struct RoleGenCommand: ParsableCommand {
    static let version = RoleGenVersion.current

    static let configuration = CommandConfiguration(
        commandName: "rolegen",
        abstract: "Compile YAML role specs into checked AWS IAM roles.",
        discussion: """
            Exit codes: 0 success; 1 the spec has errors; 2 usage or I/O error.
            Spec reference: docs/spec.md. Diagnostic codes: docs/diagnostics.md.
            """,
        version: version,
        subcommands: [BuildCommand.self, ValidateCommand.self, CanCommand.self, AccessCommand.self, DiffCommand.self, CatalogCommand.self, InitCommand.self, TargetsCommand.self, ContextCommand.self, RulesCommand.self, ExplainCommand.self]
    )

    /// Maps every outcome to rolegen's exit codes: 0 ok, 1 findings, 2 usage or I/O.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Exit codes shared by the subcommands.
enum Exit {
    static let findings = ExitCode(1)
    static let usageOrIO = ExitCode(2)
}
