import Foundation
import KubernetesLab
import RouterLab
import Testing

/// How many Services the scale run creates (IRONLB_K8S_SCALE; 0: the run is skipped).
private let kubernetesScale = Int(ProcessInfo.processInfo.environment["IRONLB_K8S_SCALE"] ?? "") ?? 0

extension RouterInterop {
/// The issue #7 benchmark, end to end: N Services created at once on the (in-test) API server while
/// the real ironlbd runs in its namespace with a BGP session to BIRD; timed until every Service has
/// its status and BIRD holds every route. Run on demand with IRONLB_K8S_SCALE=N (a measurement:
/// it asserts only that everything arrives). The API server runs in the test process, so ironlbd's
/// RSS and CPU are its own; on a 2-core machine they still share the cores.
@Suite("Kubernetes scale to BIRD", .serialized, .enabled(
    if: kubernetesScale > 0 && RouterLab.unavailableReason == nil && RouterLab.has("bird"),
    "set IRONLB_K8S_SCALE=N; needs root and bird2"
))
struct KubernetesScaleInteropTests {
    static let count = kubernetesScale

    @Test("N Services created at once: time until all have status and all routes are at BIRD", .timeLimit(.minutes(10)))
    func scale() async throws {
        let interop = KubernetesInteropTests()
        let topology = try InteropTopology(routerRole: "bird")
        defer { topology.lab.shutdown() }
        let server = try await FakeAPIServer(namespace: topology.speaker)
        let directory = topology.lab.directory.path
        try interop.kubeconfig(server).write(toFile: "\(directory)/kubeconfig", atomically: true, encoding: .utf8)
        let neighbors = topology.neighbors(ipv6: false)
        let bird = try BIRDRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: neighbors)
        // 198.18.0.0/15 is the benchmarking range (RFC 2544): room for far more than N services.
        let config = interop.config(topology).replacingOccurrences(of: "addresses: [203.0.113.0/28]", with: "addresses: [198.18.0.0/16]")
        let daemon = try topology.startDaemon(config, logLevel: "info")  // as in production
        try await interop.poll("BGP session", daemon) { try bird.isEstablished(neighbors[0]) }
        try await Task.sleep(for: .seconds(1))  // let the source finish its first (empty) list

        // Every Service has a ready endpoint on this node, as the cluster's controllers would provide.
        for index in 0..<Self.count {
            _ = server.store.put(.endpointslices, Fixtures.endpointSlice(service: "svc-\(index)", endpoints: [("lab", true)]))
        }
        let services = (0..<Self.count).map { Fixtures.service("svc-\($0)") }
        let serverCPUBefore = Self.cpuSeconds(of: getpid())
        let created = ContinuousClock.now
        for service in services { _ = server.store.put(.services, service) }
        let createdIn = ContinuousClock.now - created

        var statusAfter: Duration?, routesAfter: Duration?
        let deadline = created + .seconds(300)
        while ContinuousClock.now < deadline && (statusAfter == nil || routesAfter == nil) {
            if statusAfter == nil, server.store.servicesWithStatusWritten >= Self.count { statusAfter = ContinuousClock.now - created }
            if routesAfter == nil, (try? bird.routeCount()) ?? 0 >= Self.count { routesAfter = ContinuousClock.now - created }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(statusAfter != nil, "every Service has its status; ironlbd's log ends:\n\(daemon.log.suffix(3000))")
        #expect(routesAfter != nil, "BIRD holds every route; it has \((try? bird.routeCount()) ?? -1)")
        let serverCPU = Self.cpuSeconds(of: getpid()) - serverCPUBefore
        let writeTimes = server.store.statusWrites.map(\.at)
        let firstStatus = writeTimes.min().map { $0 - created }
        // Status writes per second since creation: where the writes wait.
        let perSecond = (0..<10).map { second in
            writeTimes.filter { $0 - created >= .seconds(second) && $0 - created < .seconds(second + 1) }.count
        }
        let failedWrites = daemon.log.components(separatedBy: "cannot write the status").count - 1
        let rss = Self.memory(of: daemon.pid), cpu = Self.cpuSeconds(of: daemon.pid)
        print("kubernetes scale to BIRD: \(Self.count) services created in \(createdIn); first status after \(firstStatus.map { "\($0)" } ?? "never"), all after \(statusAfter.map { "\($0)" } ?? "never"); all routes at BIRD after \(routesAfter.map { "\($0)" } ?? "never"); ironlbd RSS \(rss.current) KiB, peak \(rss.peak) KiB, CPU \(cpu) s in all; the test process (API server, BIRD polling) \(serverCPU) s CPU from creation on; \(failedWrites) status writes failed and were retried; status writes in each second: \(perSecond)")
        // ironlbd gives freed heap memory back every 10 s (HeapTrimmer): what it holds once settled.
        try await Task.sleep(for: .seconds(15))
        let settled = Self.memory(of: daemon.pid)
        print("kubernetes scale to BIRD: ironlbd RSS 15 s later \(settled.current) KiB (anonymous \(settled.anonymous) KiB, file-backed \(settled.file) KiB)")
        await server.shutdown()
    }

    /// User plus system CPU time a process has used, in seconds.
    static func cpuSeconds(of pid: Int32) -> Double {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return -1 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmRSS, VmHWM, RssAnon and RssFile of a process, in KiB.
    static func memory(of pid: Int32) -> (current: Int, peak: Int, anonymous: Int, file: Int) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            status.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? -1
        }
        return (field("VmRSS:"), field("VmHWM:"), field("RssAnon:"), field("RssFile:"))
    }
}
}
