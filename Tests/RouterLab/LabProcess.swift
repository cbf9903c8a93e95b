public import Foundation

/// A long-running process the lab started (a router, or the daemon under test), killed by PID on stop.
public final class LabProcess: @unchecked Sendable {
    public let name: String
    private let process = Process()
    private let logURL: URL

    /// Starts `arguments` inside namespace `namespace` (nil: this namespace), logging to `logURL`.
    public init(name: String, namespace: String?, arguments: [String], logURL: URL, environment: [String: String]? = nil) throws {
        self.name = name
        self.logURL = logURL
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        if let namespace {
            process.executableURL = URL(fileURLWithPath: try LabCommand.resolve("ip"))
            process.arguments = ["netns", "exec", namespace, try LabCommand.resolve(arguments[0])] + arguments.dropFirst()
        } else {
            process.executableURL = URL(fileURLWithPath: try LabCommand.resolve(arguments[0]))
            process.arguments = Array(arguments.dropFirst())
        }
        if let environment { process.environment = environment }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try SpawnLock.run(process)
        // The child has its own copy; ours would stay open for as long as the Process object lives.
        try? log.close()
    }

    /// The PID (`ip netns exec` replaces itself with the program, so this is the program's PID).
    public var pid: Int32 { process.processIdentifier }

    /// Whether it still runs.
    public var isRunning: Bool { process.isRunning }

    /// Everything it logged so far.
    public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Sends `signal`.
    public func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Stops it: SIGTERM, then SIGKILL after `grace`. Returns the exit status.
    @discardableResult
    public func stop(grace: Duration = .seconds(5)) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Waits for it to exit by itself, at most `timeout`; nil on timeout (the process keeps running).
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            usleep(10_000)
        }
        return process.terminationStatus
    }

    deinit { stop(grace: .milliseconds(500)) }
}
