import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Shared by every test that applies rolegen output to a local moto server.

/// A value that threads hand over under a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func update(_ change: (inout Value) -> Void) { lock.lock(); change(&value); lock.unlock() }
    var current: Value { lock.lock(); defer { lock.unlock() }; return value }
}

// MARK: - AWS CLI

/// Runs the AWS CLI against moto with throwaway credentials and no user configuration.
struct AWSCLI {
    struct Call {
        var arguments: [String]
        var run: Support.Run
        /// The parsed stdout, when it is a JSON object.
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any]
        }
    }

    let executable: String
    let endpoint: String

    static let environment = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": "",
        "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
    ]
    /// Settings from the caller's shell that would point the CLI elsewhere; `env -u` drops them.
    private static let unset = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                                "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_DEFAULT_OUTPUT"]

    /// Runs `aws SERVICE ARGUMENTS…` (IAM unless told otherwise).
    func call(_ arguments: [String], service: String = "iam") -> Call {
        let command = ["/usr/bin/env"] + Self.unset.flatMap { ["-u", $0] }
            + [executable, service] + arguments + ["--endpoint-url", endpoint, "--output", "json"]
        do {
            return Call(arguments: arguments, run: try Support.run(command, environment: Self.environment))
        } catch {
            return Call(arguments: arguments, run: Support.Run(status: -1, stdout: "", stderr: "could not run aws: \(error)"))
        }
    }

    /// Runs independent calls a few at a time (each CLI start costs about half a second of
    /// CPU); results come back in the order of `calls`.
    func callAll(_ calls: [[String]]) -> [Call] {
        let width = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        let results = Locked([Call?](repeating: nil, count: calls.count))
        let done = DispatchGroup(), slots = DispatchSemaphore(value: width)
        for (index, arguments) in calls.enumerated() {
            slots.wait()
            done.enter()
            Thread.detachNewThread {
                let result = self.call(arguments)
                results.update { $0[index] = result }
                slots.signal()
                done.leave()
            }
        }
        done.wait()
        return results.current.map { $0! }
    }
}

// MARK: - moto_server

/// A `moto_server` child process on a free local port. The `Process` runs the executable
/// directly (a pyenv shim `exec`s through to Python), so its pid is moto's own.
final class MotoServer {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    private let process: Process
    private let log: URL
    var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: Process, log: URL) {
        self.port = port
        self.process = process
        self.log = log
    }

    static func start(executable: String, timeout: TimeInterval = 30) throws -> MotoServer {
        let port = try freePort()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(port)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging(["MOTO_IAM_LOAD_MANAGED_POLICIES": "true"]) { $1 }
        // moto logs every request: a file never fills up the way an unread pipe would.
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? logHandle.close()
        let server = MotoServer(port: port, process: process, log: log)

        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else {
                let problem = "moto_server exited with status \(process.terminationStatus):\n\(server.logText)"
                server.stop()
                throw StartError(description: problem)
            }
            if (try? server.request("GET", "/moto-api/", timeout: 1)) != nil { return server }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let problem = "moto_server did not answer on port \(port) within \(Int(timeout)) s:\n\(server.logText)"
        server.stop()
        throw StartError(description: problem)
    }

    /// Forgets every resource created so far.
    func reset() throws {
        let status = try request("POST", "/moto-api/reset", timeout: 10)
        guard status == 200 else { throw StartError(description: "POST /moto-api/reset answered \(status)\n\(logText)") }
    }

    /// SIGTERM, then SIGKILL if moto has not exited within 5 s; always by its own pid.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }

    private var logText: String {
        (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(4000)) } ?? "(no log)"
    }

    /// The HTTP status of one request to the server.
    private func request(_ method: String, _ path: String, timeout: TimeInterval) throws -> Int {
        var request = URLRequest(url: URL(string: endpoint + path)!, timeoutInterval: timeout)
        request.httpMethod = method
        let outcome = Locked<Result<Int, Error>>(.failure(StartError(description: "no answer from \(endpoint)")))
        let answered = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, error in
            if let error {
                outcome.update { $0 = .failure(error) }
            } else if let status = (response as? HTTPURLResponse)?.statusCode {
                outcome.update { $0 = .success(status) }
            }
            answered.signal()
        }.resume()
        answered.wait()
        return try outcome.current.get()
    }

    /// A port nothing listens on: bind to port 0 on 127.0.0.1, read the port the kernel chose, close.
    private static func freePort() throws -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StartError(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw StartError(description: "could not bind a socket to 127.0.0.1:0: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
