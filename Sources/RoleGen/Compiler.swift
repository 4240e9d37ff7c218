import Foundation
import PolicyCheck
import PolicyLint
import RoleGenCore

/// The pipeline as a library call: read → decode → resolve → check every policy document.
/// Backends run on the result.
public struct Compilation {
    /// Nil when any error was found.
    public var model: Model?
    /// The model when the only errors are lint findings (`rolegen diff` compares specs that
    /// break lint rules too: their findings are part of the comparison). Nil otherwise.
    public var modelDespiteLintErrors: Model?
    public var diagnostics: [Diagnostic]
    /// File path → text of every file read, for quoting source lines in diagnostics.
    public var sources: [String: String]
    /// Raw IAM policy files checked on their own (`rolegen validate` only), with their kind.
    public var policyFiles: [(path: String, kind: PolicyKind)] = []

    /// True when an input could not be read at all (exit code 2 rather than 1).
    /// A file that could not be read, or was refused unread as too large: exit 2, not 1.
    public var hasIOErrors: Bool {
        diagnostics.contains { ($0.code == .ioError || $0.code == .inputTooLarge) && $0.severity == .error }
    }
}

public struct CompileOptions {
    public var variables: [String: String]
    public var limits: YAMLLimits
    /// The kind of raw policy files given to `validate`; nil detects it from each file.
    public var policyKind: PolicyKind?
    /// What raw resource policy files are attached to (`validate --resource-type`).
    public var resourceType: ResourcePolicyType?
    /// Run the least-privilege lint rules after the grammar checks.
    public var lint: Bool
    /// A `.rolegen.yaml` to use instead of the one found upward from the first spec.
    public var lintConfigurationPath: String?
    /// `validate` passes over YAML and JSON files that are neither specs nor policies
    /// (workflows, manifests), as a pre-commit hook over a whole repository must.
    public var skipOtherFiles = false

    public init(variables: [String: String] = [:], limits: YAMLLimits = .default, policyKind: PolicyKind? = nil,
                lint: Bool = true, lintConfigurationPath: String? = nil) {
        self.variables = variables
        self.limits = limits
        self.policyKind = policyKind
        self.lint = lint
        self.lintConfigurationPath = lintConfigurationPath
    }
}

public enum Compiler {
    /// Specs only: `PATH` files as given, directories as their `*.yaml` / `*.yml` files.
    public static func compile(_ paths: [String], options: CompileOptions = CompileOptions()) -> Compilation {
        var loader = SourceLoader(limits: options.limits)
        let files = loader.specPaths(paths)
        let configuration = LoadedConfiguration(options, near: files.first, loader: &loader)
        return run(files.map { ($0, nil) }, loader: loader, options: options, configuration: configuration)
    }

    /// Specs and raw IAM policy files (`*.json`, or any file whose content is a policy
    /// document); directories stand for their `*.yaml`, `*.yml` and `*.json` files. Files are
    /// read, and policy files checked and linted, on all cores: each file is independent of the
    /// others, except that a trust policy's lint needs the accounts the specs declare.
    public static func validate(_ paths: [String], options: CompileOptions = CompileOptions()) -> Compilation {
        var loader = SourceLoader(limits: options.limits)
        let inputs = inputPaths(paths, loader: &loader)
        let configuration = LoadedConfiguration(options, near: inputs.first?.path, loader: &loader)
        let results = inputs.concurrentMap { path, explicit -> FileResult in
            var fileLoader = SourceLoader(limits: options.limits)
            var result = FileResult()
            if let node = fileLoader.node(at: path) {
                if isSpec(node) {
                    result.spec = node
                } else if path.hasSuffix(".json") || DocumentReader.isPolicyDocument(node) {
                    // JSON found in a directory that is neither a policy nor a spec (a manifest,
                    // a package.json) is not ours to judge.
                    if (explicit && !options.skipOtherFiles) || DocumentReader.isPolicyDocument(node) {
                        let text = fileLoader.sources[path] ?? ""
                        let checked = PolicyFile.check(node, isJSON: isJSON(text), kind: options.policyKind, text: text, resourceType: options.resourceType)
                        var diagnostics = checked.diagnostics
                        var document = checked.document
                        // Linted here while the document is at hand, unless its rules need the specs.
                        if let lint = configuration.lint, let found = document, let scope = lintScope(of: checked.kind), scope != .trust {
                            diagnostics += Linter.lint(found, scope: scope, configuration: lint)
                            document = nil
                        }
                        result.policy = (checked.kind, document, diagnostics)
                    }
                } else if !options.skipOtherFiles {
                    result.spec = node
                }
            }
            result.sources = fileLoader.sources
            result.readDiagnostics = fileLoader.diagnostics
            return result
        }
        var specs: [(String, Node?)] = []
        var policyFiles: [(path: String, kind: PolicyKind)] = []
        var policyDocuments: [(document: PolicyDocument, kind: PolicyKind)] = []
        var policyDiagnostics: [Diagnostic] = []
        for ((path, _), result) in zip(inputs, results) {
            loader.sources.merge(result.sources) { first, _ in first }
            loader.diagnostics += result.readDiagnostics
            if let node = result.spec { specs.append((path, node)) }
            if let (kind, document, diagnostics) = result.policy {
                policyFiles.append((path, kind))
                if let document { policyDocuments.append((document, kind)) }
                policyDiagnostics += diagnostics
            }
        }
        var compilation = run(specs, loader: loader, options: options, configuration: configuration,
                              policyDocuments: policyDocuments, extra: policyDiagnostics, emptyModelWhenNoSpecs: true)
        compilation.policyFiles = policyFiles
        return compilation
    }

