import ArgumentParser
import PolicyLint

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one lint rule: why it exists, how to fix a finding, and examples."
    )

    @Argument(help: ArgumentHelp("A rule code (RG3001) or name (full_admin).", valueName: "rule"))
    var rule: String

    func run() throws {
        guard let found = RuleRegistry.rule(rule) else {
            throw ValidationError("no lint rule '\(rule)'; rolegen rules lists them")
        }
        print(RuleDocumentation.explain(found.description), terminator: "\n")
    }
}
