import Foundation
import Testing

/// The control API of the real daemon, driven through the real ironlbctl.
@Suite("Control API and ironlbctl", .serialized)
struct ControlAPITests {
    final class Running {
        let directory: URL
        private(set) var daemon: DaemonProcess
        var socket: String { directory.appendingPathComponent("control.sock").path }
        var config: URL { directory.appendingPathComponent("ironlb.yaml") }
        let original: String

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-ctl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            original = try String(contentsOf: DaemonProcess.root.appendingPathComponent("etc/ironlb/ironlb.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "state-directory: /var/lib/ironlb", with: "state-directory: \(directory.path)/state")
                .replacingOccurrences(of: "socket: /run/ironlb/control.sock", with: "socket: \(directory.path)/control.sock")
                .replacingOccurrences(of: "enabled: true\n  listen: 127.0.0.1:9473", with: "enabled: false\n  listen: 127.0.0.1:9473")
            let path = directory.appendingPathComponent("ironlb.yaml")
            try original.write(to: path, atomically: true, encoding: .utf8)
            daemon = DaemonProcess("ironlbd", ["--config", path.path])
            try await startDaemon()
        }

        private func startDaemon() async throws {
            try daemon.start()
            let ready = await daemon.waitForError(timeout: .seconds(20)) { $0.contains("control API on") && $0.contains("would announce 192.0.2.64/32") }
            #expect(ready, "\(daemon.standardError)")
        }

        /// Stops the daemon with SIGTERM (or SIGKILL) and starts a new one on the same files.
        func restart(signal: Int32 = SIGTERM) async throws {
            daemon.send(signal)
            _ = await daemon.waitForExit(timeout: .seconds(10))
            daemon = DaemonProcess("ironlbd", ["--config", config.path])
            try await startDaemon()
        }

        func ctl(_ arguments: [String], as user: String? = nil) async throws -> (Int32?, String, String) {
            var command = [DaemonProcess.binaries.appendingPathComponent("ironlbctl").path] + arguments + ["--socket", socket]
            if user != nil { command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command }
            return try await DaemonProcess.run(command[0], Array(command.dropFirst()))
        }

        func stop() async {
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test("status, services, routes and config answer with tables and JSON")
    func readEndpoints() async throws {
        let running = try await Running()
        let (status, statusText, _) = try await running.ctl(["status"])
        #expect(status == 0)
        #expect(statusText.contains("ironlbd 0.1.0: ok") && statusText.contains("(generation 1)") && statusText.contains("dry-run  ok      4 routes"), "\(statusText)")
        let (_, services, _) = try await running.ctl(["services"])
        #expect(services.contains("static/dns-tcp   public    203.0.113.10"), "\(services)")
        let (_, json, _) = try await running.ctl(["services", "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 4)
        #expect((decoded?.first { $0["service"] as? String == "static/web" }?["addresses"] as? [String]) == ["203.0.113.2", "2001:db8:100::1"])
        let (_, routes, _) = try await running.ctl(["routes"])
        #expect(routes.contains("dry-run    203.0.113.10/32      public-routes    static/dns, static/dns-tcp"), "\(routes)")
        let (_, config, _) = try await running.ctl(["config"])
        #expect(config.hasPrefix("version: 1\n") && config.contains("  - name: dns-tcp"))
        await running.stop()
    }

    @Test("reload: a rejected edit exits 1 with its positioned errors, status turns degraded, fixing it recovers")
    func reloadThroughCtl() async throws {
        let running = try await Running()
        try running.original.replacingOccurrences(of: "    pool: internal\n", with: "    pool: internl\n").write(to: running.config, atomically: true, encoding: .utf8)
        let (code, output, _) = try await running.ctl(["reload"])
        #expect(code == 1)
        #expect(output.contains("reload rejected (generation 1)") && output.contains("services[3].pool: unknown pool 'internl'; did you mean 'internal'?"), "\(output)")
        let (statusCode, status, _) = try await running.ctl(["status"])
        #expect(statusCode == 1)
        #expect(status.contains("degraded") && status.contains(":83:11: error: services[3].pool"), "\(status)")
        try running.original.write(to: running.config, atomically: true, encoding: .utf8)
        let (fixed, _, _) = try await running.ctl(["reload"])
        #expect(fixed == 0)
        let (_, healthy, _) = try await running.ctl(["status"])
        #expect(healthy.contains(": ok"))
        await running.stop()
    }

    @Test("A caller who is neither root nor in group ironlb is refused, and the refusal is logged")
    func refusedCaller() async throws {
        let running = try await Running()
        // First the kernel refuses (socket mode 0660)…
        let (kernel, _, kernelError) = try await running.ctl(["status"], as: "nobody")
        #expect(kernel == 4, "\(kernelError)")
        // …then, with the socket opened up, ironlbd itself refuses after SO_PEERCRED.
        chmod(running.socket, 0o666)
        chmod(running.directory.path, 0o755)
        let (daemon, _, daemonError) = try await running.ctl(["status"], as: "nobody")
        #expect(daemon == 4, "\(daemonError)")
        #expect(await running.daemon.waitForError(timeout: .seconds(5)) { $0.contains("refused a control request from pid") && $0.contains("uid 65534") })
        await running.stop()
    }
}
