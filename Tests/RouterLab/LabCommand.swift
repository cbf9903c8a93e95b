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
        // Drain the pipes concurrently so a chatty command cannot block on a full pipe. Each drain
        // reads its own duplicate of the read end, so closing Foundation's handles here (it would
        // keep them open as long as the Process lives) never pulls a descriptor from under a read.
        let stdoutDrain = PipeDrain(out.fileHandleForReading.fileDescriptor)
        let stderrDrain = PipeDrain(err.fileHandleForReading.fileDescriptor)
        for handle in [out.fileHandleForReading, out.fileHandleForWriting, err.fileHandleForReading, err.fileHandleForWriting] {
            try? handle.close()
        }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw Failure(description: "\(arguments.joined(separator: " ")) timed out after \(timeout)")
            }
            usleep(2_000)
        }
        // A grandchild that kept the pipe open must not hold the caller: take what came in 5 s.
        let drained = Date().addingTimeInterval(5)
        let stdoutData = stdoutDrain.wait(until: drained), stderrData = stderrDrain.wait(until: drained)
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

/// Reads a duplicate of a pipe's read end to its end on a thread of its own, retrying reads a
/// signal interrupts (Foundation's `readDataToEndOfFile` crashes on EINTR), and closes it there.
final class PipeDrain: @unchecked Sendable {
    private let condition = NSCondition()
    private var data = Data()
    private var finished = false

    init(_ descriptor: Int32) {
        let fd = dup(descriptor)
        guard fd >= 0 else {
            finished = true
            return
        }
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                condition.withLock { data.append(contentsOf: buffer[..<count]) }
            }
            close(fd)
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }
        thread.start()
    }

    /// What was read once the writers closed the pipe, or at `deadline` what was read so far.
    func wait(until deadline: Date) -> Data {
        condition.withLock {
            while !finished && condition.wait(until: deadline) {}
            return data
        }
    }
}
