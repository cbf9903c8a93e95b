import ArgumentParser
import Foundation
import IronLBBuiltins
import IronLBCore
import IronLBPluginAPI
import NIOHTTP1

/// `ironlbctl`: the operator's window into ironlbd.
///
/// Exit codes: 0 success; 1 the daemon answered but the operation failed (an invalid file, a
/// rejected reload); 2 usage error; 3 ironlbd cannot be reached; 4 permission denied.
@main
struct IronLBCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ironlbctl",
        abstract: "Inspect and control ironlbd.",
        discussion: "Exit codes: 0 success, 1 operation failed, 2 usage error, 3 ironlbd unreachable, 4 permission denied.",
        version: IronLBVersion.current,
        subcommands: [Status.self, Services.self, Explain.self, Pools.self, Peers.self, Routes.self, Config.self, Reload.self,
                      Drain.self, Undrain.self, Assign.self, Release.self, Workloads.self, Validate.self]
    )
}

/// Options every command that talks to the daemon takes.
struct DaemonOptions: ParsableArguments {
    @Option(name: .long, help: "The control socket.")
    var socket: String = "/run/ironlb/control.sock"

    @Flag(name: .long, help: "Print JSON for scripts instead of tables.")
    var json = false

    /// Performs a request; maps transport and permission failures to exit codes.
    func call(_ method: HTTPMethod, _ path: String, body: [UInt8] = []) async throws -> ControlClient.Response {
        let response: ControlClient.Response
        do {
            response = try await ControlClient.request(method, path, body: body, socket: socket)
        } catch {
            FileHandle.standardError.write(Data("ironlbctl: \(error)\n".utf8))
            // The socket is 0660 root:ironlb: the kernel refuses others before ironlbd sees them.
            throw ExitCode("\(error)".contains("Permission denied") ? 4 : 3)
        }
        if response.status == 403 {
            FileHandle.standardError.write(Data("ironlbctl: permission denied: run as root or as a member of group ironlb\n".utf8))
            throw ExitCode(4)
        }
        return response
    }

    /// Prints the daemon's error and exits 1 when the answer is not a success.
    func requireSuccess(_ response: ControlClient.Response) throws {
        guard response.status >= 400 else { return }
        let message = (try? JSONDecoder().decode(ControlError.self, from: response.body))?.error ?? "HTTP \(response.status)"
        if json { printRaw(response) }
        FileHandle.standardError.write(Data("ironlbctl: \(message)\n".utf8))
        throw ExitCode(1)
    }

    /// Sends `method path`; with `--json` prints the answer and returns nil, else decodes it.
    func fetch<T: Decodable>(_ type: T.Type, _ path: String, method: HTTPMethod = .GET, body: [UInt8] = []) async throws -> T? {
        let response = try await call(method, path, body: body)
        try requireSuccess(response)
        if json {
            printRaw(response)
            return nil
        }
        return try decode(T.self, from: response)
    }

    func decode<T: Decodable>(_ type: T.Type, from response: ControlClient.Response) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            FileHandle.standardError.write(Data("ironlbctl: unexpected answer from ironlbd (HTTP \(response.status))\n".utf8))
            throw ExitCode(1)
        }
    }

    func printRaw(_ response: ControlClient.Response) {
        FileHandle.standardOutput.write(response.body)
    }
}

/// `ironlbctl validate FILE`: the same check as `ironlbd validate`.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a configuration file (the same check as ironlbd validate).")

    @Argument(help: "The configuration file.")
    var file: String = "/etc/ironlb/ironlb.yaml"

    @Flag(name: .long, help: "Print the normalized configuration when it is valid.")
    var print = false

    func run() throws {
        let status = ConfigValidation.run(path: file, printNormalized: print)
        if status != 0 { throw ExitCode(status) }
    }
}
