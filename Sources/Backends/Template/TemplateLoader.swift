import Foundation
import Mustache
import RoleGenCore

/// Why a template backend could not be loaded: one `file:line:col: message` line per problem.
public struct TemplateLoadError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// Reads a template backend: `backend.yaml` (read with rolegen's own YAML front end, so
/// problems carry a line and column) and every `*.mustache` file beside it, which become
/// templates and partials named by their path without `.mustache`.
enum TemplateLoader {
    static let manifestName = "backend.yaml"
    static let templateExtension = ".mustache"
    /// Largest template or manifest file read.
    static let maxFileBytes = 1 << 20

    static func load(directory: String) throws -> TemplateBackend {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateLoadError(problems: ["\(directory): not a directory (a template backend is a directory with \(manifestName))"])
        }
        var files: [(path: String, text: String)] = []
        var problems: [String] = []
        let root = URL(fileURLWithPath: directory)
        let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                                       options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            guard relative == manifestName || relative.hasSuffix(templateExtension) else { continue }
            let display = (directory as NSString).appendingPathComponent(relative)
            if let size = values?.fileSize, size > maxFileBytes {
                problems.append("\(display): larger than \(maxFileBytes) bytes")
                continue
            }
            guard let data = fm.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                problems.append("\(display): cannot be read as UTF-8 text")
                continue
            }
            files.append((relative, text))
        }
        guard problems.isEmpty else { throw TemplateLoadError(problems: problems) }
        return try load(files: files.sorted { $0.path < $1.path }, location: directory,
                        origin: .directory(directory))
    }

    static func load(files: [(path: String, text: String)], location: String, origin: TemplateBackend.Origin) throws -> TemplateBackend {
        _ = TemplateEscape.registered
        var problems: [String] = []
        let manifestPath = (location as NSString).appendingPathComponent(manifestName)
        guard let manifestText = files.first(where: { $0.path == manifestName })?.text else {
            throw TemplateLoadError(problems: ["\(manifestPath): missing (a template backend needs a \(manifestName))"])
        }
        let read = YAMLReader.read(Array(manifestText.utf8), file: manifestPath)
        problems += read.diagnostics.filter { $0.severity == .error }.map { format($0.message, $0.range) }
        guard problems.isEmpty, let root = read.root else {
            throw TemplateLoadError(problems: problems.isEmpty ? ["\(manifestPath): empty"] : problems)
        }
        var manifest = ManifestReader(path: manifestPath)
        let decoded = manifest.decode(root)
        problems += manifest.problems

        // Templates: check for tags that would choose the escaping, then parse once per escaping.
        var templateTexts: [String: String] = [:]
        for file in files where file.path.hasSuffix(templateExtension) {
            let display = (location as NSString).appendingPathComponent(file.path)
            if let problem = forbiddenTag(in: file.text, file: display) {
                problems.append(problem)
                continue
            }
            templateTexts[String(file.path.dropLast(templateExtension.count))] = file.text
        }
        guard let decoded, problems.isEmpty else { throw TemplateLoadError(problems: problems) }

        var outputPaths: Set<String> = []
        var outputs: [TemplateBackend.File] = []
        for file in decoded.files {
            let escape = file.escape ?? decoded.escape
            if !outputPaths.insert(file.path.value).inserted {
                problems.append(format("output file '\(file.path.value)' is listed twice", file.path.range))
            }
            var name = file.template.value
            if name.hasSuffix(templateExtension) { name = String(name.dropLast(templateExtension.count)) }
            if templateTexts[name] == nil {
                problems.append(format("no template '\(file.template.value)' in \(location) (templates end in \(templateExtension))",
                                       file.template.range))
            }
            outputs.append(TemplateBackend.File(path: file.path.value, template: name, escape: escape, executable: file.executable))
        }
        var libraries: [TemplateEscape: MustacheLibrary] = [:]
        for escape in Set(outputs.map(\.escape)) {
            var library = MustacheLibrary()
            for (name, text) in templateTexts.sorted(by: { $0.key < $1.key }) {
                do {
                    // The pragma line is standalone, so it renders nothing.
                    let own = decoded.partialEscapes[name] ?? escape
                    library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(own.contentTypeName) }}\n" + text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    let display = (location as NSString).appendingPathComponent(name + templateExtension)
                    let message = "\(display):\(error.context.lineNumber - 1):\(error.context.columnNumber): \(describe(error.error))"
                    if !problems.contains(message) { problems.append(message) }
                } catch {
                    problems.append("\(location)/\(name)\(templateExtension): \(error)")
                }
            }
            libraries[escape] = library
        }
        for name in decoded.partialEscapes.keys.sorted() where templateTexts[name] == nil {
            problems.append("\(manifestPath): 'partials' names '\(name)', but there is no template '\(name)\(templateExtension)' in \(location)")
        }
        guard problems.isEmpty else { throw TemplateLoadError(problems: problems) }
        return TemplateBackend(name: decoded.name, summary: decoded.description, origin: origin, escape: decoded.escape,
                               files: outputs, libraries: libraries)
    }

    /// The name and description of a `backend.yaml`, without parsing any template: help text
    /// needs only these, and parsing every built-in template would double rolegen's start-up time.
    static func summary(files: [(path: String, text: String)], location: String) -> (name: String, summary: String)? {
        let manifestPath = (location as NSString).appendingPathComponent(manifestName)
        guard let manifestText = files.first(where: { $0.path == manifestName })?.text,
              let root = YAMLReader.read(Array(manifestText.utf8), file: manifestPath).root else { return nil }
        var manifest = ManifestReader(path: manifestPath)
        return manifest.decode(root).map { ($0.name, $0.description) }
    }

    /// Tags that would let a template write a value unescaped or change how values are escaped.
    /// Delimiter changes are refused too, so `{{` is the only tag opener to look for.
    static func forbiddenTag(in text: String, file: String) -> String? {
        let forbidden: [Character: String] = [
            "{": "'{{{…}}}' writes a value unescaped",
            "&": "'{{&…}}' writes a value unescaped",
            "%": "'{{%…}}' pragmas would change the escaping",
            "=": "'{{=…=}}' delimiter changes are not supported",
        ]
        var line = 1, column = 1
        var previous: Character?, beforePrevious: Character?
        for character in text {
            if beforePrevious == "{" && previous == "{", let reason = forbidden[character] {
                return "\(file):\(line):\(column - 2): \(reason); write '{{name}}': the backend escapes every value for its target"
            }
            (beforePrevious, previous) = (previous, character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "section closed with a different name than it was opened with"
        case .unfinishedName?: return "tag is not closed, or its name has characters mustache does not allow"
        case .expectedSectionEnd?: return "section is not closed"
        case .invalidSetDelimiter?: return "invalid delimiter change"
        case .transformAppliedToInheritanceSection?: return "transforms cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection?: return "only blocks may appear inside a partial with inheritance"
        case .textInsideInheritSection?: return "text inside a partial with inheritance"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: return "pragmas are not supported"
        case nil: return "\(error)"
        }
    }

    static func format(_ message: String, _ range: SourceRange?) -> String {
        guard let range else { return message }
        return "\(range.file):\(range.start.line):\(range.start.column): \(message)"
    }
}

