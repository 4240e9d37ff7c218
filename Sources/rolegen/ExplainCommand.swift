import ArgumentParser
import PolicyLint
import RoleGenCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one lint rule (why it exists, how to fix a finding, examples) or any other diagnostic code."
    )

    @Argument(help: ArgumentHelp("A rule code (RG3001) or name (full_admin), or any diagnostic code (RG1104, RG3000).", valueName: "code"))
    var rule: String

    func run() throws {
        if let found = RuleRegistry.rule(rule) {
            print(RuleDocumentation.explain(found.description), terminator: "\n")
            return
        }
        if let retired = RuleRegistry.retiredRule(rule) {
            print(retired.explanation)
            return
        }
        // Codes that are not lint rules (grammar checks, spec errors, stale suppressions) have a title and help.
        guard let code = (DiagnosticCode.all + [Linter.unusedSuppression]).first(where: { $0.id.uppercased() == rule.uppercased() }) else {
            throw ValidationError("no lint rule or diagnostic code '\(rule)'; rolegen rules lists the rules, docs/diagnostics.md every code")
        }
        var text = "\(code.id): \(code.title)\n"
        if let help = code.help { text += "\n\(help)\n" }
        if let uri = code.helpURI { text += "\nAWS documentation: \(uri)\n" }
        print(text, terminator: "")
    }
}
