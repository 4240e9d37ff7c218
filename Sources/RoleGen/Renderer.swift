import Backends
import RoleGenCore

/// Runs backends over a model, giving each the form of the model it can render.
public enum Renderer {
    public struct Output {
        public var backend: String
        public var files: [OutputFile]
    }

    public static func render(_ model: Model, with backends: [any Backend]) -> (outputs: [Output], diagnostics: [Diagnostic]) {
        var outputs: [Output] = []
        var diagnostics: [Diagnostic] = []
        for backend in backends {
            guard !backend.rendersDeployInputs && !model.inputs.isEmpty else {
                outputs.append(Output(backend: backend.name, files: backend.render(model)))
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
            outputs.append(Output(backend: backend.name, files: backend.render(model.substitutingInputs(values))))
        }
        return (outputs, diagnostics)
    }
}
