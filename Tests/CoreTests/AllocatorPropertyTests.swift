import Foundation
import PropertyBased
import Testing
@testable import IronLBCore
@testable import IronLBAllocators
import IronLBPluginAPI

/// Random sequences of allocate / release / request / share / pool edit / restart / time passing,
/// checking the allocator's invariants after every step.
@Suite("Allocator properties")
struct AllocatorPropertyTests {
    typealias F = AllocatorFixtures
    static let coolDown = Duration.seconds(60)

    static func pools(extraBlock: Bool, draining: Bool) -> [PoolConfig] {
        var seq = F.pool("seq", ["192.0.2.0/28", "2001:db8::/125"] + (extraBlock ? ["192.0.2.64/29"] : []), reserved: ["192.0.2.3"], avoidBuggy: true)
        seq.priority = 5
        var balanced = F.pool("bal", ["203.0.113.0/30", "203.0.113.8/29"], strategy: "balanced")
        balanced.draining = draining
        return [
            seq,
            F.pool("hash", ["198.51.100.0/29"], strategy: "hash", autoAssign: false),
            F.pool("sticky", ["198.51.100.16/29"], strategy: "sticky", options: StickyStrategyPlugin.Options(coolDown: coolDown), autoAssign: false),
            F.pool("rand", ["198.51.100.32/29", "2001:db8:1::/64"], strategy: "random", options: RandomStrategyPlugin.Options(seed: 3), autoAssign: false),
            balanced,
        ]
    }

    static let poolNames = ["seq", "hash", "sticky", "rand", "bal"]
    static let specific = ["192.0.2.5", "192.0.2.3", "198.51.100.2", "192.0.2.66", "203.0.113.9", "10.0.0.1"].map(F.address)

    /// What a step is about to do, for checking promises afterwards.
    struct Expectation {
        var pool: String
        var lowest: IPAddress?
        var home: IPAddress?
        var fewestHeld: AddressCount?
    }

