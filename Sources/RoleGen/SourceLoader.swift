import Foundation
import RoleGenCore

/// The only reader of input files: expands directories, reads spec files and the policy
/// documents they name, and keeps every text for quoting in diagnostics.
struct SourceLoader {
    let limits: YAMLLimits
    var sources: [String: String] = [:]
    var diagnostics: [Diagnostic] = []

    init(limits: YAMLLimits) { self.limits = limits }

    /// Spec files named by `paths`: files as given, directories as their `*.yaml`/`*.yml`
    /// files (recursively, sorted so the order is stable).
    mutating func specPaths(_ paths: [String]) -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error(.ioError, "no such file or directory", at: .file(path)))
                continue
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                .sorted()
            if found.isEmpty {
                diagnostics.append(.error(.ioError, "directory holds no .yaml or .yml files", at: .file(path)))
            }
            result += found.map { base + "/" + $0 }
        }
        return result
    }

    /// Reads and parses one file; nil after recording why not.
    mutating func node(at path: String) -> Node? {
        guard let bytes = read(path) else { return nil }
        sources[path] = String(decoding: bytes, as: UTF8.self)
        let result = YAMLReader.read(bytes, file: path, limits: limits)
        diagnostics += result.diagnostics
        return result.root
    }

    private mutating func read(_ path: String) -> [UInt8]? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            diagnostics.append(.error(.ioError, isDirectory.boolValue ? "is a directory, not a file" : "no such file", at: .file(path)))
            return nil
        }
        // Check the size before reading, so a huge file is refused without loading it.
        if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maxInputBytes {
            diagnostics.append(.error(.inputTooLarge, "file is \(size) bytes; the limit is \(limits.maxInputBytes)", at: .file(path),
                                      fixIt: "split the spec into several files, or raise the limit with --max-input-bytes"))
            return nil
        }
        guard let data = fm.contents(atPath: path) else {
            diagnostics.append(.error(.ioError, "cannot read the file (permission denied?)", at: .file(path)))
            return nil
        }
        return [UInt8](data)
    }
}
