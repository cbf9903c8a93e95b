import Testing
@testable import IronLBKubernetes

/// Two instances against one API server: only the Lease holder writes status, and the other takes
/// over when it stops. The instances allocate from different pools, so the status shows who wrote.
@Suite("Kubernetes leader failover", .timeLimit(.minutes(2)))
struct LeaderFailoverTests {
    @Test("Only the Lease holder allocates and writes; the follower announces what the status says and, taking over, moves nothing")
    func failover() async throws {
        let server = try await FakeAPIServer()
        // The pools overlap, but each instance alone would choose differently: node-a .4, node-b .0.
        var a = try await KubernetesHarness(server: server, nodeName: "node-a", pools: "192.0.2.4/30")
        var b = try await KubernetesHarness(server: server, nodeName: "node-b", pools: "192.0.2.0/29")
        a.settings.leaseDuration = .seconds(3)
        b.settings.leaseDuration = .seconds(3)
        server.store.put(.services, Fixtures.service("web"))
        // node-a holds a fresh lease (as if it had been leading), so node-b, started first, follows it.
        server.store.put(.leases, .parse("""
        {"metadata": {"name": "ironlb", "namespace": "ironlb-system"},
         "spec": {"holderIdentity": "node-a", "leaseDurationSeconds": 3, "acquireTime": "2026-11-28T10:00:00.000000Z",
                  "renewTime": "2026-11-28T10:00:00.000000Z", "leaseTransitions": 0}}
        """))
        try await b.run {
            try await a.run {
                #expect(await eventually { a.statusIPs("default/web") == ["192.0.2.4"] })
                #expect(await eventually { await b.addresses("default/web") == ["192.0.2.4"] }, "the follower takes the leader's address")
                #expect(b.logs.contains("following node-a"))
                #expect(server.store.statusWrites.allSatisfy { $0.patch.text.contains("192.0.2.4") }, "the follower never wrote")
            }
            #expect(await eventually { b.logs.contains("leading: this instance writes Service status") })
            server.store.put(.services, Fixtures.service("api"))
            #expect(await eventually { b.statusIPs("default/api") == ["192.0.2.0"] }, "the new leader allocates from its own pool")
            let followed = await b.addresses("default/web")
            #expect(b.statusIPs("default/web") == ["192.0.2.4"] && followed == ["192.0.2.4"], "and keeps what it followed")
            let lease = server.store.object(.leases, key: "ironlb-system/ironlb")
            #expect(lease?["spec"]["holderIdentity"] == .string("node-b"))
            #expect(lease?["spec"]["leaseTransitions"] == .number(1))
        }
        await server.shutdown()
    }
}
