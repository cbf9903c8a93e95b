import Foundation
import RouterLab
import Testing

/// The Prometheus endpoint of the real daemon, checked with the official Python client's parser.
@Suite("Metrics endpoint")
struct MetricsEndpointTests {
    static let parserAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import prometheus_client.parser"]
        probe.standardError = FileHandle.nullDevice
        guard (try? SpawnLock.run(probe)) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test("GET /metrics parses with prometheus_client, names no metric twice, and reports the reload state",
          .enabled(if: parserAvailable, "needs python3 with prometheus_client (pip install prometheus_client)"))
    func scrape() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Int.random(in: 20000..<40000)
        let config = try String(contentsOf: DaemonProcess.root.appendingPathComponent("etc/ironlb/ironlb.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "listen: 127.0.0.1:9473", with: "listen: 127.0.0.1:\(port)")
            .replacingOccurrences(of: "state-directory: /var/lib/ironlb", with: "state-directory: \(directory.path)/state")
        let path = directory.appendingPathComponent("ironlb.yaml")
        try config.write(to: path, atomically: true, encoding: .utf8)
        let daemon = DaemonProcess("ironlbd", ["--config", path.path])
        try daemon.start()
        #expect(await daemon.waitForError(timeout: .seconds(20)) { $0.contains("metrics on http://127.0.0.1:\(port)/metrics") })

        let script = """
        import sys, urllib.request
        from prometheus_client.parser import text_string_to_metric_families
        text = urllib.request.urlopen("http://127.0.0.1:\(port)/metrics", timeout=5).read().decode()
        names = [family.name for family in text_string_to_metric_families(text)]
        assert len(names) == len(set(names)), "duplicate metric families: %r" % names
        values = {s.name: s.value for f in text_string_to_metric_families(text) for s in f.samples}
        for name in ["ironlb_pool_addresses_total", "ironlb_pool_addresses_in_use", "ironlb_allocations",
                     "ironlb_service_announce_latency_seconds", "ironlb_drained"]:
            assert name in names, "missing %s in %r" % (name, names)
        in_use = {s.labels["family"]: s.value for f in text_string_to_metric_families(text) for s in f.samples
                  if s.name == "ironlb_pool_addresses_in_use" and s.labels["pool"] == "public"}
        assert in_use == {"ipv4": 2.0, "ipv6": 1.0}, in_use
        print(len(names), values["ironlb_config_last_reload_successful"])
        """
        let (status, output, errors) = try await DaemonProcess.run("/usr/bin/env", ["python3", "-c", script])
        #expect(status == 0, "\(errors)")
        let fields = output.split(separator: " ")
        #expect((Int(fields.first ?? "") ?? 0) >= 7, "\(output)")
        #expect(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) == "1.0")
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }
}
