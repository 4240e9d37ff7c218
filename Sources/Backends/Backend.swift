import RoleGenCore

/// A file a backend produces, relative to its target directory.
public struct OutputFile: Equatable, Sendable {
    public var path: String
    public var contents: String
    public var executable: Bool

    public init(_ path: String, _ contents: String, executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}

/// A generator from the resolved model to files. Backends see only the model; none knows another.
public protocol Backend: Sendable {
    /// The `--target` name, which is also the output subdirectory.
    var name: String { get }
    var summary: String { get }
    /// Whether the backend renders deploy-time inputs itself (as module variables, stack
    /// parameters, …). Backends that do not receive a model with every input substituted.
    var rendersDeployInputs: Bool { get }
    func render(_ model: Model) -> [OutputFile]
}

extension Backend {
    public var rendersDeployInputs: Bool { false }
}

public enum BackendRegistry {
    /// The backends written in Swift.
    private static let native: [any Backend] = [
        IAMJSONBackend(),
        TerraformBackend(),
        CloudFormationBackend(),
        CLIBackend(),
    ]

    public static let builtIn: [any Backend] = native + (TemplateBackend.builtIn as [any Backend])  // from Templates/, embedded

    /// `builtIn`'s names and summaries, for help text, without loading any template.
    public static var builtInSummaries: [(name: String, summary: String)] {
        native.map { ($0.name, $0.summary) }
            + TemplateBackend.builtInSummaries
    }

    public static func backend(named name: String) -> (any Backend)? {
        builtIn.first { $0.name == name }
    }
}
