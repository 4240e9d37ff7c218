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
    public static let builtIn: [any Backend] = [
        IAMJSONBackend(),
        TerraformBackend(),
        CloudFormationBackend(),
        CLIBackend(),
    ]
        + (TemplateBackend.builtIn as [any Backend])  // from Templates/, embedded

    public static func backend(named name: String) -> (any Backend)? {
        builtIn.first { $0.name == name }
    }
}
