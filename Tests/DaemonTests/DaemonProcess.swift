import Foundation
import RouterLab

/// Runs a built executable of this package as a child process, with bounded waits and cleanup by PID.
final class DaemonProcess: @unchecked Sendable {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The directory that holds the package's built executables (next to the test bundle).
    static let binaries: URL = {
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("ironlbd").path) { return directory }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug")
    }()

    let process = Process()
    let errorPipe = Pipe()
    private let outputPipe = Pipe()
    private let lock = NSLock()
    private var stderrText = ""
    private var stdoutText = ""

    /// `environment` is added to (and overrides) this process's environment.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) {
        process.executableURL = executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : Self.binaries.appendingPathComponent(executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = Self.root
        process.standardError = errorPipe
        process.standardOutput = outputPipe
        errorPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.stderrText += String(decoding: data, as: UTF8.self) }
        }
        outputPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.stdoutText += String(decoding: data, as: UTF8.self) }
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        closePipes()
    }

    /// Stops reading and closes both ends of both pipes; whatever the child wrote so far is kept.
    private func closePipes() {
        for pipe in [errorPipe, outputPipe] {
            pipe.fileHandleForReading.readabilityHandler = nil
            try? pipe.fileHandleForReading.close()
            try? pipe.fileHandleForWriting.close()
        }
    }

    func start() throws { try SpawnLock.run(process) }

    var standardError: String { lock.withLock { stderrText } }
    var standardOutput: String { lock.withLock { stdoutText } }

    /// Waits until `condition` holds on standard error, up to `timeout`; false if it still does not hold after it.
    func waitForError(timeout: Duration, _ condition: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Checked once more after the deadline: a loaded machine can resume this task late.
            if condition(standardError) { return true }
            if !process.isRunning { return condition(standardError) }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until `condition` holds on standard output, up to `timeout`; false if it still does not hold after it.
    func waitForOutput(timeout: Duration, _ condition: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Checked once more after the deadline: a loaded machine can resume this task late.
            if condition(standardOutput) { return true }
            if !process.isRunning { return condition(standardOutput) }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits for exit up to `timeout`; kills the process by PID and returns nil on timeout.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                closePipes()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        // Let the pipes drain, then close them (Foundation would keep them open while the Process lives).
        try? await Task.sleep(for: .milliseconds(50))
        closePipes()
        return process.terminationStatus
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// A fresh, empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs to completion and returns (status, stdout, stderr).
    static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(30)) async throws -> (Int32?, String, String) {
        let child = DaemonProcess(executable, arguments)
        try child.start()
        let status = await child.waitForExit(timeout: timeout)
        return (status, child.standardOutput, child.standardError)
    }
}
