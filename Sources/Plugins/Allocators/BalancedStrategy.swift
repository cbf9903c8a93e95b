public import IronLBPluginAPI

/// `strategy: balanced`: spreads services across the pool's blocks (subnets, racks).
///
/// It picks the block with the fewest held addresses among those with an available address (ties go
/// to the block written first), then that block's lowest available address. Deterministic.
public enum BalancedStrategyPlugin: AllocationStrategyPlugin {
    public typealias Options = EmptyConfiguration
    public static let name = "balanced"
    public static let summary = "least-used block first (fewest held addresses), lowest free address in it"

    public static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> EmptyConfiguration? {
        EmptyConfiguration()
    }

    public static func make(options: EmptyConfiguration) -> any AllocationStrategy {
        BalancedStrategy()
    }
}

/// The balanced strategy's instance; it keeps no state.
final class BalancedStrategy: AllocationStrategy {
    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer? {
        var best: (block: Int, held: AddressCount)?
        for block in space.blocks.indices where space.availableCount(inBlock: block) > .zero {
            let held = space.heldCount(inBlock: block)
            if best == nil || held < best!.held { best = (block, held) }
        }
        guard let best else { return nil }
        return .firstAvailable(from: space.blocks[best.block].first, wrapping: false)
    }
}
