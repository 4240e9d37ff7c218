import EffectiveAccess
import ArgumentParser
import AWSCatalog
import Foundation
import PolicyEval
import RoleGen
import RoleGenCore

struct CanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can",
        abstract: "Decide whether a role, a permission set or an identity policy file may take an action, as AWS would.",
        discussion: """
            Evaluates the role's inline, customer managed and AWS managed policies, its \
            permissions boundary and the service control policies the specs attach to the root \
            or to its account, with AWS's policy evaluation logic (docs/evaluation.md). Condition \
            keys not given with --context are unknown: tests on them are printed as the \
            conditions the answer depends on.

            Exit codes: 0 allowed; 1 denied (explicitly or implicitly); 3 allowed only if the \
            printed conditions hold; 2 usage or I/O error, or specs with errors.

            Examples:
              rolegen can web-app-ec2 s3:GetObject arn:aws:s3:::example-web-app-assets/index.html -f Examples/ec2-app.yaml
              rolegen can deployer iam:PassRole '*' --context iam:PassedToService=lambda.amazonaws.com
              rolegen can policy.json s3:PutObject arn:aws:s3:::bucket/key
            """
    )

    @Argument(help: ArgumentHelp("A role or permission set of the specs, or an identity policy file (.json, .yaml).", valueName: "principal"))
    var principal: String

    @Argument(help: ArgumentHelp("The action, service:Name (s3:GetObject).", valueName: "action"))
    var action: String

    @Argument(help: ArgumentHelp("The resource ARN; * for an action that names no resource.", valueName: "resource"))
    var resource = "*"

    @Option(name: [.customShort("f"), .customLong("spec")], help: ArgumentHelp(
        "Spec files or directories of specs (repeatable; default: the current directory).", valueName: "path"))
    var specs: [String] = []

    @Option(name: .customLong("context"), help: ArgumentHelp(
        "A condition key of the request and its value (repeatable; repeat a key for several values).", valueName: "key=value"))
    var contextValues: [String] = []

    @Flag(help: "Keys not given with --context are absent from the request, rather than unknown.")
    var completeContext = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !action.contains(where: { $0 == "*" || $0 == "?" }) else {
            throw ValidationError("the action must be one action, service:Name (s3:GetObject), got '\(action)'")
        }
    }

    func run() throws {
        var context: [String: [String]] = [:]
        for assignment in contextValues {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--context expects key=value, got '\(assignment)'")
            }
            context[String(assignment[..<equals]), default: []].append(String(assignment[assignment.index(after: equals)...]))
        }
        let (subject, sources) = try effectivePolicies()
        if Catalog.shared.service(String(action.prefix { $0 != ":" }))?.action(named: String(action.drop { $0 != ":" }.dropFirst())) == nil {
            FileHandle.standardError.write(Data("rolegen: warning: \(action) is not in rolegen's AWS catalog (rolegen catalog); deciding by its name\n".utf8))
        }
        let request = Request(action: action, resource: resource, principal: subject.principal, context: context, contextIsComplete: completeContext)
        let decision = subject.policies.evaluate(request)
        let report = DecisionReport(sources: sources)
        print(report.text(decision, subject: subject, request: request), terminator: "")
        switch decision {
        case .allowed: return
        case .allowedIf: throw ExitCode(3)
        case .denied, .implicitlyDenied: throw Exit.findings
        }
    }

    /// The principal's policies, and the files read (to tell spec locations from AWS's documents).
    private func effectivePolicies() throws -> (EffectivePolicies, Set<String>) {
        if [".json", ".yaml", ".yml"].contains(where: principal.hasSuffix), FileManager.default.fileExists(atPath: principal) {
            var options = try input.compileOptions()
            options.lint = false
            options.policyKind = .identity
            // Checked as `validate` checks it; then read into the model, which checking does not keep.
            let compilation = Compiler.validate([principal], options: options)
            guard !compilation.diagnostics.contains(where: { $0.severity == .error }), let text = compilation.sources[principal],
                  let root = YAMLReader.read(Array(text.utf8), file: principal).root,
                  let document = DocumentReader.read(root, isJSON: principal.hasSuffix(".json")).0 else {
                _ = input.report(compilation)
                throw Exit.usageOrIO
            }
            return (EffectivePolicies(document: document, file: principal), Set(compilation.sources.keys))
        }
        var options = try input.compileOptions()
        options.lint = false
        let compilation = Compiler.compile(specs.isEmpty ? ["."] : specs, options: options)
        guard let model = compilation.model else {
            _ = input.report(compilation)
            throw Exit.usageOrIO
        }
        guard let subject = EffectivePolicies(named: principal, in: model) else {
            let names = model.roles.map(\.name) + model.permissionSets.map(\.name)
            let hint = Nearest.closest(to: principal, in: names).map { "; did you mean '\($0)'?" } ?? ""
            let place = specs.isEmpty ? "the specs of the current directory" : specs.joined(separator: ", ")
            FileHandle.standardError.write(Data("rolegen: error: no role or permission set '\(principal)' in \(place)\(hint)\n".utf8))
            throw Exit.usageOrIO
        }
        return (subject, Set(compilation.sources.keys))
    }
}

