public import IronLBPluginAPI

/// `strategy: sticky`: released addresses cool down before anyone else gets them.
///
/// A released address is quarantined for `cool-down` (default 10m): nobody but the service that
/// released it may get it, and that service, if it returns within the cool-down, gets it back. The
/// allocator enforces the quarantine (the strategy declares `coolDown`), keeping the addresses taken
/// in the pool index so newcomers skip them at no cost, and rebuilds it from its journal after a
/// restart. Newcomers get the lowest available address, so the most recently released addresses are
/// always the last to be reused.
public enum StickyStrategyPlugin: AllocationStrategyPlugin {
    public static let name = "sticky"
    public static let summary = "released addresses quarantined for cool-down (default 10m); a returning service gets its address back"

    /// `cool-down`: how long a released address is held back.
    public struct Options: PluginConfiguration {
        /// How long a released address is held back for its last holder.
        public var coolDown: Duration
        /// Creates options.
        public init(coolDown: Duration = .seconds(600)) { self.coolDown = coolDown }
        public var rendered: RenderedValue { .mapping([RenderedEntry("cool-down", .duration(coolDown))]) }
    }

    public static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> Options? {
        guard let node = mapping?.value("cool-down") else { return Options() }
        guard let coolDown = node.duration(in: .zero...Duration.seconds(86_400 * 30), &diagnostics) else { return nil }
        return Options(coolDown: coolDown)
    }

    public static func make(options: Options) -> any AllocationStrategy {
        StickyStrategy(coolDown: options.coolDown)
    }
}

/// The sticky strategy's instance: lowest available address; the cool-down does the rest.
final class StickyStrategy: AllocationStrategy {
    let coolDown: Duration

    init(coolDown: Duration) {
        self.coolDown = coolDown
    }

    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer? {
        space.blocks.first.map { .firstAvailable(from: $0.first, wrapping: false) }
    }
}
