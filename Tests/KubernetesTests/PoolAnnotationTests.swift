import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// `ironlb.io/allocated-from-pool` names the pool of a Service's addresses, next to its status, and
/// goes with the status when the Service stops being IronLB's, even while IronLB was down.
@Suite("Kubernetes pool annotation", .timeLimit(.minutes(2)))
struct PoolAnnotationTests {
    static func annotation(_ server: FakeAPIServer, _ key: String) -> JSONValue? {
        server.store.object(.services, key: key)?["metadata"]["annotations"][ServiceAnnotations.allocatedFromPool]
    }

    @Test("The pool is written next to the status and removed when the Service stops being ours")
    func writtenAndRemoved() async throws {
        let harness = try await KubernetesHarness()
        let server = harness.server
        server.store.put(.services, Fixtures.service("web"))
        server.store.put(.services, Fixtures.service("pinned", annotations: ["ironlb.io/address-pool": "other"]))
        try await harness.run {
            #expect(await eventually(timeout: .seconds(60)) { Self.annotation(server, "default/web") == .string("default") }, "\(harness.logs.all.suffix(20))")
            #expect(await eventually(timeout: .seconds(60)) { Self.annotation(server, "default/pinned") == .string("other") })
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/web") == ["192.0.2.0"] }, "the status, then the annotation")
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/pinned") == ["198.51.100.0"] })
            #expect(harness.server.store.statusWrites.filter { $0.key == "default/web" }.count == 1, "written once")
            // The annotation is not a request: the user's own annotations stay as they are.
            #expect(server.store.object(.services, key: "default/pinned")?["metadata"]["annotations"]["ironlb.io/address-pool"] == .string("other"))

            var changed = try #require(server.store.object(.services, key: "default/web"))
            changed["spec"]["loadBalancerClass"] = .string("example.com/other-lb")
            server.store.put(.services, changed)
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/web").isEmpty && Self.annotation(server, "default/web") == .null })
            #expect(Self.annotation(server, "default/pinned") == .string("other"), "the other Service keeps its annotation")
        }
    }

    @Test("A Service that stopped being ours while IronLB was down loses the status and annotation IronLB wrote")
    func clearedAfterDowntime() async throws {
        let harness = try await KubernetesHarness()
        let server = harness.server
        var service = Fixtures.service("old", className: "example.com/other-lb", annotations: [ServiceAnnotations.allocatedFromPool: "default"])
        service["status"] = .parse(#"{"loadBalancer": {"ingress": [{"ip": "192.0.2.3", "ipMode": "VIP"}]}}"#)
        server.store.put(.services, service)
        server.store.put(.services, Fixtures.service("foreign", className: "example.com/other-lb"))
        _ = server.store.patchServiceStatus(key: "default/foreign", patch: .parse(#"{"status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.7"}]}}}"#))
        try await harness.run {
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/old").isEmpty && Self.annotation(server, "default/old") == .null },
                    "\(harness.logs.all.suffix(20))")
            #expect(harness.statusIPs("default/foreign") == ["203.0.113.7"], "a Service IronLB never served is left alone")
        }
    }
}
