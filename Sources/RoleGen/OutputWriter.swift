import Foundation
import Backends
import RoleGenCore

/// Writes each backend's files under `outputDirectory/<backend>/`, replacing that directory
/// as a whole: files are written to a temporary sibling first and swapped in with renames,
/// so a failure leaves the previous output as it was. Nothing is written outside the
/// output directory.
public enum OutputWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `inputs` are the files the build read: a target directory that holds one of them
    /// would be deleted by the swap, so that is refused.
    public static func write(_ outputs: [Renderer.Output], to outputDirectory: String, inputs: [String] = []) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if (try? fm.destinationOfSymbolicLink(atPath: outputDirectory)) != nil {
            throw Failure(description: "output path \(outputDirectory) is a symbolic link; give the directory it points to")
        }
        if fm.fileExists(atPath: outputDirectory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Failure(description: "output path \(outputDirectory) exists and is not a directory")
        }
        let absoluteInputs = inputs.map(absolute)
        for output in outputs {
            let target = absolute("\(outputDirectory)/\(output.backend)") + "/"
            if let input = absoluteInputs.first(where: { $0.hasPrefix(target) }) {
                throw Failure(description: "output directory \(outputDirectory)/\(output.backend) holds the input \(input), which the build would replace; choose another -o")
            }
        }
        do {
            try fm.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create output directory \(outputDirectory): \(error.localizedDescription)")
        }
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var staged: [(temporary: String, final: String)] = []
        defer {
            for item in staged { try? fm.removeItem(atPath: item.temporary) }
        }
        for output in outputs {
            let temporary = "\(outputDirectory)/.\(output.backend).tmp-\(token)"
            staged.append((temporary, "\(outputDirectory)/\(output.backend)"))
            try writeTree(output.files, into: temporary)
        }
        for item in staged {
            let previous = item.final + ".old-\(token)"
            let hadPrevious = fm.fileExists(atPath: item.final)
            do {
                if hadPrevious { try fm.moveItem(atPath: item.final, toPath: previous) }
                try fm.moveItem(atPath: item.temporary, toPath: item.final)
                if hadPrevious { try fm.removeItem(atPath: previous) }
            } catch {
                if hadPrevious && !fm.fileExists(atPath: item.final) { try? fm.moveItem(atPath: previous, toPath: item.final) }
                throw Failure(description: "cannot replace \(item.final): \(error.localizedDescription)")
            }
        }
    }

    private static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Writes files with plain POSIX calls: Foundation's createFile writes each file through
    /// a temporary and a rename, which costs more than the whole compile on large specs.
    private static func writeTree(_ files: [OutputFile], into root: String) throws {
        var created: Set<String> = []
        func makeDirectory(_ path: String) throws {
            guard !created.contains(path) else { return }
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try makeDirectory(String(path[..<slash]))
            }
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            created.insert(path)
        }
        try makeDirectory(root)
        created.insert(root)
        for file in files {
            // Paths come from names the resolver checked; refuse anything that could escape.
            let components = file.path.split(separator: "/")
            guard !file.path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." }) else {
                throw Failure(description: "refusing to write \(file.path): it is not inside the output directory")
            }
            let path = root + "/" + file.path
            if let slash = path.lastIndex(of: "/") { try makeDirectory(String(path[..<slash])) }
            let mode: mode_t = file.executable ? 0o755 : 0o644
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard descriptor >= 0 else {
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            // The umask may have narrowed the mode; the scripts must stay executable.
            fchmod(descriptor, mode)
            do {
                try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: Data(file.contents.utf8))
            } catch {
                throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
            }
        }
    }
}
