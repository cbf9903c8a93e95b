import Testing
@testable import IronLBKubernetes
import KubernetesLab

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
        a.settings.leaseDuration = .seconds(5)
        b.settings.leaseDuration = .seconds(5)
        server.store.put(.services, Fixtures.service("web"))
        let (first, second) = (a, b)
        let (stopA, stoppingA) = AsyncStream.makeStream(of: Void.self)
        let (stopB, stoppingB) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await first.run { for await _ in stopA {} } }
            #expect(await eventually(timeout: .seconds(60)) { first.logs.contains("leading: this instance") && first.statusIPs("default/web") == ["192.0.2.4"] },
                    "\(first.logs.all.suffix(20))")
            group.addTask { try await second.run { for await _ in stopB {} } }
            #expect(await eventually(timeout: .seconds(60)) { await second.addresses("default/web") == ["192.0.2.4"] }, "the follower takes the leader's address")
            #expect(second.logs.contains("following node-a"))
            #expect(server.store.statusWrites.allSatisfy { $0.patch.text.contains("192.0.2.4") }, "the follower never wrote")

            stoppingA.finish()
            #expect(await eventually(timeout: .seconds(60)) { second.logs.contains("leading: this instance writes Service status") })
            server.store.put(.services, Fixtures.service("api"))
            #expect(await eventually(timeout: .seconds(60)) { second.statusIPs("default/api") == ["192.0.2.0"] }, "the new leader allocates from its own pool")
            let followed = await second.addresses("default/web")
            #expect(second.statusIPs("default/web") == ["192.0.2.4"] && followed == ["192.0.2.4"], "and keeps what it followed")
            let lease = server.store.object(.leases, key: "ironlb-system/ironlb")
            #expect(lease?["spec"]["holderIdentity"] == .string("node-b"))
            #expect(lease?["spec"]["leaseTransitions"] == .number(1))
            stoppingB.finish()
            try await group.waitForAll()
        }
        await server.shutdown()
    }
}