    @Test("Invariants hold over random operation sequences, including restarts from the journal")
    func invariants() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000).array(of: 1...80)) { steps in
            run(steps)
        }
    }

    func run(_ steps: [Int]) {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        var extraBlock = true, draining = false
        var allocator = try! Allocator(pools: Self.pools(extraBlock: extraBlock, draining: draining), registry: F.registry, clock: clock.reading)
        var (journal, _) = try! AllocationJournal.open(directory: directory)
        var releases: [IPAddress: (key: ServiceKey, time: WallClockInstant)] = [:]
        for raw in steps {
            let service = F.key("s\(raw / 8 % 14)")
            var expectation: Expectation?
            var request = AddressRequest()
            switch raw % 8 {
            case 0, 1:
                let pool = Self.poolNames[raw / 128 % Self.poolNames.count]
                request.pool = pool
                expectation = expect(allocator, pool: pool, key: service)
            case 2:
                allocator.release(service)
            case 3:
                request.addresses = [Self.specific[raw / 128 % Self.specific.count]]
            case 4:
                request.sharingKey = "k\(raw / 128 % 2)"
                request.ports = [ServicePort(port: 53 + raw / 256 % 2, transport: raw / 512 % 2 == 0 ? .tcp : .udp)]
                request.trafficPolicy = raw / 1024 % 2 == 0 ? .cluster : .local
                request.endpointSelector = raw / 2048 % 3 == 0 ? nil : ["app": "a\(raw / 2048 % 3)"]
            case 5:
                if raw / 8 % 2 == 0 { extraBlock.toggle() } else { draining.toggle() }
                try! allocator.reconfigure(pools: Self.pools(extraBlock: extraBlock, draining: draining))
            case 6:
                try! journal.append(allocator.takeRecords())
                let before = (allocator.assignments, allocator.orphans)
                var restarted = try! Allocator(pools: Self.pools(extraBlock: extraBlock, draining: draining), registry: F.registry, clock: clock.reading)
                let (reopened, records) = try! AllocationJournal.open(directory: directory)
                restarted.replay(records)
                #expect(restarted.takeRecords().isEmpty)
                #expect(restarted.assignments == before.0, "a restart changed the assignments")
                #expect(restarted.orphans == before.1)
                if raw / 8 % 2 == 0 { try! reopened.compact(restarted.snapshot()) }
                (allocator, journal) = (restarted, reopened)
            default:
                clock.advance(.seconds(raw / 8 % 90))
            }
            if [0, 1, 3, 4].contains(raw % 8) {
                let result = allocator.allocate(ServiceIntent(key: service, request: request))
                if case .success(let assignment) = result, let expectation, allocator.assignments.request(for: service) == request {
                    check(assignment, against: expectation, allocator: allocator, releases: releases, now: clock.now)
                }
            }
            for record in allocator.pending {
                if case .released(let assignment, let time) = record {
                    for address in assignment.addresses where allocator.holders(of: address).isEmpty { releases[address] = (assignment.key, time) }
                }
            }
            try! journal.append(allocator.takeRecords())
            checkInvariants(allocator)
        }
    }

    /// What the pool's strategy promises for `key`, computed before the allocation.
    func expect(_ allocator: Allocator, pool: String, key: ServiceKey) -> Expectation? {
        guard allocator.assignments[key] == nil, let space = allocator.pools[pool]?.spaces[.ipv4] else { return nil }
        var expectation = Expectation(pool: pool)
        expectation.lowest = space.blocks.indices.lazy.compactMap { space.firstAvailable(inBlock: $0, atOrAfter: nil) }.first
        if let home = HashStrategy.home(of: key, in: space), space.isAvailable(home) { expectation.home = home }
        expectation.fewestHeld = space.blocks.indices.filter { space.availableCount(inBlock: $0) > .zero }.map { space.heldCount(inBlock: $0) }.min()
        return expectation
    }

    func check(_ assignment: Assignment, against expectation: Expectation, allocator: Allocator, releases: [IPAddress: (key: ServiceKey, time: WallClockInstant)], now: WallClockInstant) {
        let address = assignment.addresses[0]
        switch expectation.pool {
        case "seq": #expect(address == expectation.lowest, "sequential did not give the lowest free address")
        case "hash": if let home = expectation.home { #expect(address == home, "hash did not give the free home address") }
        case "sticky":
            if let released = releases[address], released.key != assignment.key {
                #expect(released.time + Self.coolDown <= now, "sticky reused \(address) inside the cool-down")
            }
        case "bal":
            let space = allocator.pools["bal"]!.spaces[.ipv4]!
            let block = space.block(containing: address)!
            #expect(space.heldCount(inBlock: block) == expectation.fewestHeld! + AddressCount(1), "balanced skipped a less-used block")
        default: break
        }
    }

    func checkInvariants(_ allocator: Allocator) {
        var heldPerPool: [String: Set<IPAddress>] = [:]
        for (key, assignment) in allocator.assignments {
            let pool = allocator.pools[assignment.pool]
            for address in assignment.addresses {
                #expect(allocator.holders(of: address).contains(key))
                let space = pool?.spaces[address.family]
                if allocator.isOrphaned(key) {
                    #expect(allocator.pools.values.allSatisfy { !($0.spaces[address.family]?.contains(address) ?? false) })
                } else {
                    #expect(space?.contains(address) == true, "\(address) of \(key) is outside pool \(assignment.pool)")
                    #expect(pool?.config.reserved.contains { $0.contains(address) } == false, "\(address) is reserved")
                    #expect(space?.isAvailable(address) == false)
                    heldPerPool[assignment.pool, default: []].insert(address)
                }
            }
        }
        for (address, keys) in allocator.assignments.sharedAddresses {
            let requests = keys.map { allocator.assignments.request(for: $0)! }
            #expect(Set(requests.map(\.sharingKey)).count == 1 && requests[0].sharingKey != nil, "\(address) shared without a common key")
            let ports = requests.flatMap(\.ports)
            #expect(Set(ports).count == ports.count, "\(address) shared with colliding ports")
            #expect(Set(requests.map(\.trafficPolicy)).count == 1, "\(address) shared across traffic policies")
            if requests[0].trafficPolicy == .local {
                #expect(Set(requests.map(\.endpointSelector)).count == 1, "\(address) shared under policy local with other endpoints")
            }
        }
        for (name, pool) in allocator.pools {
            let held = pool.spaces.values.reduce(AddressCount.zero) { $0 + $1.heldCount }
            #expect(held == AddressCount(UInt128(heldPerPool[name]?.count ?? 0)), "pool \(name) index disagrees with the assignments")
        }
    }
}
