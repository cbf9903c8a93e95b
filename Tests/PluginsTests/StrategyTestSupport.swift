import IronLBCore
import IronLBPluginAPI
@testable import IronLBAllocators

/// A pool space of `blocks` and helpers to drive a strategy against it.
struct StrategyBench {
    var space: PoolFamilySpace
    var time = WallClockInstant.epoch

    init(_ blocks: [String], reserved: [String] = [], avoidBuggyIPs: Bool = false) {
        let ranges = blocks.map { try! IPRange(parsing: $0) }
        space = PoolFamilySpace(
            family: ranges[0].family, blocks: ranges, reserved: reserved.map { try! IPRange(parsing: $0) }, avoidBuggyIPs: avoidBuggyIPs
        )
    }

    static func key(_ name: String) -> ServiceKey { ServiceKey(source: "test", name: name) }
    static func address(_ text: String) -> IPAddress { try! IPAddress(parsing: text) }

    /// Lets `strategy` choose for `name` and holds the address, as the allocator does.
    mutating func take(_ strategy: any AllocationStrategy, _ name: String) -> IPAddress? {
        guard let offer = strategy.choose(for: Self.key(name), in: space, at: time) else { return nil }
        if case .address(let address) = offer { precondition(space.isAvailable(address), "\(address) offered but not available") }
        // A search for the first available address finds none when the pool is full.
        guard let address = space.take(offer) else { return nil }
        strategy.assigned(address, to: Self.key(name), at: time)
        return address
    }

    /// Releases `address` held by `name`, as the allocator does.
    mutating func give(_ strategy: any AllocationStrategy, _ name: String, _ address: IPAddress) {
        space.free(address)
        strategy.released(address, by: Self.key(name), at: time)
    }
}
