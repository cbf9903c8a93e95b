import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI

@Suite("Allocator reconfigure")
struct AllocatorReconfigureTests {
    typealias F = AllocatorFixtures

    func intent(_ name: String) -> ServiceIntent { ServiceIntent(key: F.key(name), request: AddressRequest()) }

    @Test("A block that moves to another pool takes its assignments along; nobody moves")
    func rehome() throws {
        var allocator = try Allocator(pools: [F.pool("a", ["192.0.2.0/31", "198.51.100.0/31"]), F.pool("b", ["203.0.113.0/31"])], registry: F.registry)
        let x = try allocator.allocate(intent("x")).get()
        _ = allocator.takeRecords()
        try allocator.reconfigure(pools: [F.pool("a", ["198.51.100.0/31"]), F.pool("b", ["203.0.113.0/31", "192.0.2.0/31"])])
        #expect(allocator.assignments[x.key] == Assignment(key: x.key, pool: "b", addresses: x.addresses))
        #expect(allocator.orphans.isEmpty)
        #expect(allocator.usage(ofPool: "b")[.ipv4]?.held == AddressCount(1))
        #expect(allocator.takeRecords().count == 1)
        #expect(try allocator.allocate(intent("y")).get().addresses.map(\.description) == ["198.51.100.0"])
    }

    @Test("orphans: release frees an address left outside every pool; keep holds it, and it is not handed out when the block returns")
    func orphanPolicies() throws {
        var allocator = try Allocator(pools: [
            F.pool("keep", ["192.0.2.0/31", "192.0.2.8/31"]), F.pool("drop", ["198.51.100.0/31", "198.51.100.8/31"], orphans: .release),
        ], registry: F.registry)
        var keepRequest = AddressRequest(), dropRequest = AddressRequest()
        keepRequest.pool = "keep"
        dropRequest.pool = "drop"
        let kept = try allocator.allocate(ServiceIntent(key: F.key("kept"), request: keepRequest)).get()
        let dropped = try allocator.allocate(ServiceIntent(key: F.key("dropped"), request: dropRequest)).get()
        try allocator.reconfigure(pools: [
            F.pool("keep", ["192.0.2.8/31"]), F.pool("drop", ["198.51.100.8/31"], orphans: .release),
        ])
        #expect(allocator.assignments[kept.key] == kept)
        #expect(allocator.isOrphaned(kept.key))
        #expect(allocator.assignments[dropped.key] == nil)
        try allocator.reconfigure(pools: [
            F.pool("keep", ["192.0.2.0/31", "192.0.2.8/31"]), F.pool("drop", ["198.51.100.8/31"], orphans: .release),
        ])
        #expect(!allocator.isOrphaned(kept.key))
        #expect(try allocator.allocate(ServiceIntent(key: F.key("other"), request: keepRequest)).get().addresses.map(\.description) == ["192.0.2.1"])
    }
}
