import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

extension CredentialPlugin {
    /// The most a plugin may print on stdout (an ExecCredential is a few kilobytes).
    static let outputLimit = 1 << 20
    /// The most a plugin may print on stderr, which is quoted when it fails.
    static let errorOutputLimit = 1 << 20
    /// How much of stderr an error message quotes: its end, where the reason usually is.
    static let errorExcerptLength = 2_000

    /// Runs the plugin once and returns the credential it printed.
    ///
    /// The plugin gets the daemon's environment plus `env` and `KUBERNETES_EXEC_INFO`, /dev/null on
    /// stdin, and a session of its own (so no controlling terminal). Waiting for it suspends the task
    /// and holds no thread. If it is not done within `timeout`, it and every process of its group
    /// are killed.
    func run(timeout: Duration) async throws(ConnectionError) -> ExecCredential {
        let outcome: Outcome
        do {
            outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask { try await self.spawn() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                }
                defer { group.cancelAll() }  // the loser: the sleep, or the plugin (torn down by Subprocess)
                return try await group.next() ?? .timedOut
            }
        } catch let error as SubprocessError {
            throw ConnectionError("cannot run \(name): \(Self.describe(error, executable))\(hint)")
        } catch is CancellationError {
            throw ConnectionError("\(name) was cancelled")
        } catch {
            throw ConnectionError("cannot run \(name): \(error)\(hint)")
        }
        switch outcome {
        case .timedOut:
            throw ConnectionError("\(name) did not finish within \(timeout); killed it")
        case .finished(let status, let stdout, let stderr):
            guard case .exited(0) = status else {
                let how = switch status {
                case .exited(let code): "exited with status \(code)"
                case .signaled(let signal): "was killed by signal \(signal)"
                }
                throw ConnectionError("\(name) \(how)\(Self.excerpt(stderr))\(hint)")
            }
            do {
                return try ExecCredential.parse(stdout, apiVersion: apiVersion)
            } catch {
                throw ConnectionError("\(name): \(error)")
            }
        }
    }

    private enum Outcome: Sendable {
        case finished(TerminationStatus, stdout: [UInt8], stderr: [UInt8])
        case timedOut
    }

    private func spawn() async throws -> Outcome {
        var options = PlatformOptions()
        // A session of its own: no controlling terminal to prompt on, and one process group that a
        // timeout kills whole (a shell script's children included).
        options.createSession = true
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        var variables: [Environment.Key: String?] = [:]
        for variable in environment {
            if let key = Environment.Key(rawValue: variable.name) { variables[key] = variable.value }
        }
        variables["KUBERNETES_EXEC_INFO"] = execInfo
        let program: Subprocess.Executable = switch executable {
        case .path(let path): .path(FilePath(path))
        case .name(let name): .name(name)
        }
        let result = try await Subprocess.run(
            program, arguments: Arguments(arguments), environment: .inherit.updating(variables), platformOptions: options,
            input: .none, output: .bytes(limit: Self.outputLimit), error: .bytes(limit: Self.errorOutputLimit)
        )
        return .finished(result.terminationStatus, stdout: result.standardOutput, stderr: result.standardError)
    }

    /// The install hint, as the end of an error message.
    private var hint: String {
        installHint.map { "; \($0.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? ""
    }

    private static func describe(_ error: SubprocessError, _ executable: Executable) -> String {
        switch error.code {
        case .executableNotFound:
            return switch executable {
            case .name(let name): "'\(name)' was not found in PATH"
            case .path(let path): "\(path) does not exist or is not executable"
            }
        case .outputLimitExceeded:
            return "it printed more than \(outputLimit >> 20) MiB"
        default:
            return "\(error)"
        }
    }

    /// The end of the plugin's stderr, as part of an error message.
    private static func excerpt(_ stderr: [UInt8]) -> String {
        let text = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return " (and printed nothing on stderr)" }
        let tail = text.count > errorExcerptLength ? "…" + text.suffix(errorExcerptLength) : text
        return ": \(tail)"
    }
}
