import ArgumentParser
import Foundation
import RoleGen
import RoleGenCore

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// Options every command that reads specs shares.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp(
        "Set a spec variable, overriding the spec's own value (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Flag(name: .shortAndLong, help: "Print errors only; no warnings, notes or summary.")
    var quiet = false

    @Option(help: "Colour diagnostics: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Treat warnings (lint findings included) as errors.")
    var strict = false

    @Option(help: ArgumentHelp("Lint configuration to use instead of the nearest .rolegen.yaml above the first input file.", valueName: "file"))
    var config: String?

    @Flag(help: "Skip the least-privilege lint rules and the custom checks of .rolegen.yaml (grammar and AWS limits are still checked).")
    var noLint = false

    @Option(help: ArgumentHelp("Most diagnostics to print as text or GitHub annotations; the summary still counts them all (0: no limit).", valueName: "n"))
    var maxDiagnostics = 1000

    @Option(help: "Largest input file in bytes.")
    var maxInputBytes = YAMLLimits.default.maxInputBytes

    @Option(help: "Deepest nesting of YAML mappings and lists.")
    var maxDepth = YAMLLimits.default.maxDepth

    @Option(help: "Most nodes YAML aliases may add by expansion.")
    var maxAliasNodes = YAMLLimits.default.maxAliasNodes

    @Option(help: "Longest single YAML scalar in bytes.")
    var maxScalarBytes = YAMLLimits.default.maxScalarBytes

    func compileOptions() throws -> CompileOptions {
        var values: [String: String] = [:]
        for assignment in variables {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--var expects name=value, got '\(assignment)'")
            }
            let name = String(assignment[..<equals]), value = String(assignment[assignment.index(after: equals)...])
            if let problem = ScalarText.problem(in: value) {
                throw ValidationError("--var \(name): \(problem.message); \(problem.fixIt)")
            }
            values[name] = value
        }
        for (name, value) in [("--max-input-bytes", maxInputBytes), ("--max-depth", maxDepth),
                              ("--max-alias-nodes", maxAliasNodes), ("--max-scalar-bytes", maxScalarBytes)] where value < 1 {
            throw ValidationError("\(name) must be at least 1, got \(value)")
        }
        let limits = YAMLLimits(maxInputBytes: maxInputBytes, maxDepth: maxDepth,
                                maxAliasNodes: maxAliasNodes, maxScalarBytes: maxScalarBytes)
        return CompileOptions(variables: values, limits: limits, lint: !noLint, lintConfigurationPath: config)
    }

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            return ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && isatty(STDERR_FILENO) == 1
        }
    }

    /// Prints diagnostics to standard error and returns the exit code they call for.
    /// Text goes to standard error, next to other messages; machine formats to standard output.
    func report(_ compilation: Compilation, format: DiagnosticOutputFormat = .text) -> ExitCode {
        let selected = quiet ? compilation.diagnostics.filter { $0.severity == .error } : compilation.diagnostics
        // A spec with a million broken entries would print gigabytes; the first ones are what
        // a reader acts on. JSON and SARIF stay complete: tools read them.
        let capped = maxDiagnostics > 0 && (format == .text || format == .github)
        let shown = capped ? Array(selected.prefix(maxDiagnostics)) : selected
        let renderer = DiagnosticRenderer(format: format, useColor: useColor, sources: compilation.sources,
                                          tool: DiagnosticRenderer.Tool(name: "rolegen", version: RoleGenCommand.version))
        var text = renderer.render(shown)
        if format == .text {
            if shown.count < selected.count {
                text += "rolegen: \(selected.count - shown.count) more diagnostics not shown (--max-diagnostics 0 shows all)\n"
            }
            if !quiet && !shown.isEmpty { text += DiagnosticFormatter.summary(compilation.diagnostics) + "\n" }
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if compilation.hasIOErrors { return Exit.usageOrIO }
        return failing(compilation) ? Exit.findings : .success
    }

    /// Errors fail a run; with `--strict`, warnings do too.
    func failing(_ compilation: Compilation) -> Bool {
        compilation.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }
}

extension Model {
    /// `13 roles`, `4 policies`, then the organization pieces the model has, for summaries.
    var countedParts: [String] {
        ["\(roles.count) roles", "\(policies.count) policies"]
            + [(serviceLinkedRoles.count, "service-linked roles"), (serviceControlPolicies.count, "service control policies"),
               (permissionSets.count, "permission sets")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
    }
}
