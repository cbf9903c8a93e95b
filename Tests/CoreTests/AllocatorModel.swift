import Foundation
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI

/// A wall clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = WallClockInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)
    var now: WallClockInstant { lock.withLock { current } }
    func advance(_ duration: Duration) { lock.withLock { current = current + duration } }
    var reading: @Sendable () -> WallClockInstant { { [self] in now } }
}

/// Builders shared by the allocator tests.
enum AllocatorFixtures {
    static let registry = try! PluginRegistry(
        announcers: [],
        strategies: [SequentialStrategyPlugin.self, RandomStrategyPlugin.self, HashStrategyPlugin.self, StickyStrategyPlugin.self, BalancedStrategyPlugin.self],
        sources: []
    )

    static func pool(
        _ name: String, _ addresses: [String], strategy: String = "sequential", options: any PluginConfiguration = EmptyConfiguration(),
        autoAssign: Bool = true, reserved: [String] = [], avoidBuggy: Bool = false, orphans: OrphanPolicy = .keep
    ) -> PoolConfig {
        var pool = PoolConfig(
            name: name, addresses: addresses.map { try! IPRange(parsing: $0) }, strategy: strategy,
            strategyOptions: PluginSection(configuration: options)
        )
        pool.autoAssign = autoAssign
        pool.reserved = reserved.map { try! IPRange(parsing: $0) }
        pool.avoidBuggyIPs = avoidBuggy
        pool.orphans = orphans
        return pool
    }

    static func key(_ name: String) -> ServiceKey { ServiceKey(source: "test", name: name) }
    static func address(_ text: String) -> IPAddress { try! IPAddress(parsing: text) }

    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-alloc-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
