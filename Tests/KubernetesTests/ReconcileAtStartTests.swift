import Foundation
import IronLBPluginAPI
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// At start, the allocation store and the Services' status are reconciled: an empty store adopts
/// the addresses in the status (a cluster moving from MetalLB, or a lost state directory); a store
/// that holds something else wins, and the conflict is reported.
@Suite("Kubernetes reconcile at start", .timeLimit(.minutes(2)))
struct ReconcileAtStartTests {
    static func withStatus(_ service: JSONValue, _ ips: String...) -> JSONValue {
        var service = service
        service["status"] = .object(["loadBalancer": .object(["ingress": .array(ips.map { .object(["ip": .string($0), "ipMode": .string("VIP")]) })])])
        return service
    }

    static func stateDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-k8s-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func events(_ server: FakeAPIServer, _ reason: String) -> [JSONValue] {
        server.store.events.filter { $0["reason"] == .string(reason) }
    }

    @Test("A fresh IronLB with an empty state directory keeps the address already in a Service's status")
    func adoptsStatusAddress() async throws {
        let harness = try await KubernetesHarness(stateDirectory: try Self.stateDirectory())
        // The sequential strategy alone would give web 192.0.2.0.
        harness.server.store.put(.services, Self.withStatus(Fixtures.service("web"), "192.0.2.5"))
        harness.server.store.put(.services, Fixtures.service("fresh"))
        try await harness.run {
            #expect(await eventually(timeout: .seconds(60)) { await harness.addresses("default/web") == ["192.0.2.5"] }, "\(harness.logs.all.suffix(20))")
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/fresh") == ["192.0.2.0"] })
            #expect(harness.statusIPs("default/web") == ["192.0.2.5"])
            #expect(harness.logs.contains("adopted 192.0.2.5 for kubernetes/default/web"))
            #expect(!harness.server.store.statusWrites.contains { $0.key == "default/web" }, "its status already said so")
            #expect(await harness.controller.currentConflicts().isEmpty)
            #expect(Self.events(harness.server, "AllocationConflict").isEmpty)
        }
    }

    @Test("A status address that cannot be kept is replaced, and the conflict is reported")
    func unadoptableStatusAddress() async throws {
        let harness = try await KubernetesHarness(stateDirectory: try Self.stateDirectory())
        harness.server.store.put(.services, Self.withStatus(Fixtures.service("web"), "203.0.113.9"))
        try await harness.run {
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/web") == ["192.0.2.0"] }, "\(harness.logs.all.suffix(20))")
            #expect(await eventually(timeout: .seconds(60)) { !Self.events(harness.server, "AllocationConflict").isEmpty })
            let message = Self.events(harness.server, "AllocationConflict").first?["message"].string ?? ""
            #expect(message.contains("203.0.113.9") && message.contains("cannot be kept") && message.contains("allocated 192.0.2.0 instead"), "\(message)")
            #expect(harness.logs.contains("allocation conflict for kubernetes/default/web: its source records 203.0.113.9"))
        }
    }

    @Test("When the store holds another address than the status, the store wins and the conflict is reported")
    func storeWins() async throws {
        let server = try await FakeAPIServer()
        let state = try Self.stateDirectory()
        server.store.put(.services, Fixtures.service("web"))
        let first = try await KubernetesHarness(server: server, stateDirectory: state)
        try await first.run {
            #expect(await eventually(timeout: .seconds(60)) { first.statusIPs("default/web") == ["192.0.2.0"] }, "\(first.logs.all.suffix(20))")
        }
        // While IronLB is down, something else rewrites the status.
        _ = server.store.patchServiceStatus(key: "default/web", patch: .parse(#"{"status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.6"}]}}}"#))
        let conflictsBefore = Self.events(server, "AllocationConflict").count
        let second = try await KubernetesHarness(server: server, stateDirectory: state)
        try await second.run {
            #expect(await eventually(timeout: .seconds(60)) { second.statusIPs("default/web") == ["192.0.2.0"] }, "\(second.logs.all.suffix(20))")
            #expect(await second.addresses("default/web") == ["192.0.2.0"])
            #expect(await eventually(timeout: .seconds(60)) { Self.events(server, "AllocationConflict").count == conflictsBefore + 1 })
            let event = try #require(Self.events(server, "AllocationConflict").last)
            #expect(event["type"] == .string("Warning"))
            let message = event["message"].string ?? ""
            #expect(message.contains("holds 192.0.2.0") && message.contains("records 192.0.2.6") && message.contains("the store is the source of truth"), "\(message)")
            let key = ServiceKey(source: "kubernetes", name: "default/web")
            #expect(await second.controller.currentConflicts()[key]?.contains("keeping 192.0.2.0") == true, "visible in status")
            #expect(await second.controller.explain(key)?.allocation.contains { $0.hasPrefix("conflict: ") } == true)
        }
        #expect(second.logs.contains("allocation conflict for kubernetes/default/web: the allocation store holds 192.0.2.0"))
        await server.shutdown()
    }
}
