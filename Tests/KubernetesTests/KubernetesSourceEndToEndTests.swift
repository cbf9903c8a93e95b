import Foundation
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// The Kubernetes source against the fake API server, over verified TLS, feeding a real controller.
@Suite("Kubernetes source end to end", .timeLimit(.minutes(2)))
struct KubernetesSourceEndToEndTests {
    @Test("A Service of IronLB's class gets an address, written back into its status")
    func allocatesAndWritesStatus() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.nodes, Fixtures.node("node-a"))
        harness.server.store.put(.endpointslices, Fixtures.endpointSlice(service: "web", endpoints: [("node-a", true)]))
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually { await harness.addresses("default/web") == ["192.0.2.0"] })
            #expect(await eventually { harness.statusIPs("default/web") == ["192.0.2.0"] })
            let ingress = harness.server.store.object(.services, key: "default/web")?["status"]["loadBalancer"]["ingress"]
            #expect(ingress == .parse(#"[{"ip": "192.0.2.0", "ipMode": "VIP"}]"#))
            #expect(harness.server.store.statusWrites.count == 1, "an unchanged assignment is written once")
            #expect(await eventually { harness.server.store.events.contains { $0["reason"] == .string("IPAllocated") } })
            let event = try #require(harness.server.store.events.first)
            #expect(event["involvedObject"]["name"] == .string("web") && event["involvedObject"]["kind"] == .string("Service"))
            #expect(event["message"] == .string(#"Assigned IP ["192.0.2.0"]"#) && event["type"] == .string("Normal"))
        }
    }

    @Test("A refused Service gets no status and an AllocationFailed event with the reason")
    func refusalEvent() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("stray", annotations: ["ironlb.io/loadBalancerIPs": "203.0.113.9"]))
        try await harness.run {
            #expect(await eventually { harness.server.store.events.contains { $0["reason"] == .string("AllocationFailed") } })
            let event = try #require(harness.server.store.events.first { $0["reason"] == .string("AllocationFailed") })
            #expect(event["type"] == .string("Warning"))
            #expect(event["message"].string?.contains("203.0.113.9") == true, "\(event["message"])")
            #expect(harness.statusIPs("default/stray").isEmpty)
        }
    }

    @Test("Services of another class, without a class, or of another type are left alone")
    func classFiltering() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("theirs", className: "example.com/other-lb"))
        harness.server.store.put(.services, Fixtures.service("classless", className: nil))
        harness.server.store.put(.services, Fixtures.service("internal", type: "ClusterIP", className: nil))
        harness.server.store.put(.services, Fixtures.service("ours"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/ours") == ["192.0.2.0"] }, "\(harness.logs.all.suffix(30))")
            let keys = await harness.controller.assignments().map(\.key.name)
            #expect(keys == ["default/ours"])
            #expect(harness.server.store.statusWrites.map(\.key) == ["default/ours"])
        }
    }

    @Test("MetalLB annotations choose the pool, the address and sharing")
    func metalLBAnnotations() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("dns-udp", annotations: [
            "metallb.universe.tf/address-pool": "other", "metallb.io/loadBalancerIPs": "198.51.100.3",
            "metallb.universe.tf/allow-shared-ip": "dns",
        ], ports: [(53, "UDP")]))
        harness.server.store.put(.services, Fixtures.service("dns-tcp", annotations: [
            "metallb.io/address-pool": "other", "metallb.universe.tf/loadBalancerIPs": "198.51.100.3",
            "metallb.io/allow-shared-ip": "dns",
        ], ports: [(53, "TCP")]))
        harness.server.store.put(.services, Fixtures.service("pinned", annotations: ["ironlb.io/address-pool": "other"], loadBalancerIP: "198.51.100.5"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/dns-udp") == ["198.51.100.3"] })
            #expect(await eventually { harness.statusIPs("default/dns-tcp") == ["198.51.100.3"] })
            #expect(await eventually { harness.statusIPs("default/pinned") == ["198.51.100.5"] })
            #expect(await harness.pool("default/dns-udp") == "other")
        }
    }

    @Test("Two Services asking for the same address without a sharing key: the first keeps it, the second is refused and told why")
    func requestedAddressConflict() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("first", annotations: ["ironlb.io/loadBalancerIPs": "192.0.2.3"]))
        harness.server.store.put(.services, Fixtures.service("second", annotations: ["ironlb.io/loadBalancerIPs": "192.0.2.3"], ports: [(443, "TCP")]))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/first") == ["192.0.2.3"] })
            #expect(await eventually {
                harness.server.store.events.contains { $0["reason"] == .string("AllocationFailed") && $0["involvedObject"]["name"] == .string("second") }
            })
            #expect(harness.statusIPs("default/second").isEmpty)
            #expect(await harness.addresses("default/second").isEmpty)
        }
    }

    @Test("Dual-stack Services get one address per family, IPv4 first")
    func dualStack() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("web", families: ["IPv6", "IPv4"], familyPolicy: "RequireDualStack"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web") == ["192.0.2.0", "2001:db8::"] })
        }
    }

    @Test("Deleting a Service releases its address; a Service that stops being ours has its status cleared")
    func deleteAndUnclaim() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("web"))
        harness.server.store.put(.services, Fixtures.service("api"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web").count == 1 && harness.statusIPs("default/api").count == 1 }, "\(harness.logs.all.suffix(30))")
            harness.server.store.delete(.services, key: "default/web")
            #expect(await eventually { await harness.addresses("default/web").isEmpty })
            var api = try #require(harness.server.store.object(.services, key: "default/api"))
            api["spec"]["loadBalancerClass"] = .string("example.com/other-lb")
            harness.server.store.put(.services, api)
            #expect(await eventually { await harness.addresses("default/api").isEmpty })
            #expect(await eventually { harness.statusIPs("default/api").isEmpty })
            #expect(harness.server.store.statusWrites.last?.patch == .parse(#"{"status": {"loadBalancer": {"ingress": null}}}"#))
        }
    }

    @Test("410 Gone on a watch makes the source list again and catch up")
    func goneTriggersRelist() async throws {
        var harness = try await KubernetesHarness()
        harness.settings.timing.watchTimeout = .seconds(1)
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            // Status, then the pool annotation: after both, IronLB writes nothing more.
            #expect(await eventually { harness.statusIPs("default/web").count == 1 && harness.poolAnnotation("default/web") == "default" })
            let lists = harness.server.store.listRequests
            // A change the watches never see (as if it fell into a gap), then the history is
            // compacted: the next watch, from an older resourceVersion, gets ERROR 410 Expired.
            harness.server.store.put(.nodes, Fixtures.node("node-b"))
            harness.server.store.putUnannounced(.services, Fixtures.service("late"))
            harness.server.store.compact()
            #expect(await eventually { await harness.addresses("default/late") == ["192.0.2.1"] })
            #expect(harness.server.store.listRequests > lists)
            #expect(harness.logs.contains("410 Gone"))
        }
    }

    @Test("An API outage keeps every address; the source catches up when the API is back")
    func outageKeepsIntents() async throws {
        let harness = try await KubernetesHarness()
        harness.server.store.put(.services, Fixtures.service("web"))
        harness.server.store.put(.services, Fixtures.service("api"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web").count == 1 && harness.statusIPs("default/api").count == 1 })
            let before = await harness.controller.assignments()
            harness.server.beginOutage()
            #expect(await eventually { harness.logs.contains("lost the Kubernetes API") })
            harness.server.store.delete(.services, key: "default/api")
            #expect(await harness.controller.assignments() == before, "nothing is withdrawn while the API is away")
            harness.server.endOutage()
            #expect(await eventually { await harness.addresses("default/api").isEmpty })
            #expect(await harness.controller.assignments() == before.filter { $0.key.name == "default/web" })
            #expect(await eventually { harness.logs.contains("reachable again") })
        }
    }

    @Test("A server whose certificate is not signed by the configured CA is refused")
    func untrustedCA() async throws {
        let stranger = try TestPKI(commonName: "Some other CA")
        let harness = try await KubernetesHarness(trustedCA: stranger.caPEM)
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            // The handshake fails (CERTIFICATE_VERIFY_FAILED; under load the client may report its
            // deadline instead), so no request ever reaches the server.
            #expect(await eventually(timeout: .seconds(60)) { harness.logs.contains("lost the Kubernetes API") })
            #expect(harness.server.store.listRequests == 0)
            #expect(await harness.controller.assignments().isEmpty)
        }
    }

    @Test("A wrong token gets 401 and delivers nothing")
    func wrongToken() async throws {
        let harness = try await KubernetesHarness(token: "not-the-token")
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually { harness.logs.contains("401") })
            #expect(await harness.controller.assignments().isEmpty)
        }
    }
}
