public import IronLBPluginAPI

/// `strategy: sequential`: the lowest available address, first block first. Deterministic: the same
/// configuration and the same order of requests give the same addresses on every node.
public enum SequentialStrategyPlugin: AllocationStrategyPlugin {
    public typealias Options = EmptyConfiguration
    public static let name = "sequential"
    public static let summary = "lowest free address, first range first; deterministic"

    public static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> EmptyConfiguration? {
        EmptyConfiguration()
    }

    public static func make(options: EmptyConfiguration) -> any AllocationStrategy {
        SequentialStrategy()
    }
}

/// The sequential strategy's instance; it keeps no state.
final class SequentialStrategy: AllocationStrategy {
    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer? {
        space.blocks.first.map { .firstAvailable(from: $0.first, wrapping: false) }
    }
}