/// The decision in words: the verdict, the statements that decide it, and the conditions still open.
struct DecisionReport {
    /// Files read from disk: statements there are located by file:line:col.
    var sources: Set<String>

    func text(_ decision: Decision, subject: EffectivePolicies, request: Request) -> String {
        let asked = "\(subject.subject) \(request.action) on \(request.resource)"
        var lines: [String]
        switch decision {
        case .allowed(let statements):
            lines = ["allowed: \(asked)"] + statements.map { "  allowed by " + name($0) }
        case .denied(let statement):
            lines = ["denied: \(asked)", "  explicitly denied by " + name(statement)]
        case .implicitlyDenied(let reason):
            lines = ["denied: \(asked)", "  implicitly denied: " + Self.reason(reason)]
        case .allowedIf(let formula):
            lines = ["allowed only if: \(asked)"] + condition(formula, indent: "  ")
        }
        lines += subject.assumptions.map { "  note: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    static func reason(_ reason: ImplicitDenial) -> String {
        switch reason {
        case .noAllow: return "no policy allows it"
        case .notAllowedByPermissionsBoundary: return "the permissions boundary does not allow it"
        case .notAllowedByServiceControlPolicies(let level): return "no service control policy \(level == 0 ? "at the root" : "of the account") allows it"
        case .notAllowedByResourceControlPolicies(let level): return "no resource control policy at level \(level) allows it"
        }
    }

    /// `statement 'ReadAssets' of inline policy 'main' (roles.yaml:12:11)`.
    func name(_ statement: StatementReference) -> String {
        let which = statement.sid.map { "statement '\($0)'" } ?? "statement \(statement.index + 1)"
        let at = sources.contains(statement.range.file)
            ? " (\(statement.range.file):\(statement.range.start.line):\(statement.range.start.column))" : ""
        return "\(which) of \(statement.origin)\(at)"
    }

    /// The formula as an indented tree, one clause a line.
    func condition(_ formula: Formula, indent: String) -> [String] {
        switch formula {
        case .always: return [indent + "always"]
        case .never: return [indent + "never"]
        case .clause(let clause): return [indent + self.clause(clause)]
        case .not(.clause(let clause)): return [indent + "not: " + self.clause(clause)]
        case .not(.any(let parts)): return [indent + "none of:"] + parts.flatMap { condition($0, indent: indent + "  ") }
        case .not(.all(let parts)): return [indent + "not all of:"] + parts.flatMap { condition($0, indent: indent + "  ") }
        case .not(let inner): return [indent + "not:"] + condition(inner, indent: indent + "  ")
        case .all(let parts): return [indent + "all of:"] + parts.flatMap { condition($0, indent: indent + "  ") }
        case .any(let parts): return [indent + "any of:"] + parts.flatMap { condition($0, indent: indent + "  ") }
        }
    }

    private func clause(_ clause: Clause) -> String {
        switch clause.test {
        case .condition(let op, let key, let values):
            return "\(op.value) \(key.value) \(values.map(\.value).joined(separator: " or ")) [\(name(clause.statement))]"
        case .resourceMatches(let pattern):
            return "the resource matches \(pattern.value) [\(name(clause.statement))]"
        }
    }
}
