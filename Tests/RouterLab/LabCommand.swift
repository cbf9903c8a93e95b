import Foundation

/// Runs short helper commands (`ip`, `birdc`, `vtysh`, `gobgp`) with a time bound.
public enum LabCommand {
    /// The result of a finished command.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// An error from a command that failed or timed out.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `arguments` (the first is the program, looked up in PATH and /usr/sbin) and waits at most `timeout`.
    @discardableResult
    public static func run(_ arguments: [String], timeout: Duration = .seconds(20), check: Bool = true) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try resolve(arguments[0]))
        process.arguments = Array(arguments.dropFirst())
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try SpawnLock.run(process)
        // Foundation keeps a Process's pipes open as long as anything references it; close them
        // ourselves so a long test run does not collect thousands of descriptors.
        defer {
            for handle in [out.fileHandleForReading, out.fileHandleForWriting, err.fileHandleForReading, err.fileHandleForWriting] {
                try? handle.close()
            }
        }
        // Drain the pipes concurrently so a chatty command cannot block on a full pipe.
        nonisolated(unsafe) var stdoutData = Data(), stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdoutData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { stderrData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                _ = group.wait(timeout: .now() + 2)
                throw Failure(description: "\(arguments.joined(separator: " ")) timed out after \(timeout)")
            }
            usleep(2_000)
        }
        _ = group.wait(timeout: .now() + 5)
        let output = Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self))
        if check && output.status != 0 {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)\(output.stdout)")
        }
        return output
    }

    /// The absolute path of `program`.
    public static func resolve(_ program: String) throws -> String {
        if program.hasPrefix("/") { return program }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin:/usr/lib/frr"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "\(program) not found")
    }
}
