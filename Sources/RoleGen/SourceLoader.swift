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
            if path == Self.standardInput {
                result.append(path)
                continue
            }
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
            let found = Self.files(under: base)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
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
        // JSON from standard input is held to JSON's rules like a .json file.
        let isJSON = path.hasSuffix(".json") || (path == Self.standardInput && bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{"))
        if isJSON, let problem = JSONSyntax.check(bytes, file: path) {
            diagnostics.append(problem)
            return nil
        }
        let result = YAMLReader.read(bytes, file: path, limits: limits)
        diagnostics += result.diagnostics
        return result.root
    }

    /// The name standard input goes by: `-` on the command line.
    static let standardInput = "-"

    /// One stat, one open and one read per file: FileManager's existence check, attribute
    /// dictionary (with extended attributes) and Data cost more than parsing a small policy.
    /// Only regular files are read: a FIFO would block the open forever and a device such as
    /// /dev/zero never ends; standard input is read when named `-`. The read itself stops
    /// past the size limit, since a file can grow between the stat and the read.
    mutating func read(_ path: String) -> [UInt8]? {
        if path == Self.standardInput { return readBounded(STDIN_FILENO, path: path) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let message = errno == ENOENT ? "no such file" : "cannot read the file (\(String(cString: strerror(errno))))"
            diagnostics.append(.error(.ioError, message, at: .file(path)))
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            diagnostics.append(.error(.ioError, "is a directory, not a file", at: .file(path)))
            return nil
        default:
            diagnostics.append(.error(.ioError, "is not a regular file (a device, FIFO or socket); rolegen reads files, or standard input given as -",
                                      at: .file(path), fixIt: "pipe it in: rolegen validate - < \(path)"))
            return nil
        }
        // Check the size before reading, so a huge file is refused without loading it.
        if Int(info.st_size) > limits.maxInputBytes {
            diagnostics.append(tooLarge(path, "file is \(info.st_size) bytes; the limit is \(limits.maxInputBytes)"))
            return nil
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            diagnostics.append(.error(.ioError, "cannot read the file (\(String(cString: strerror(errno))))", at: .file(path)))
            return nil
        }
        defer { close(descriptor) }
        return readBounded(descriptor, path: path, expected: Int(info.st_size))
    }

    /// Reads to the end, or refuses once more than `maxInputBytes` came.
    private mutating func readBounded(_ descriptor: Int32, path: String, expected: Int = 0) -> [UInt8]? {
        // One byte more than the expected size, so that the read which finds the end needs no more room.
        var bytes = [UInt8](repeating: 0, count: min(max(expected + 1, 4096), limits.maxInputBytes + 1))
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limits.maxInputBytes else {
                    diagnostics.append(tooLarge(path, "input is larger than the limit of \(limits.maxInputBytes) bytes"))
                    return nil
                }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limits.maxInputBytes + 1 - bytes.count)))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                readFile(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else {
                diagnostics.append(.error(.ioError, "cannot read the file (\(String(cString: strerror(errno))))", at: .file(path)))
                return nil
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private func tooLarge(_ path: String, _ message: String) -> Diagnostic {
        .error(.inputTooLarge, message, at: .file(path),
               fixIt: "split the spec into several files, or raise the limit with --max-input-bytes")
    }

    /// Regular files below a directory, as paths relative to it, skipping names that start
    /// with a dot and not following symbolic links to directories. (readdir: a directory of
    /// a thousand policies is listed in a fraction of FileManager's time.)
    static func files(under directory: String, prefix: String = "") -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var result: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard !name.hasPrefix(".") else { continue }
            let full = directory + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var info = stat()
                guard stat(full, &info) == 0 else { continue }
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                // A link to a directory is not followed (no cycles); a link to a file is read.
                if isDirectory && type == Int32(DT_LNK) { continue }
                type = isDirectory ? Int32(DT_DIR) : Int32(DT_REG)
            }
            if type == Int32(DT_DIR) {
                result += files(under: full, prefix: prefix + name + "/")
            } else if type == Int32(DT_REG) {
                result.append(prefix + name)
            }
        }
        return result
    }
}

/// POSIX read, under a name that the loader's own `read(_:)` does not shadow.
private func readFile(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
