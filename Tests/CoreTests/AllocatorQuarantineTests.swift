import Foundation
import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI

@Suite("Allocator cool-down")
struct AllocatorQuarantineTests {
    typealias F = AllocatorFixtures

    func sticky(_ addresses: [String], coolDown: Duration = .seconds(60)) -> [PoolConfig] {
        [F.pool("s", addresses, strategy: "sticky", options: StickyStrategyPlugin.Options(coolDown: coolDown))]
    }

    func intent(_ name: String, _ request: AddressRequest = AddressRequest()) -> ServiceIntent { ServiceIntent(key: F.key(name), request: request) }

    @Test("A released address is not reused inside the cool-down, except by the service that left it")
    func quarantine() throws {
        let clock = ManualClock()
        var allocator = try Allocator(pools: sticky(["192.0.2.0/30"]), registry: F.registry, clock: clock.reading)
        let a = try allocator.allocate(intent("a")).get().addresses
        allocator.release(F.key("a"))
        clock.advance(.seconds(30))
        let b = try allocator.allocate(intent("b")).get().addresses
        #expect(b != a)
        #expect(try allocator.allocate(intent("a")).get().addresses == a)
        allocator.release(F.key("a"))
        #expect(allocator.allocate(intent("x", AddressRequest(addresses: Array(a)))) == .failure(AllocationRefusal(
            reason: .addressUnavailable, message: "192.0.2.0 is cooling down after test/a released it (until 1700000090.000000000)")))
        clock.advance(.seconds(61))
        #expect(try allocator.allocate(intent("c")).get().addresses == a)
    }

    @Test("A pool whose only free addresses are cooling down refuses newcomers and says so")
    func fullOfQuarantine() throws {
        let clock = ManualClock()
        var allocator = try Allocator(pools: sticky(["192.0.2.0/31"]), registry: F.registry, clock: clock.reading)
        _ = allocator.allocate(intent("a")); _ = allocator.allocate(intent("b"))
        allocator.release(F.key("a"))
        #expect(allocator.allocate(intent("c")) == .failure(AllocationRefusal(
            reason: .poolFull, message: "pool s is full (1 of 1 IPv4 addresses in use; 1 more cooling down after release)")))
    }

    @Test("The quarantine survives a restart (journal replay and compaction) and then expires")
    func durable() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        var allocator = try Allocator(pools: sticky(["192.0.2.0/31"], coolDown: .seconds(600)), registry: F.registry, clock: clock.reading)
        let (journal, _) = try AllocationJournal.open(directory: directory)
        let a = try allocator.allocate(intent("a")).get().addresses
        allocator.release(F.key("a"))
        try journal.append(allocator.takeRecords())
        try journal.compact(allocator.snapshot())
        clock.advance(.seconds(300))
        var restarted = try Allocator(pools: sticky(["192.0.2.0/31"], coolDown: .seconds(600)), registry: F.registry, clock: clock.reading)
        restarted.replay(try AllocationJournal.open(directory: directory).1)
        #expect(try restarted.allocate(intent("b")).get().addresses != a)
        #expect(allocator.quarantine.count == 1)
        clock.advance(.seconds(301))
        #expect(try restarted.allocate(intent("c")).get().addresses == a)
    }

    @Test("Releases are kept, past the pruning size too, exactly while their own pool's cool-down lasts")
    func releasesPerPool() throws {
        let clock = ManualClock()
        let pools = [
            F.pool("short", ["2001:db8::/112"], strategy: "sticky", options: StickyStrategyPlugin.Options(coolDown: .seconds(10)), autoAssign: false),
            F.pool("long", ["203.0.113.0/24"], strategy: "sticky", options: StickyStrategyPlugin.Options(coolDown: .seconds(1000)), autoAssign: false),
        ]
        var allocator = try Allocator(pools: pools, registry: F.registry, clock: clock.reading)
        // Runs of releases from each pool, the long pool's first; 1,200 in all, so pruning runs.
        let names = (0..<200).map { ("long", "l\($0)") } + (0..<500).map { ("short", "s\($0)") }
            + (200..<250).map { ("long", "l\($0)") } + (500..<950).map { ("short", "s\($0)") }
        for (pool, name) in names {
            _ = try allocator.allocate(intent(name, AddressRequest(pool: pool, families: pool == "short" ? .ipv6 : .ipv4))).get()
        }
        for (index, (_, name)) in names.enumerated() {
            if index == 700 { clock.advance(.seconds(11)) }
            allocator.release(F.key(name))
        }
        #expect(allocator.recentReleases.count < 1024, "pruned while releasing")
        let kept = allocator.snapshot().compactMap { record -> String? in
            guard case .released(let assignment, _) = record else { return nil }
            return assignment.key.name
        }
        #expect(kept == names.filter { $0.0 == "long" || Int($0.1.dropFirst())! >= 500 }.map(\.1))
    }
}
