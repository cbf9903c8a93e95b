import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI

@Suite("Allocator")
struct AllocatorTests {
    let registry = try! PluginRegistry(announcers: [], strategies: [SequentialStrategyPlugin.self], sources: [])

    func pool(_ name: String, _ addresses: [String], autoAssign: Bool = true, priority: Int = 0, reserved: [String] = [], avoidBuggy: Bool = false) -> PoolConfig {
        var pool = PoolConfig(
            name: name, addresses: addresses.map { try! IPRange(parsing: $0) }, strategy: "sequential",
            strategyOptions: PluginSection(configuration: EmptyConfiguration())
        )
        pool.autoAssign = autoAssign
        pool.priority = priority
        pool.reserved = reserved.map { try! IPRange(parsing: $0) }
        pool.avoidBuggyIPs = avoidBuggy
        return pool
    }

    func intent(_ name: String, _ request: AddressRequest = AddressRequest()) -> ServiceIntent {
        ServiceIntent(key: ServiceKey(source: "test", name: name), request: request)
    }

    func address(_ text: String) -> IPAddress { try! IPAddress(parsing: text) }

    @Test("Sequential hands out the lowest free address, first block first")
    func sequential() throws {
        var allocator = try Allocator(pools: [pool("p", ["198.51.100.10-198.51.100.11", "192.0.2.0/31"])], registry: registry)
        let got = try (1...4).map { try allocator.allocate(intent("s\($0)")).get().addresses }
        #expect(got == [[address("198.51.100.10")], [address("198.51.100.11")], [address("192.0.2.0")], [address("192.0.2.1")]])
        allocator.release(ServiceKey(source: "test", name: "s2"))
        #expect(try allocator.allocate(intent("s5")).get().addresses == [address("198.51.100.11")])
    }

    @Test("A full pool refuses with counts")
    func full() throws {
        var allocator = try Allocator(pools: [pool("small", ["192.0.2.0/31"])], registry: registry)
        _ = allocator.allocate(intent("a")); _ = allocator.allocate(intent("b"))
        #expect(allocator.allocate(intent("c")) == .failure(AllocationRefusal(reason: .poolFull, message: "pool small is full (2 of 2 IPv4 addresses in use)")))
    }

    @Test("Reserved and buggy addresses are never handed out")
    func reservedAndBuggy() throws {
        var allocator = try Allocator(pools: [pool("p", ["192.0.2.254-192.0.3.2"], reserved: ["192.0.3.1"], avoidBuggy: true)], registry: registry)
        let got = try (1...2).map { try allocator.allocate(intent("s\($0)")).get().addresses[0] }
        #expect(got == [address("192.0.2.254"), address("192.0.3.2")])
        #expect(throws: AllocationRefusal.self) { try allocator.allocate(intent("s3")).get() }
    }

    @Test("Auto-assign pools are tried by priority, then name; others only on request")
    func poolOrder() throws {
        var allocator = try Allocator(pools: [
            pool("b-low", ["192.0.2.0/30"]), pool("a-low", ["192.0.2.4/30"]),
            pool("high", ["192.0.2.8/30"], priority: 5), pool("manual", ["192.0.2.12/30"], autoAssign: false, priority: 100),
        ], registry: registry)
        #expect(try allocator.allocate(intent("x")).get().pool == "high")
        var request = AddressRequest()
        request.pool = "manual"
        #expect(try allocator.allocate(intent("y", request)).get().pool == "manual")
        var fill = allocator
        for index in 0..<3 { _ = fill.allocate(intent("f\(index)")) }
        #expect(try fill.allocate(intent("z")).get().pool == "a-low")
    }

