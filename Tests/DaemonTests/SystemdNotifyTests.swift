import Foundation
import Testing

/// The notify protocol of the real daemon, with a test socket standing in for systemd.
@Suite("systemd notify protocol", .serialized)
struct SystemdNotifyTests {
    /// Each datagram as its assignments, e.g. ["READY=1", "STATUS=…"].
    static func assignments(_ datagram: [UInt8]) -> [String] {
        String(decoding: datagram, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A copy of the example configuration in a scratch directory, so the test can break it.
    static func scratchConfig() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("ironlb.yaml")
        let example = try String(contentsOf: DaemonProcess.root.appendingPathComponent("etc/ironlb/ironlb.yaml"), encoding: .utf8)
        try example.replacingOccurrences(of: "state-directory: /var/lib/ironlb", with: "state-directory: \(directory.path)/state")
            .write(to: config, atomically: false, encoding: .utf8)
        return config
    }

    @Test("READY=1 first, WATCHDOG=1 every WatchdogSec/2, RELOADING=1 and READY=1 around each reload, STOPPING=1 on SIGTERM")
    func notifySequence() async throws {
        let socket = try DatagramSocket(name: "notify")
        let config = try Self.scratchConfig()
        defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }
        let daemon = DaemonProcess("ironlbd", ["--config", config.path], environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])
        try daemon.start()

        // Start-up: the first message is READY=1, sent once the static services hold their
        // addresses and the plan is pushed, with a status line that says so.
        let first = try #require(await socket.receive(timeout: .seconds(20)), "no notification; stderr:\n\(daemon.standardError)")
        let ready = Self.assignments(first)
        #expect(ready.first == "READY=1")
        #expect(ready.contains("STATUS=2 pools, 4 services, dry-run: 4 routes (dry run: nothing sent)"), "\(ready)")

        // Watchdog: WatchdogSec is 400 ms, so a ping every 200 ms. The median gap between six
        // pings (robust to a busy machine delaying one) must be close to 200 ms.
        let idle = await socket.collect(timeout: .seconds(10)) { $0.count >= 6 }
        #expect(idle.allSatisfy { Self.assignments($0.bytes) == ["WATCHDOG=1"] }, "\(idle.map { Self.assignments($0.bytes) })")
        let gaps = zip(idle.dropFirst(), idle).map { $0.at - $1.at }.sorted()
        #expect(gaps.count == 5)
        if gaps.count == 5 {
            #expect(gaps[2] >= .milliseconds(150) && gaps[2] <= .milliseconds(400), "gaps: \(gaps)")
        }

        // A reload by SIGHUP: RELOADING=1 with MONOTONIC_USEC, then READY=1.
        daemon.send(SIGHUP)
        let reload = await socket.collect(timeout: .seconds(10)) { $0.map { Self.assignments($0.bytes) }.contains { $0.contains("READY=1") } }
            .map { Self.assignments($0.bytes) }.filter { !$0.contains("WATCHDOG=1") }
        #expect(reload.count == 2, "\(reload)")
        #expect(reload.first?.first == "RELOADING=1")
        #expect(reload.first?.contains { $0.range(of: #"^MONOTONIC_USEC=\d+$"#, options: .regularExpression) != nil } == true)
        #expect(reload.last?.first == "READY=1")

        // A rejected reload still ends in READY=1 (the old configuration keeps serving), and says so.
        try "version: 1\npools: [\n".write(to: config, atomically: false, encoding: .utf8)
        daemon.send(SIGHUP)
        let rejected = await socket.collect(timeout: .seconds(10)) { $0.map { Self.assignments($0.bytes) }.contains { $0.contains("READY=1") } }
            .map { Self.assignments($0.bytes) }.filter { !$0.contains("WATCHDOG=1") }
        #expect(rejected.first?.first == "RELOADING=1")
        #expect(rejected.last?.first == "READY=1")
        #expect(rejected.last?.contains { $0.hasPrefix("STATUS=") && $0.contains("last reload rejected") } == true, "\(rejected)")

        // Shutdown: STOPPING=1 before the process exits, and exit 0.
        daemon.send(SIGTERM)
        let stopping = await socket.collect(timeout: .seconds(10)) { $0.map { Self.assignments($0.bytes) }.contains { $0.contains("STOPPING=1") } }
        #expect(stopping.map { Self.assignments($0.bytes) }.contains { $0.first == "STOPPING=1" }, "stderr:\n\(daemon.standardError)")
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "stderr:\n\(daemon.standardError)")
    }

    @Test("Without WATCHDOG_USEC there are no pings; without NOTIFY_SOCKET nothing is sent and the daemon runs as before")
    func noWatchdog() async throws {
        let socket = try DatagramSocket(name: "notify")
        let state = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = DaemonProcess("ironlbd", ["--config", "etc/ironlb/ironlb.yaml", "--state-directory", state.path], environment: ["NOTIFY_SOCKET": socket.path])
        try daemon.start()
        let first = try #require(await socket.receive(timeout: .seconds(20)))
        #expect(Self.assignments(first).first == "READY=1")
        #expect(await socket.receive(timeout: .seconds(1)) == nil)
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }
}