    private struct FileResult {
        var sources: [String: String] = [:]
        var readDiagnostics: [Diagnostic] = []
        var spec: Node?
        /// `document`: nil when it could not be read, or when it was linted already.
        var policy: (kind: PolicyKind, document: PolicyDocument?, diagnostics: [Diagnostic])?
    }

    /// The lint configuration (nil with `--no-lint`) and the problems of its file.
    private struct LoadedConfiguration {
        var lint: LintConfiguration?
        var diagnostics: [Diagnostic] = []

        /// `--config`, else the nearest `.rolegen.yaml` above `firstInput`, else the defaults.
        init(_ options: CompileOptions, near firstInput: String?, loader: inout SourceLoader) {
            guard options.lint else { return }
            lint = lintConfiguration(options, near: firstInput, loader: &loader, diagnostics: &diagnostics)
        }
    }

    /// `files`: paths with their parsed tree when already read. `policyDocuments`: raw policy
    /// files still to lint, with the specs' accounts. `extra`: diagnostics found before (policy
    /// files), reported with the rest.
    private static func run(_ files: [(path: String, node: Node?)], loader: SourceLoader, options: CompileOptions,
                            configuration loaded: LoadedConfiguration, policyDocuments: [(document: PolicyDocument, kind: PolicyKind)] = [],
                            extra: [Diagnostic] = [], emptyModelWhenNoSpecs: Bool = false) -> Compilation {
        var loader = loader
        var diagnostics: [Diagnostic] = []
        var specs: [SpecFile] = []
        var documents: [String: Node] = [:]
        for (path, parsed) in files {
            guard let root = parsed ?? loader.node(at: path) else { continue }
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
        // Policy files are linted even when a spec has errors.
        let configuration = loaded.lint
        var model: Model?
        var lintFindings: [Diagnostic] = []
        if !diagnostics.hasErrors && !(specs.isEmpty && emptyModelWhenNoSpecs) {
            let (resolved, resolveDiagnostics) = Resolver.resolve(specs, documents: documents, commandLineVariables: options.variables)
            diagnostics += resolveDiagnostics
            model = resolved
            if let resolved {
                diagnostics += check(resolved)
                if let configuration {
                    let findings = Linter.lint(resolved, configuration: configuration, specs: specs)
                    lintFindings = findings
                    diagnostics += findings
                    model?.lint = LintReport(diagnostics: findings.filter { $0.code != Linter.unusedSuppression },
                                             suppressions: specs.flatMap(\.lintSuppressions), model: resolved)
                }
            }
        } else if !diagnostics.hasErrors {
            model = Model(roles: [], policies: [], sourceFiles: [])
        }
        if let configuration {
            diagnostics += lint(policyDocuments, configuration: configuration, specs: specs)
        }
        diagnostics += loaded.diagnostics + extra
        var compilation = Compilation(model: diagnostics.hasErrors ? nil : model, diagnostics: unique(diagnostics).sortedByLocation(),
                                      sources: loader.sources)
        let lintErrors = lintFindings.filter { $0.severity == .error }.count
        if diagnostics.filter({ $0.severity == .error }).count == lintErrors { compilation.modelDespiteLintErrors = model }
        return compilation
    }

    /// Runs the policy grammar checks on every document the model holds: trust policies,
    /// inline policies, customer policies (as boundaries when a role uses them so), and so
    /// the documents of `document_file:` too, service control policies and permission sets' inline
    /// policies. Size quotas were checked by the resolver. Documents are independent, so roles
    /// are checked in slices on all cores; diagnostics keep the order of a sequential run.
    public static func check(_ model: Model) -> [Diagnostic] {
        let options = PolicyChecker.Options(checkSize: false)
        let roles = model.roles
        let sliceCount = min(roles.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        var diagnostics = Array(0..<sliceCount).concurrentMap { slice in
            var diagnostics: [Diagnostic] = []
            for role in roles[(roles.count * slice / sliceCount)..<(roles.count * (slice + 1) / sliceCount)] {
                diagnostics += PolicyChecker.check(role.trustPolicy, kind: .trust, options: options)
                for inline in role.inlinePolicies {
                    diagnostics += PolicyChecker.check(inline.document, kind: .identity, options: options)
                }
            }
            return diagnostics
        }.flatMap { $0 }
        var boundaries: Set<String> = []
        for role in roles {
            if case .customer(let name)? = role.permissionsBoundary?.kind { boundaries.insert(name) }
        }
        for policy in model.policies {
            let kind: PolicyKind = boundaries.contains(policy.name) ? .boundary : .identity
            diagnostics += PolicyChecker.check(policy.document, kind: kind, options: options)
        }
        for policy in model.serviceControlPolicies {
            diagnostics += PolicyChecker.check(policy.document, kind: .scp, options: options)
        }
        for permissionSet in model.permissionSets {
            if let inline = permissionSet.inlinePolicy {
                diagnostics += PolicyChecker.check(inline, kind: .identity, options: options)
            }
        }
        return diagnostics
    }

    /// Lint findings for raw policy files, linted on all cores (each file on its own), in
    /// the order of `documents`.
    private static func lint(_ documents: [(document: PolicyDocument, kind: PolicyKind)], configuration: LintConfiguration,
                             specs: [SpecFile]) -> [Diagnostic] {
        documents.concurrentMap { document, kind in
            lintScope(of: kind).map { Linter.lint(document, scope: $0, configuration: configuration, specs: specs) } ?? []
        }.flatMap { $0 }
    }

    /// The lint rules a raw policy file gets: permission rules for the documents a role's
    /// permissions are made of, trust rules for trust policies, SCP rules for SCPs. Resource
    /// policies belong to no role: they get the grammar checks only.
    private static func lintScope(of kind: PolicyKind) -> RuleScope? {
        switch kind {
        case .identity, .boundary: return .permissions
        case .trust: return .trust
        case .scp: return .serviceControlPolicy
        case .resource, .rcp: return nil
        }
    }

    private static func lintConfiguration(_ options: CompileOptions, near firstInput: String?, loader: inout SourceLoader,
                                          diagnostics: inout [Diagnostic]) -> LintConfiguration {
        guard let path = options.lintConfigurationPath ?? firstInput.flatMap({ LintConfiguration.locate(from: $0) }) else {
            return .default
        }
        guard let data = loader.read(path) else { return .default }
        loader.sources[path] = String(decoding: data, as: UTF8.self)
        let (configuration, problems) = LintConfiguration.decode(data, file: path)
        diagnostics += problems
        return configuration ?? .default
    }

    /// The same finding reached twice (a document file checked on its own and through a
    /// spec, a statement shared by an anchor) is reported once.
    private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // Kept by hash → index of the first with that hash: a set of the diagnostics themselves
        // copied every value into its table, most of the run for a file with a million findings.
        var result: [Diagnostic] = []
        result.reserveCapacity(diagnostics.count)
        var firstWithHash: [Int: Int] = [:]
        firstWithHash.reserveCapacity(diagnostics.count)
        for diagnostic in diagnostics {
            let hash = diagnostic.hashValue
            if let index = firstWithHash[hash] {
                // Equal hashes of different diagnostics are vanishingly rare; those are compared in full.
                if result[index...].contains(diagnostic) { continue }
            } else {
                firstWithHash[hash] = result.count
            }
            result.append(diagnostic)
        }
        return result
    }

    /// A rolegen spec has a top-level `version: 1`, or `version` beside one of its own keys
    /// (`roles`, `policies`, …), so that a wrong version is still reported; policies have
    /// `Version`. Other tools' files with a `version` (package.json, docker-compose.yml,
    /// dependabot.yml) are not specs.
    private static func isSpec(_ node: Node) -> Bool {
        guard let pairs = node.pairs, let version = pairs.first(where: { $0.key.scalar?.value == "version" }) else { return false }
        return version.value.scalar?.value == "1"
            || pairs.contains { $0.key.scalar?.value != "version" && SpecDecoder.topLevelKeys.contains($0.key.scalar?.value ?? "") }
    }

    /// JSON text starts with `{` or `[`; anything else is read with YAML's rules.
    private static func isJSON(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Files as given; directories as their `*.yaml`, `*.yml` and `*.json` files, recursively,
    /// sorted, skipping names that start with a dot.
    private static func inputPaths(_ paths: [String], loader: inout SourceLoader) -> [(path: String, explicit: Bool)] {
        var result: [(String, Bool)] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result += loader.specPaths([path]).map { ($0, true) }
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = SourceLoader.files(under: base)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                .sorted()
            if found.isEmpty {
                loader.diagnostics.append(.error(.ioError, "directory holds no .yaml, .yml or .json files", at: .file(path)))
            }
            result += found.map { (base + "/" + $0, false) }
        }
        return result
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
