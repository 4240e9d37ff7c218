import Foundation
import RoleGenCore

/// The pipeline as a library call: read → decode → resolve. Backends run on the result.
public struct Compilation {
    /// Nil when any error was found.
    public var model: Model?
    public var diagnostics: [Diagnostic]
    /// File path → text of every file read, for quoting source lines in diagnostics.
    public var sources: [String: String]

    /// True when an input could not be read at all (exit code 2 rather than 1).
    public var hasIOErrors: Bool { diagnostics.contains { $0.code == .ioError && $0.severity == .error } }
}

public struct CompileOptions {
    public var variables: [String: String]
    public var limits: YAMLLimits

    public init(variables: [String: String] = [:], limits: YAMLLimits = .default) {
        self.variables = variables
        self.limits = limits
    }
}

public enum Compiler {
    public static func compile(_ paths: [String], options: CompileOptions = CompileOptions()) -> Compilation {
        var loader = SourceLoader(limits: options.limits)
        var diagnostics: [Diagnostic] = []
        var specs: [SpecFile] = []
        var documents: [String: Node] = [:]
        for path in loader.specPaths(paths) {
            guard let root = loader.node(at: path) else { continue }
            let (spec, specDiagnostics) = SpecDecoder.decode(root, path: path)
            diagnostics += specDiagnostics
            guard let spec else { continue }
            // Missing documents are reported by the resolver, at the line that names them.
            for documentPath in documentFiles(of: spec)
            where documents[documentPath] == nil && FileManager.default.fileExists(atPath: documentPath) {
                if let node = loader.node(at: documentPath) { documents[documentPath] = node }
            }
            specs.append(spec)
        }
        diagnostics = loader.diagnostics + diagnostics
        var model: Model?
        if !diagnostics.hasErrors {
            let (resolved, resolveDiagnostics) = Resolver.resolve(specs, documents: documents, commandLineVariables: options.variables)
            diagnostics += resolveDiagnostics
            model = resolved
        }
        return Compilation(model: diagnostics.hasErrors ? nil : model, diagnostics: diagnostics.sortedByLocation(),
                           sources: loader.sources)
    }

    /// Paths of the `document_file:` entries, as the resolver will look them up.
    private static func documentFiles(of spec: SpecFile) -> [String] {
        var written: [Located<String>] = []
        func add(_ body: PolicyBody) {
            if case .documentFile(let path) = body { written.append(path) }
        }
        spec.policies.forEach { add($0.body) }
        spec.roles.forEach { $0.inlinePolicies.forEach { add($0.body) } }
        return written.map { Resolver.documentPath($0.value, relativeTo: spec.path) }
    }
}
