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
            for item in staged { try? removeTree(item.temporary) }
        }
        for output in outputs {
            staged.append(("\(outputDirectory)/.\(output.backend).tmp-\(token)", "\(outputDirectory)/\(output.backend)"))
        }
        // One target after another: creating files from two threads at once is several
        // times slower on ext4 than from one (journal contention), not faster.
        let mask = currentUmask()
        for (output, item) in zip(outputs, staged) {
            try writeTree(output.files, into: item.temporary, umask: mask)
        }
        for item in staged {
            let previous = item.final + ".old-\(token)"
            let hadPrevious = fm.fileExists(atPath: item.final)
            do {
                if hadPrevious { try fm.moveItem(atPath: item.final, toPath: previous) }
                try fm.moveItem(atPath: item.temporary, toPath: item.final)
                if hadPrevious { try removeTree(previous) }
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

    /// The process's umask, read once: setting it is the only way to read it.
    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Writes files with plain POSIX calls: Foundation's createFile writes each file through
    /// a temporary and a rename, which costs more than the whole compile on large specs.
    private static func writeTree(_ files: [OutputFile], into root: String, umask: mode_t) throws {
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
            if mode & umask != 0 { fchmod(descriptor, mode) }
            var contents = file.contents
            let problem: Int32? = contents.withUTF8 { bytes in
                var written = 0
                while written < bytes.count {
                    let result = writeFile(descriptor, bytes.baseAddress! + written, bytes.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += result
                }
                return nil
            }
            if let problem {
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(problem)))")
            }
        }
    }

    /// Deletes a directory tree (or a file) with POSIX calls; FileManager's removeItem costs
    /// several system calls per file more. Symbolic links are removed, never followed.
    private static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard let handle = opendir(path) else {
                throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
            }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(handle)
            for name in names { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 else {
                throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
            }
        } else if unlink(path) != 0 && errno != ENOENT {
            throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// POSIX write, under a name that `OutputWriter.write` does not shadow.
private func writeFile(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
