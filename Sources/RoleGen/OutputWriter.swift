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
        removeLeftovers(in: outputDirectory)
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var staged: [(temporary: String, final: String)] = []
        defer {
            for item in staged { try? removeTree(item.temporary) }
        }
        for output in outputs {
            staged.append(("\(outputDirectory)/.\(output.backend).tmp-\(token)", "\(outputDirectory)/\(output.backend)"))
        }
        // One target after another: creating the trees from two threads was no faster on
        // tmpfs, and file creation on a disk file system serialises in the kernel anyway.
        let mask = currentUmask()
        for (output, item) in zip(outputs, staged) {
            try writeTree(output.files, into: item.temporary, umask: mask)
        }
        // Every tree is complete before the first swap, and the swaps follow each other with
        // nothing in between; the old trees, now at the temporary paths, are deleted after the
        // last one (by the `defer`). Each swap is one atomic exchange where the kernel has it,
        // so a target directory always holds a whole old or a whole new tree.
        for item in staged {
            do {
                try swap(item.temporary, into: item.final)
            } catch {
                throw Failure(description: "cannot replace \(item.final): \(error)")
            }
        }
    }

    /// Puts the tree at `temporary` at `final`, leaving the tree `final` held (if any) at
    /// `temporary`.
    private static func swap(_ temporary: String, into final: String) throws {
        if let exchange = renameExchange, exchange(AT_FDCWD, temporary, AT_FDCWD, final, renameExchangeFlag) == 0 { return }
        // No previous tree, or no exchange on this system or file system: a plain rename is
        // atomic when `final` is absent; otherwise the old tree is moved aside first, and
        // `final` is missing for the moment between the two renames.
        var info = stat()
        guard lstat(final, &info) == 0 else {
            guard rename(temporary, final) == 0 else { throw POSIXFailure() }
            return
        }
        let aside = temporary + ".old"
        guard rename(final, aside) == 0 else { throw POSIXFailure() }
        guard rename(temporary, final) == 0 else {
            let failure = POSIXFailure()
            rename(aside, final)
            throw failure
        }
        guard rename(aside, temporary) == 0 else { throw POSIXFailure() }
    }

    private struct POSIXFailure: Error, CustomStringConvertible {
        let description = String(cString: strerror(errno))
    }

    /// Linux's renameat2 with RENAME_EXCHANGE, looked up at run time: Glibc's Swift module does
    /// not declare it, and other systems lack it.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameExchange: RenameAt2? = dlsym(dlopen(nil, RTLD_NOW), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    private static let renameExchangeFlag: UInt32 = 1 << 1   // RENAME_EXCHANGE in <linux/fs.h>

    /// Temporary and old trees that an interrupted build left in the output directory
    /// (`.<target>.tmp-<pid>-<n>`, `.old` beside them, and `<target>.old-<pid>-<n>` from
    /// earlier versions), unless the build that made them still runs.
    private static func removeLeftovers(in outputDirectory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory)) ?? [] {
            guard let marker = name.hasPrefix(".") ? name.range(of: ".tmp-", options: .backwards) : name.range(of: ".old-", options: .backwards)
            else { continue }
            let token = name[marker.upperBound...].split(separator: ".").first ?? ""
            let parts = token.split(separator: "-")
            guard parts.count == 2, let pid = Int32(parts[0]), UInt32(parts[1]) != nil else { continue }
            if pid != getpid() && kill(pid, 0) == 0 { continue }
            try? removeTree(outputDirectory + "/" + name)
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
    /// Files are created relative to their open directory, so the kernel looks up one name
    /// per file instead of walking the whole path again.
    private static func writeTree(_ files: [OutputFile], into root: String, umask: mode_t) throws {
        if mkdir(root, 0o755) != 0 && errno != EEXIST {
            throw Failure(description: "cannot create \(root): \(String(cString: strerror(errno)))")
        }
        var directories = try OpenDirectories(root: root)
        defer { directories.closeAll() }
        for file in files {
            // Paths come from names the resolver checked; refuse anything that could escape.
            let components = file.path.split(separator: "/")
            guard !file.path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." }) else {
                throw Failure(description: "refusing to write \(file.path): it is not inside the output directory")
            }
            let slash = file.path.lastIndex(of: "/")
            let parent = try directories.descriptor(for: slash.map { String(file.path[..<$0]) } ?? "")
            let name = slash.map { String(file.path[file.path.index(after: $0)...]) } ?? file.path
            let mode: mode_t = file.executable ? 0o755 : 0o644
            let descriptor = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard descriptor >= 0 else {
                throw Failure(description: "cannot write \(root)/\(file.path): \(String(cString: strerror(errno)))")
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
                throw Failure(description: "cannot write \(root)/\(file.path): \(String(cString: strerror(problem)))")
            }
        }
    }

    /// The directories of a tree being written, created on first use and kept open while
    /// files go into them. Backends write a directory's files together, so a few open at a
    /// time are enough.
    private struct OpenDirectories {
        let rootPath: String
        let root: Int32
        private var byPath: [String: Int32] = [:]
        private var created: Set<String> = []
        private static let limit = 16

        init(root: String) throws {
            rootPath = root
            self.root = openat(AT_FDCWD, root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard self.root >= 0 else {
                throw Failure(description: "cannot open \(root): \(String(cString: strerror(errno)))")
            }
        }

        /// The open directory `path` (relative to the root, "" for the root), created with
        /// its parents when missing.
        mutating func descriptor(for path: String) throws -> Int32 {
            if path.isEmpty { return root }
            if let descriptor = byPath[path] { return descriptor }
            try makeDirectory(path)
            let descriptor = openat(root, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw Failure(description: "cannot open \(rootPath)/\(path): \(String(cString: strerror(errno)))")
            }
            if byPath.count >= Self.limit { closeOpen() }
            byPath[path] = descriptor
            return descriptor
        }

        private mutating func makeDirectory(_ path: String) throws {
            guard !created.contains(path) else { return }
            if let slash = path.lastIndex(of: "/") { try makeDirectory(String(path[..<slash])) }
            if mkdirat(root, path, 0o755) != 0 && errno != EEXIST {
                throw Failure(description: "cannot create \(rootPath)/\(path): \(String(cString: strerror(errno)))")
            }
            created.insert(path)
        }

        private mutating func closeOpen() {
            for descriptor in byPath.values { close(descriptor) }
            byPath = [:]
        }

        mutating func closeAll() {
            closeOpen()
            close(root)
        }
    }

    /// Deletes a directory tree (or a file) with POSIX calls; FileManager's removeItem costs
    /// several system calls per file more. Entries are removed relative to their open
    /// directory, by the type readdir reports, without a stat each. Symbolic links are
    /// removed, never followed.
    private static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            try removeDirectory(path, in: AT_FDCWD, path: path)
        } else if unlink(path) != 0 && errno != ENOENT {
            throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Empties and removes the directory `name` of the open directory `parent`; `path` names it in errors.
    private static func removeDirectory(_ name: UnsafePointer<CChar>, in parent: Int32, path: String) throws {
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0, let handle = fdopendir(descriptor) else {
            if descriptor >= 0 { close(descriptor) }
            throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(handle) }
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(handle) {
            let entryName = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            if entryName[0] == 0x2E && (entryName[1] == 0 || (entryName[1] == 0x2E && entryName[2] == 0)) { continue }
            // Widened: d_type is UInt8 and DT_DIR an Int32 on Darwin.
            if Int(entry.pointee.d_type) == Int(DT_DIR) {
                try removeDirectory(entryName, in: descriptor, path: path + "/" + String(cString: entryName))
            } else if unlinkat(descriptor, entryName, 0) != 0 {
                // A file system that does not report types gives DT_UNKNOWN; unlink says EISDIR.
                if errno == EISDIR {
                    try removeDirectory(entryName, in: descriptor, path: path + "/" + String(cString: entryName))
                } else if errno != ENOENT {
                    throw Failure(description: "cannot remove \(path)/\(String(cString: entryName)): \(String(cString: strerror(errno)))")
                }
            }
        }
        guard unlinkat(parent, name, AT_REMOVEDIR) == 0 else {
            throw Failure(description: "cannot remove \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// POSIX write, under a name that `OutputWriter.write` does not shadow.
private func writeFile(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
