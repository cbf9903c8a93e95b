import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI

/// A strategy plugin that offers the addresses of its options whatever the pool holds: the allocator
/// must refuse what is not available and change nothing, never hand out a held or reserved address.
private enum FixedStrategyPlugin: AllocationStrategyPlugin {
    struct Options: PluginConfiguration {
        var offers: [IPAddress]
        /// Offers the first address whatever the family asked for.
        var anyFamily = false
        /// Offers the first available address from the offered one instead of the address itself.
        var search = false
        var rendered: RenderedValue { .mapping([]) }
    }

    static let name = "fixed"
    static let summary = "offers fixed addresses (tests)"

    static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> Options? { nil }

    static func make(options: Options) -> any AllocationStrategy {
        FixedStrategy(offers: options.offers, anyFamily: options.anyFamily, search: options.search)
    }
}

private final class FixedStrategy: AllocationStrategy {
    let offers: [IPAddress]
    let anyFamily: Bool
    let search: Bool
    init(offers: [IPAddress], anyFamily: Bool, search: Bool) {
        self.offers = offers
        self.anyFamily = anyFamily
        self.search = search
    }

    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer? {
        let offer = anyFamily ? offers.first : offers.first { $0.family == space.family }
        return offer.map { search ? .firstAvailable(from: $0, wrapping: false) : .address($0) }
    }
}

@Suite("Allocator with a misbehaving strategy")
struct AllocatorMisbehavingStrategyTests {
    let registry = try! PluginRegistry(announcers: [], strategies: [SequentialStrategyPlugin.self, FixedStrategyPlugin.self], sources: [])

    func pool(_ name: String, _ addresses: [String], offers: [String], anyFamily: Bool = false, search: Bool = false, reserved: [String] = []) -> PoolConfig {
        let options = FixedStrategyPlugin.Options(offers: offers.map { try! IPAddress(parsing: $0) }, anyFamily: anyFamily, search: search)
        var pool = AllocatorFixtures.pool(name, addresses, strategy: "fixed", options: options, reserved: reserved)
        pool.priority = 1
        return pool
    }

    func intent(_ name: String, _ families: FamilyPolicy = .ipv4) -> ServiceIntent {
        ServiceIntent(key: ServiceKey(source: "test", name: name), request: AddressRequest(families: families))
    }

    func held(_ allocator: Allocator, _ pool: String) -> [IPFamily: AddressCount] {
        allocator.usage(ofPool: pool).mapValues(\.held)
    }

    @Test("An offered address that another service holds is refused, and the next pool serves")
    func heldAddress() throws {
        var allocator = try Allocator(
            pools: [pool("fixed", ["192.0.2.0/30"], offers: ["192.0.2.1"]), AllocatorFixtures.pool("spare", ["198.51.100.0/30"])], registry: registry
        )
        let first = try allocator.allocate(intent("a")).get()
        #expect(first.addresses == [try IPAddress(parsing: "192.0.2.1")])
        let second = try allocator.allocate(intent("b")).get()
        #expect(second.pool == "spare", "192.0.2.1 is held by a: the fixed pool refuses b")
        #expect(allocator.assignments.holders(of: first.addresses[0]) == [first.key])
        #expect(held(allocator, "fixed")[.ipv4] == AddressCount(1))
    }

    @Test("Offering a held or reserved address, or one outside the pool, is refused with the reason and changes nothing")
    func refusedWithNothingChanged() throws {
        for offer in ["192.0.2.1", "192.0.2.2", "203.0.113.9"] {
            var allocator = try Allocator(pools: [pool("fixed", ["192.0.2.0/30"], offers: [offer], reserved: ["192.0.2.2"])], registry: registry)
            if offer == "192.0.2.1" { _ = try allocator.allocate(intent("a")).get() }
            let before = held(allocator, "fixed")
            let refusal = try #require(allocator.allocate(intent("b")).failure)
            #expect(refusal.reason == .addressUnavailable)
            #expect(refusal.message.contains("strategy fixed of pool fixed offered \(offer)"), "\(refusal.message)")
            #expect(held(allocator, "fixed") == before)
            #expect(allocator.assignments[ServiceKey(source: "test", name: "b")] == nil)
        }
    }

    @Test("An address of another family than the one asked for is refused, even when it is free in the pool")
    func otherFamily() throws {
        var allocator = try Allocator(
            pools: [pool("fixed", ["192.0.2.0/30", "2001:db8::/126"], offers: ["2001:db8::1"], anyFamily: true)], registry: registry
        )
        let refusal = try #require(allocator.allocate(intent("b")).failure)
        #expect(refusal.reason == .addressUnavailable)
        #expect(refusal.message == "strategy fixed of pool fixed offered 2001:db8::1 for \(IPFamily.ipv4)", "\(refusal.message)")
        #expect(held(allocator, "fixed") == [.ipv4: AddressCount(0), .ipv6: AddressCount(0)])
    }

    @Test("A search for the first available address that starts outside the pool, in another family or past every available address is refused, and says why")
    func searchRefusals() throws {
        let cases: [(offer: String, message: String)] = [
            ("203.0.113.9", "strategy fixed of pool fixed offered to start from 203.0.113.9, outside the pool"),
            ("2001:db8::1", "strategy fixed of pool fixed offered to start from 2001:db8::1 for \(IPFamily.ipv4)"),
            ("192.0.2.3", "strategy fixed of pool fixed offered to start from 192.0.2.3, after which nothing is available"),
        ]
        for (offer, message) in cases {
            var allocator = try Allocator(
                pools: [pool("fixed", ["192.0.2.2/31", "2001:db8::/126"], offers: [offer], anyFamily: true, search: true)], registry: registry
            )
            if offer == "192.0.2.3" {
                // From .3 without wrapping: .2 stays free, yet the search from .3 finds nothing once .3 is held.
                _ = try allocator.allocate(intent("a")).get()
                let second = allocator.allocate(intent("b"))
                #expect(second.failure?.message == message, "\(String(describing: second))")
                continue
            }
            let refusal = try #require(allocator.allocate(intent("b")).failure)
            #expect(refusal.reason == .addressUnavailable)
            #expect(refusal.message == message, "\(refusal.message)")
            #expect(held(allocator, "fixed") == [.ipv4: AddressCount(0), .ipv6: AddressCount(0)])
        }
    }

    @Test("A dual-stack offer whose IPv6 half is unavailable takes back its IPv4 half")
    func dualStackUndo() throws {
        var allocator = try Allocator(
            pools: [pool("fixed", ["192.0.2.0/30", "2001:db8::/126"], offers: ["192.0.2.1", "2001:db8:ffff::1"])], registry: registry
        )
        let refusal = try #require(allocator.allocate(intent("b", .dualStack)).failure)
        #expect(refusal.reason == .addressUnavailable)
        #expect(held(allocator, "fixed") == [.ipv4: AddressCount(0), .ipv6: AddressCount(0)])
        let space = try #require(allocator.pools["fixed"]?.spaces[.ipv4])
        #expect(space.isAvailable(try IPAddress(parsing: "192.0.2.1")), "the IPv4 half is free again")
        let single = try allocator.allocate(intent("c")).get()
        #expect(single.addresses == [try IPAddress(parsing: "192.0.2.1")])
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
