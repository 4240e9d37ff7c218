import Foundation
import Mustache
import RoleGenCore

/// A backend made of mustache templates and a `backend.yaml`, rendered over the template
/// context (docs/template-context.md). Built-in ones come from `Templates/`, embedded in the
/// binary; users add their own with `--template DIR`.
public struct TemplateBackend: Backend {
    public enum Origin: Sendable, Equatable {
        /// Embedded from the repository's `Templates/NAME/`.
        case builtIn
        /// Loaded from a directory at run time.
        case directory(String)
    }

    struct File: Sendable {
        var path: String
        var template: String
        var escape: TemplateEscape
        var executable: Bool
    }

    public let name: String
    public let summary: String
    public let origin: Origin
    /// The escaping of files that do not set their own.
    public let escape: TemplateEscape
    let files: [File]
    /// One library per escaping in use: every template of the backend, each starting with the
    /// pragma that selects that escaping, so partials escape like the file that includes them.
    let libraries: [TemplateEscape: MustacheLibrary]

    /// Output file names, for `rolegen targets`.
    public var outputPaths: [String] { files.map(\.path) }

    public func render(_ model: Model) -> [OutputFile] {
        let context = Self.mustacheValue(TemplateContext.value(of: model))
        return files.map { file in
            let text = libraries[file.escape]?.render(context, withTemplate: file.template) ?? ""
            return OutputFile(file.path, text, executable: file.executable)
        }
    }

    /// JSON objects become dictionaries (which swift-mustache looks up by key), `null` becomes
    /// `NSNull`: present, so a lookup stops there instead of climbing to an enclosing object's
    /// field of the same name, and false in sections.
    static func mustacheValue(_ value: JSONValue) -> Any {
        switch value {
        case .string(let s): return s
        case .text(let text): return text.shown
        case .integer(let n): return n
        case .bool(let b): return b
        case .null: return NSNull()
        case .array(let items): return items.map(mustacheValue)
        case .object(let members):
            var dictionary: [String: Any] = [:]
            for (key, item) in members { dictionary[key] = mustacheValue(item) }
            return dictionary
        }
    }
}

extension TemplateBackend {
    /// The template backends built from `Templates/`, embedded by scripts/embed-templates.
    public static let builtIn: [TemplateBackend] = BuiltInTemplates.directories.map { directory in
        do {
            return try TemplateLoader.load(files: directory.files, location: "Templates/\(directory.name)", origin: .builtIn)
        } catch {
            // The embedded templates are checked by the test suite; reaching this is a build defect.
            fatalError("built-in template backend \(directory.name) does not load: \(error)")
        }
    }

    /// Names and summaries of the built-in template backends, read from their manifests only.
    public static let builtInSummaries: [(name: String, summary: String)] = BuiltInTemplates.directories.compactMap { directory in
        TemplateLoader.summary(files: directory.files, location: "Templates/\(directory.name)")
    }

    /// Loads a template backend from a directory holding `backend.yaml` and its templates.
    public static func load(directory: String) throws -> TemplateBackend {
        try TemplateLoader.load(directory: directory)
    }
}