/// Decodes `backend.yaml`: every key checked, every problem with its position.
private struct ManifestReader {
    struct FileEntry {
        var path: Located<String>
        var template: Located<String>
        var escape: TemplateEscape?
        var executable: Bool
    }

    struct Manifest {
        var name: String
        var description: String
        var escape: TemplateEscape
        var files: [FileEntry]
        /// Partials that escape their values their own way, whatever file includes them (a
        /// Mermaid diagram inside a Markdown report), by template name without `.mustache`.
        var partialEscapes: [String: TemplateEscape]
    }

    let path: String
    var problems: [String] = []

    init(path: String) { self.path = path }

    mutating func decode(_ root: Node) -> Manifest? {
        guard let pairs = mapping(root, "backend.yaml", keys: ["name", "description", "context_version", "escape", "files", "partials"]) else { return nil }
        let name = string(pairs, "name", in: root)
        if let name, !Self.isValidName(name.value) {
            problem("backend name '\(name.value)' must be lower-case letters, digits and '-', starting with a letter or digit, at most 64 characters (it names the output directory)", name.range)
        }
        let description = string(pairs, "description", in: root)
        if let version = string(pairs, "context_version", in: root), version.value != String(TemplateContext.version) {
            problem("context_version \(version.value) is not supported; this rolegen provides template context version \(TemplateContext.version)", version.range)
        }
        let escape = string(pairs, "escape", in: root).flatMap { escapeValue($0) }
        var files: [FileEntry] = []
        if let list = pairs["files"] {
            if let items = list.items, !items.isEmpty {
                for item in items { if let entry = fileEntry(item) { files.append(entry) } }
            } else {
                problem("'files' must be a non-empty list of {path, template} entries", list.range)
            }
        } else {
            problem("missing key 'files'", root.range)
        }
        var partialEscapes: [String: TemplateEscape] = [:]
        if let node = pairs["partials"] {
            if let entries = node.pairs {
                for pair in entries {
                    guard let key = pair.key.scalar?.value, let value = pair.value.scalar?.value else {
                        problem("a 'partials' entry is a template name and an escape, such as 'graph: mermaid'", pair.key.range)
                        continue
                    }
                    guard let escape = escapeValue(Located(value, pair.value.range)) else { continue }
                    partialEscapes[key.hasSuffix(".mustache") ? String(key.dropLast(".mustache".count)) : key] = escape
                }
            } else {
                problem("'partials' must be a mapping of template name to escape", node.range)
            }
        }
        guard let name, let description, let escape, problems.isEmpty else { return nil }
        return Manifest(name: name.value, description: description.value, escape: escape, files: files, partialEscapes: partialEscapes)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64 else { return false }
        func allowed(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        return allowed(first) && name.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    private mutating func fileEntry(_ node: Node) -> FileEntry? {
        guard let pairs = mapping(node, "a files entry", keys: ["path", "template", "escape", "executable"]) else { return nil }
        let path = string(pairs, "path", in: node)
        if let path {
            let components = path.value.split(separator: "/", omittingEmptySubsequences: false)
            if path.value.hasPrefix("/") || components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                problem("output path '\(path.value)' must be relative, without empty, '.' or '..' parts", path.range)
            }
        }
        let template = string(pairs, "template", in: node)
        let escape = pairs["escape"].flatMap { node -> Located<String>? in
            guard let scalar = node.scalar, !scalar.isNull else {
                problem("'escape' must be a string", node.range)
                return nil
            }
            return Located(scalar.value, node.range)
        }.flatMap { escapeValue($0) }
        var executable = false
        if let node = pairs["executable"] {
            if let scalar = node.scalar, scalar.style == .plain, scalar.value == "true" || scalar.value == "false" {
                executable = scalar.value == "true"
            } else {
                problem("'executable' must be true or false", node.range)
            }
        }
        guard let path, let template else { return nil }
        return FileEntry(path: path, template: template, escape: escape, executable: executable)
    }

    private mutating func escapeValue(_ value: Located<String>) -> TemplateEscape? {
        guard let escape = TemplateEscape(rawValue: value.value) else {
            problem("unknown escape '\(value.value)'; one of: \(TemplateEscape.allCases.map(\.rawValue).joined(separator: ", "))", value.range)
            return nil
        }
        return escape
    }

    private mutating func mapping(_ node: Node, _ what: String, keys: [String]) -> [String: Node]? {
        guard let pairs = node.pairs else {
            problem("\(what) must be a mapping, not \(node.kindDescription)", node.range)
            return nil
        }
        var result: [String: Node] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { continue }
            if keys.contains(key) {
                result[key] = pair.value
            } else {
                problem("unknown key '\(key)' in \(what); allowed: \(keys.joined(separator: ", "))", pair.key.range)
            }
        }
        return result
    }

    private mutating func string(_ pairs: [String: Node], _ key: String, in parent: Node) -> Located<String>? {
        guard let node = pairs[key] else {
            problem("missing key '\(key)'", parent.range)
            return nil
        }
        guard let scalar = node.scalar, !scalar.isNull else {
            problem("'\(key)' must be a string, not \(node.kindDescription)", node.range)
            return nil
        }
        return Located(scalar.value, node.range)
    }

    private mutating func problem(_ message: String, _ range: SourceRange) {
        problems.append(TemplateLoader.format(message, range))
    }
}
