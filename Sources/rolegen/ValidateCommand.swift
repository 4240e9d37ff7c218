import ArgumentParser
import Foundation
import PolicyCheck
import RoleGen
import RoleGenCore

enum PolicyKindChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, identity, trust, resource, scp, rcp, boundary

    var kind: PolicyKind? { PolicyKind(rawValue: rawValue) }
}

extension DiagnosticOutputFormat: ExpressibleByArgument {}
extension ResourcePolicyType: ExpressibleByArgument {}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check role specs and IAM policy files without writing anything.",
        discussion: """
            Every policy a spec compiles to, and every raw IAM policy file, is checked against \
            the IAM policy grammar and the AWS catalog (rolegen catalog). Directories stand for \
            their *.yaml, *.yml and *.json files. Checks: docs/checks.md. The lint rules run on \
            roles, on identity and boundary policy files (permission rules) and on trust policy \
            files (trust rules): docs/rules.md.
            """
    )

    @Argument(help: ArgumentHelp("Spec files, IAM policy files (JSON or YAML), directories of them, or - for standard input.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Kind of the raw policy files: auto detects it from each file's content (rcp: resource control policy, never detected).", valueName: "kind"))
    var policyKind: PolicyKindChoice = .auto

    @Option(help: ArgumentHelp("What the raw resource policy files are attached to; checks their actions and resource ARNs. Implies --policy-kind resource.", valueName: "type"))
    var resourceType: ResourcePolicyType?

    @Option(help: ArgumentHelp("Output: text (with source lines), json, sarif (2.1.0) or github (workflow commands).", valueName: "format"))
    var format: DiagnosticOutputFormat = .text

    @Flag(help: "Exit with status 1 when there are warnings, too (the same as --strict).")
    var warningsAsErrors = false

    @Flag(help: "Pass over YAML and JSON files that are neither role specs nor IAM policies (for hooks over a whole repository).")
    var skipOtherFiles = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        if resourceType != nil && ![.auto, .resource].contains(policyKind) {
            throw ValidationError("--resource-type is for resource policies; it cannot go with --policy-kind \(policyKind.rawValue)")
        }
    }

    func run() throws {
        var options = try input.compileOptions()
        options.policyKind = resourceType == nil ? policyKind.kind : .resource
        options.resourceType = resourceType
        options.skipOtherFiles = skipOtherFiles
        let compilation = Compiler.validate(paths, options: options)
        let status = input.report(compilation, format: format)
        if status == Exit.usageOrIO { throw status }
        let failing = status != .success || (warningsAsErrors && compilation.diagnostics.contains { $0.severity == .warning })
        if failing { throw Exit.findings }
        if !input.quiet && format == .text, let model = compilation.model {
            var parts = model.countedParts
            if !compilation.policyFiles.isEmpty { parts.append("\(compilation.policyFiles.count) policy files") }
            print("ok: " + parts.joined(separator: ", "))
        }
    }
}
