import ArgumentParser
import AWSCatalog
import EffectiveAccess
import Foundation
import RoleGen
import RoleGenCore

struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "List what roles and permission sets can do, per service and access level, through all their policies.",
        discussion: """
            Expands each Allow statement's actions against rolegen's AWS catalog and asks the \
            evaluation engine, with the role's whole policy set (inline, customer managed and AWS \
            managed policies, permissions boundary, the SCPs the specs attach), on which \
            resources each action is allowed: on every resource, on some resources, only if \
            conditions hold, or removed (by the boundary, an SCP or a Deny). Statements of \
            NotAction or `*` are summed up as written (docs/access.md).

            Examples:
              rolegen access -f Examples/ec2-app.yaml
              rolegen access web-app-ec2 -f Examples/ec2-app.yaml --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("Roles or permission sets of the specs (default: every one).", valueName: "principal"))
    var principals: [String] = []

    @Option(name: [.customShort("f"), .customLong("spec")], help: ArgumentHelp(
        "Spec files or directories of specs (repeatable; default: the current directory).", valueName: "path"))
    var specs: [String] = []

    @Option(help: "Output format: text or json (schema in docs/access.md).")
    var format: Format = .text

    @Flag(help: "One line per service even when a group holds many services.")
    var perService = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        // `rolegen access roles.yaml` would read the whole current directory and then look
        // for a role named roles.yaml.
        if specs.isEmpty, let file = principals.first(where: { FileManager.default.fileExists(atPath: $0) && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") || $0.hasSuffix("/")) }) {
            throw ValidationError("'\(file)' is a file; give specs with -f: rolegen access -f \(file)")
        }
    }

    func run() throws {
        var options = try input.compileOptions()
        options.lint = false
        let compilation = Compiler.compile(specs.isEmpty ? ["."] : specs, options: options)
        guard let model = compilation.model else {
            _ = input.report(compilation)
            throw Exit.usageOrIO
        }
        let subjects = try subjects(model)
        func report(_ subject: (kind: String, name: String, range: SourceRange, effective: EffectivePolicies)) -> EffectiveAccessReport {
            EffectiveAccessReport(kind: subject.kind, name: subject.name, location: "\(subject.range.file):\(subject.range.start.line):\(subject.range.start.column)",
                                  effective: subject.effective)
        }
        switch format {
        case .text:
            // In batches, printed as they are done: ten thousand reports are not kept at once.
            let batch = 256
            for start in stride(from: 0, to: subjects.count, by: batch) {
                let texts = Array(subjects[start..<min(start + batch, subjects.count)]).concurrentMap { report($0).text(perService: perService) }
                FileHandle.standardOutput.write(Data(texts.joined().utf8))
            }
        case .json:
            let reports = subjects.concurrentMap(report)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(AccessDocument(principals: reports))
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }

    /// The named roles and permission sets, or all of them in the spec's order.
    private func subjects(_ model: Model) throws -> [(String, String, SourceRange, EffectivePolicies)] {
        let roles = zip(model.roles, EffectivePolicies.ofRoles(in: model)).map { ("role", $0.0.name, $0.0.range, $0.1) }
        let sets = zip(model.permissionSets, EffectivePolicies.ofPermissionSets(in: model)).map { ("permission set", $0.0.name, $0.0.range, $0.1) }
        let all = roles + sets
        guard !principals.isEmpty else { return all }
        return try principals.map { wanted in
            guard let found = all.first(where: { $0.1.lowercased() == wanted.lowercased() }) else {
                let hint = Nearest.closest(to: wanted, in: all.map(\.1)).map { "; did you mean '\($0)'?" } ?? ""
                let place = specs.isEmpty ? "the specs of the current directory" : specs.joined(separator: ", ")
                FileHandle.standardError.write(Data("rolegen: error: no role or permission set '\(wanted)' in \(place)\(hint)\n".utf8))
                throw Exit.usageOrIO
            }
            return found
        }
    }
}

/// `rolegen access --format json`: version 1 of the schema in docs/access.md.
private struct AccessDocument: Encodable {
    var version = 1
    var principals: [EffectiveAccessReport]
}
