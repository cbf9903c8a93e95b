import IronLBPluginAPI

extension Allocator {
    /// One pool with its strategy instance and its space per family.
    ///
    /// The configuration and strategy sit behind one reference, so reading a pool on the hot path
    /// copies two references instead of every string and array of its configuration.
    struct Pool {
        private final class Settings {
            let config: PoolConfig
            let strategy: any AllocationStrategy
            init(config: PoolConfig, strategy: any AllocationStrategy) {
                self.config = config
                self.strategy = strategy
            }
        }

        private let settings: Settings
        var spaces: FamilySpaces

        init(config: PoolConfig, strategy: any AllocationStrategy, spaces: FamilySpaces) {
            settings = Settings(config: config, strategy: strategy)
            self.spaces = spaces
        }

        // Borrowed, not copied: the hot path reads a field or two.
        var config: PoolConfig { _read { yield settings.config } }
        var strategy: any AllocationStrategy { _read { yield settings.strategy } }

        /// What the strategy offers for `key` from the space of `family`, not taken yet.
        mutating func offer(_ family: IPFamily, for key: ServiceKey, at time: WallClockInstant) -> FamilySpaces.Offer {
            spaces.offer(family, by: settings.strategy, for: key, at: time)
        }
    }

    /// A pool's space per family: a dictionary's reads, without hashing.
    struct FamilySpaces {
        private var v4: PoolFamilySpace?
        private var v6: PoolFamilySpace?

        init() {}

        subscript(family: IPFamily) -> PoolFamilySpace? {
            get { family == .ipv4 ? v4 : v6 }
            _modify {
                if family == .ipv4 { yield &v4 } else { yield &v6 }
            }
        }

        /// `body` of the space of `family`; nil when the pool has no such space. Cheaper than the
        /// getter: Swift still copies the space once here (two retains), where binding it with
        /// `guard let` or `if let` copies it twice (callgrind: 110 instructions an allocation).
        func withSpace<Result>(_ family: IPFamily, _ body: (borrowing PoolFamilySpace) -> Result) -> Result? {
            switch family {
            case .ipv4: v4 == nil ? nil : body(v4!)
            case .ipv6: v6 == nil ? nil : body(v6!)
            }
        }

        /// What a strategy offered.
        enum Offer {
            /// The pool has no space of the family.
            case noSpace
            /// The strategy offered nothing: no address is available to it.
            case nothing
            /// The strategy's offer, not taken yet (see `take`).
            case offered(AddressOffer)
        }

        /// What `strategy` offers for `key` from the space of `family`. The space is lent to the
        /// strategy in place: `withSpace` copies it first.
        mutating func offer(_ family: IPFamily, by strategy: any AllocationStrategy, for key: ServiceKey, at time: WallClockInstant) -> Offer {
            switch family {
            case .ipv4: v4 == nil ? .noSpace : Self.offer(in: &v4!, by: strategy, for: key, at: time)
            case .ipv6: v6 == nil ? .noSpace : Self.offer(in: &v6!, by: strategy, for: key, at: time)
            }
        }

        private static func offer(
            in space: inout PoolFamilySpace, by strategy: any AllocationStrategy, for key: ServiceKey, at time: WallClockInstant
        ) -> Offer {
            strategy.choose(for: key, in: space, at: time).map(Offer.offered) ?? .nothing
        }

        /// Takes `offer` in the space of `family` and returns the address taken; nil, changing
        /// nothing, when it cannot be had (see `PoolFamilySpace.take`).
        mutating func take(_ offer: AddressOffer, _ family: IPFamily) -> IPAddress? {
            family == .ipv4 ? v4?.take(offer) : v6?.take(offer)
        }

        /// Whether the space of `address`'s family contains it (read in place: the getter copies a space).
        func contains(_ address: IPAddress) -> Bool {
            switch address {
            case .v4: v4?.contains(address) ?? false
            case .v6: v6?.contains(address) ?? false
            }
        }

        /// The spaces present, IPv4 first.
        var values: [PoolFamilySpace] { [v4, v6].compactMap(\.self) }

        /// `transform` of each space present, by family.
        func mapValues<T>(_ transform: (PoolFamilySpace) -> T) -> [IPFamily: T] {
            var result: [IPFamily: T] = [:]
            for space in values { result[space.family] = transform(space) }
            return result
        }
    }
}
