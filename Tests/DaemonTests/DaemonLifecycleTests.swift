import Foundation
import Testing

/// The real `ironlbd` binary, end to end.
@Suite("ironlbd end to end", .serialized)
struct DaemonLifecycleTests {
    @Test("ironlbd starts on the example, allocates for every static service, announces, and exits 0 on SIGTERM")
    func runsExampleAndStopsOnSIGTERM() async throws {
        let state = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = DaemonProcess("ironlbd", ["--config", "etc/ironlb/ironlb.yaml", "--state-directory", state.path])
        try daemon.start()
        let expected = [
            "allocated 203.0.113.10 to static/dns from pool public",
            "allocated 203.0.113.10 to static/dns-tcp from pool public",
            "allocated 192.0.2.64 to static/registry from pool internal",
            "allocated 203.0.113.2, 2001:db8:100::1 to static/web from pool public",
            "would announce 203.0.113.10/32 via public-routes (static/dns, static/dns-tcp)",
            "would announce 192.0.2.64/32 via internal-routes (static/registry)",
        ]
        let ready = await daemon.waitForError(timeout: .seconds(20)) { text in expected.allSatisfy(text.contains) }
        #expect(ready, "missing lines; stderr was:\n\(daemon.standardError)")
        daemon.send(SIGTERM)
        let status = await daemon.waitForExit(timeout: .seconds(10))
        #expect(status == 0, "stderr:\n\(daemon.standardError)")
        let log = daemon.standardError
        let stopAnnouncer = try #require(log.range(of: "dry-run announcer stopping; would withdraw 4 routes"))
        let stopped = try #require(log.range(of: "ironlbd stopped"))
        #expect(stopAnnouncer.lowerBound < stopped.lowerBound)
    }

    @Test("SIGINT also shuts down cleanly")
    func sigint() async throws {
        let state = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = DaemonProcess("ironlbd", ["run", "--config", "etc/ironlb/ironlb.yaml", "--log-level", "debug", "--state-directory", state.path])
        try daemon.start()
        #expect(await daemon.waitForError(timeout: .seconds(20)) { $0.contains("would announce") })
        daemon.send(SIGINT)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("A state directory that cannot be created stops start-up with one clear line")
    func unwritableStateDirectory() async throws {
        let blocker = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: blocker) }
        let file = blocker.appendingPathComponent("file")
        try Data().write(to: file)
        let (status, _, errors) = try await DaemonProcess.run("ironlbd", ["--config", "etc/ironlb/ironlb.yaml", "--state-directory", file.path + "/state"])
        #expect(status == 1)
        #expect(errors.contains("ironlbd: cannot create state directory \(file.path)/state: Not a directory; choose a writable directory with state-directory: in the configuration or --state-directory"))
    }

    @Test("A restart keeps every service's address: the journal in the state directory is replayed")
    func restartKeepsAddresses() async throws {
        let state = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        for run in 0..<2 {
            let daemon = DaemonProcess("ironlbd", ["--config", "etc/ironlb/ironlb.yaml", "--state-directory", state.path])
            try daemon.start()
            #expect(await daemon.waitForError(timeout: .seconds(20)) { $0.contains("would announce 203.0.113.2/32") }, "run \(run): \(daemon.standardError)")
            #expect(daemon.standardError.contains("restored \(run == 0 ? 0 : 4) assignments"))
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        }
    }

    @Test("A broken configuration stops start-up with one clear line and a non-zero exit")
    func brokenConfig() async throws {
        let (status, _, errors) = try await DaemonProcess.run("ironlbd", ["--config", "Tests/Fixtures/invalid/unknown-pool-key.yaml"])
        #expect(status == 1)
        #expect(errors.hasSuffix("ironlbd: configuration Tests/Fixtures/invalid/unknown-pool-key.yaml has 2 error(s); not starting\n"))
        #expect(errors.contains("Tests/Fixtures/invalid/unknown-pool-key.yaml:4:5: error: pools[0].adresses: unknown key 'adresses'; did you mean 'addresses'?"))
    }

    @Test("ironlbd validate and ironlbctl validate agree: exit 0 with a summary, exit 1 with positioned errors")
    func validateCommands() async throws {
        let (okStatus, okOut, okErr) = try await DaemonProcess.run("ironlbd", ["validate", "--config", "etc/ironlb/ironlb.yaml"])
        #expect(okStatus == 0)
        #expect(okOut == "etc/ironlb/ironlb.yaml: valid: 2 pools, 1 announcer (dry-run), 2 advertisements, 4 static services\n")
        #expect(okErr.isEmpty)
        let (ctlStatus, ctlOut, _) = try await DaemonProcess.run("ironlbctl", ["validate", "etc/ironlb/ironlb.yaml"])
        #expect(ctlStatus == 0)
        #expect(ctlOut == okOut)

        let broken = "Tests/Fixtures/invalid/many-errors.yaml"
        let (badStatus, badOut, badErr) = try await DaemonProcess.run("ironlbd", ["validate", "--config", broken])
        let (ctlBadStatus, _, ctlBadErr) = try await DaemonProcess.run("ironlbctl", ["validate", broken])
        #expect(badStatus == 1 && ctlBadStatus == 1)
        #expect(badOut.isEmpty)
        #expect(badErr == ctlBadErr)
        #expect(badErr == (try String(contentsOf: DaemonProcess.root.appendingPathComponent("Tests/Fixtures/invalid/many-errors.expected"), encoding: .utf8)))
    }

    @Test("--version prints the one version of both executables")
    func version() async throws {
        let (daemonStatus, daemonVersion, _) = try await DaemonProcess.run("ironlbd", ["--version"])
        let (ctlStatus, ctlVersion, _) = try await DaemonProcess.run("ironlbctl", ["--version"])
        #expect(daemonStatus == 0 && ctlStatus == 0)
        #expect(daemonVersion == ctlVersion)
        #expect(daemonVersion.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }
}
