public import IronLBPluginAPI

/// `strategy: random`: uniform over the pool's available addresses, even in a /64.
///
/// One uniform draw of a rank below the number of available addresses, then rank-select in the pool
/// index: no rejection loop, so a nearly full pool costs what an empty one costs.
public enum RandomStrategyPlugin: AllocationStrategyPlugin {
    public static let name = "random"
    public static let summary = "uniform over free addresses (rank-select, no retries); option seed for reproducible runs"

    /// `seed`: makes the sequence of choices reproducible (tests, simulations); absent means the system's randomness.
    public struct Options: PluginConfiguration {
        /// The generator's seed; nil means seeded from the system.
        public var seed: UInt64?
        /// Creates options.
        public init(seed: UInt64? = nil) { self.seed = seed }
        public var rendered: RenderedValue {
            .mapping(seed.map { [RenderedEntry("seed", .integer(Int(truncatingIfNeeded: $0)))] } ?? [])
        }
    }

    public static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> Options? {
        let seed = mapping?.value("seed")?.integer(in: 0...Int.max, &diagnostics)
        return Options(seed: seed.map(UInt64.init))
    }

    public static func make(options: Options) -> any AllocationStrategy {
        var system = SystemRandomNumberGenerator()
        return RandomStrategy(seed: options.seed ?? system.next())
    }
}

/// The random strategy's instance: a seeded generator.
final class RandomStrategy: AllocationStrategy {
    private var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer? {
        let available = space.blocks.indices.reduce(AddressCount.zero) { $0 + space.availableCount(inBlock: $1) }
        guard available > .zero else { return nil }
        let rank = available.uint128.map { UInt128.random(in: 0..<$0, using: &generator) } ?? UInt128.random(in: 0...UInt128.max, using: &generator)
        return space.availableAddress(rank: rank).map(AddressOffer.address)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and good enough to pick addresses; seedable so
/// a test can reproduce a run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