    @Test("A specific address is granted when free and refused with the holder when taken")
    func specificAddress() throws {
        var allocator = try Allocator(pools: [pool("p", ["192.0.2.0/29"])], registry: registry)
        let wanted = address("192.0.2.5")
        let web = AddressRequest(addresses: [wanted], ports: [ServicePort(port: 443, transport: .tcp)])
        #expect(try allocator.allocate(intent("web", web)).get().addresses == [wanted])
        let other = AddressRequest(addresses: [wanted], sharingKey: "k", ports: [ServicePort(port: 443, transport: .tcp)])
        #expect(allocator.allocate(intent("api", other)) == .failure(AllocationRefusal(
            reason: .addressUnavailable, message: "192.0.2.5 is held by test/web and they have no common sharing key")))
    }

    @Test("Sharing is granted when ports do not collide, refused with the colliding port otherwise")
    func sharing() throws {
        var allocator = try Allocator(pools: [pool("p", ["192.0.2.0/29"])], registry: registry)
        let dnsUDP = AddressRequest(sharingKey: "dns", ports: [ServicePort(port: 53, transport: .udp)])
        let dnsTCP = AddressRequest(sharingKey: "dns", ports: [ServicePort(port: 53, transport: .tcp)])
        let first = try allocator.allocate(intent("udp", dnsUDP)).get()
        let second = try allocator.allocate(intent("tcp", dnsTCP)).get()
        #expect(first.addresses == second.addresses)
        let clash = AddressRequest(addresses: Array(first.addresses), sharingKey: "dns", ports: [ServicePort(port: 53, transport: .tcp)])
        #expect(allocator.allocate(intent("clash", clash)) == .failure(AllocationRefusal(
            reason: .addressUnavailable, message: "192.0.2.0 is held by test/tcp and port 53/TCP collides")))
        allocator.release(first.key)
        #expect(allocator.holders(of: first.addresses[0]) == [second.key])
        allocator.release(second.key)
        #expect(allocator.holders(of: first.addresses[0]).isEmpty)
    }

    @Test("Under traffic policy local, services share an address only when they select the same endpoints")
    func sharingLocal() throws {
        var allocator = try Allocator(pools: [pool("p", ["192.0.2.0/29"])], registry: registry)
        func request(_ port: Int, _ policy: TrafficPolicy, _ selector: [String: String]?) -> AddressRequest {
            AddressRequest(sharingKey: "k", ports: [ServicePort(port: port, transport: .tcp)], trafficPolicy: policy, endpointSelector: selector)
        }
        let web = try allocator.allocate(intent("web", request(80, .local, ["app": "web"]))).get()
        #expect(try allocator.allocate(intent("tls", request(443, .local, ["app": "web"]))).get().addresses == web.addresses)
        let other = try allocator.allocate(intent("api", request(8080, .local, ["app": "api"]))).get()
        #expect(other.addresses != web.addresses, "another selector: co-located elsewhere, not with web")
        #expect(allocator.allocate(intent("api2", AddressRequest(addresses: Array(web.addresses), sharingKey: "k", ports: [ServicePort(port: 8081, transport: .tcp)], trafficPolicy: .local, endpointSelector: ["app": "api"]))) == .failure(AllocationRefusal(
            reason: .addressUnavailable, message: "192.0.2.0 is held by test/web with traffic policy local and another endpoint selector")))
        // Under traffic policy cluster every node may announce, so the selectors do not matter.
        let a = try allocator.allocate(intent("a", AddressRequest(sharingKey: "c", ports: [ServicePort(port: 1, transport: .tcp)], endpointSelector: ["app": "a"]))).get()
        #expect(try allocator.allocate(intent("b", AddressRequest(sharingKey: "c", ports: [ServicePort(port: 2, transport: .tcp)], endpointSelector: ["app": "b"]))).get().addresses == a.addresses)
    }

    @Test("Dual-stack gets one address per family, or nothing")
    func dualStack() throws {
        var allocator = try Allocator(pools: [pool("v4only", ["192.0.2.0/30"]), pool("both", ["198.51.100.0/30", "2001:db8::/126"], priority: -1)], registry: registry)
        let got = try allocator.allocate(intent("d", AddressRequest(families: .dualStack))).get()
        #expect(got.pool == "both")
        #expect(got.addresses == [address("198.51.100.0"), address("2001:db8::")])
        var request = AddressRequest(families: .dualStack)
        request.pool = "v4only"
        #expect(throws: AllocationRefusal.self) { try allocator.allocate(intent("e", request)).get() }
    }

    @Test("A draining pool takes no new services but keeps existing ones")
    func draining() throws {
        var drainingPool = pool("p", ["192.0.2.0/30"])
        drainingPool.draining = true
        var allocator = try Allocator(pools: [drainingPool], registry: registry)
        #expect(throws: AllocationRefusal.self) { try allocator.allocate(intent("x")).get() }
    }

    @Test("Allocating again for an unchanged request keeps the address")
    func idempotent() throws {
        var allocator = try Allocator(pools: [pool("p", ["192.0.2.0/30"])], registry: registry)
        let first = try allocator.allocate(intent("x")).get()
        _ = allocator.allocate(intent("y"))
        #expect(try allocator.allocate(intent("x")).get() == first)
    }
}
