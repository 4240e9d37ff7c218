import Backends
import RoleGenCore

/// Runs backends over a model, giving each the form of the model it can render.
public enum Renderer {
    public struct Output {
        public var backend: String
        public var files: [OutputFile]
    }

    /// Backends run concurrently (each is a pure function of the model); outputs keep the
    /// order of `backends`.
    public static func render(_ model: Model, with backends: [any Backend]) -> (outputs: [Output], diagnostics: [Diagnostic]) {
        var jobs: [(backend: any Backend, model: Model)] = []
        var diagnostics: [Diagnostic] = []
        for backend in backends {
            guard !backend.rendersDeployInputs && !model.inputs.isEmpty else {
                jobs.append((backend, model))
                continue
            }
            // The backend needs concrete values: defaults, or an error naming each missing one.
            let missing = model.inputs.filter { $0.defaultValue == nil }
            for input in missing {
                diagnostics.append(.error(
                    .missingInput, "target \(backend.name) needs a value for deploy-time input '\(input.name)'",
                    at: nil, fixIt: "pass --var \(input.name)=VALUE, or give the input a default"))
            }
            guard missing.isEmpty else { continue }
            let values = Dictionary(uniqueKeysWithValues: model.inputs.map { ($0.name, $0.defaultValue!) })
            jobs.append((backend, model.substitutingInputs(values)))
        }
        let outputs = jobs.concurrentMap { backend, model in Output(backend: backend.name, files: backend.render(model)) }
        return (outputs, diagnostics)
    }
}
