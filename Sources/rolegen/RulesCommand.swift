import ArgumentParser
import PolicyLint

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules: code, default severity, name and title.",
        discussion: "Full text of one rule: rolegen explain CODE. Reference: docs/rules.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format: text or json (with rationale, fix, AWS documentation and Access Analyzer codes).")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: print(RuleDocumentation.table(), terminator: "")
        case .json: print(RuleDocumentation.json(), terminator: "")
        }
    }
}
