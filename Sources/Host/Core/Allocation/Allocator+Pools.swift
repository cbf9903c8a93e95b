import IronLBPluginAPI

extension Allocator {
    /// Applies a new pool list without moving any service.
    ///
    /// A pool whose strategy and options did not change keeps its strategy instance (and so a sticky
    /// pool keeps its quarantine). Every assignment stays where it is: when its addresses now lie in
    /// another pool it is re-homed there; when they lie in no pool it is flagged orphaned and kept,
    /// unless the pool it came from says `orphans: release`.
    package mutating func reconfigure(pools configs: [PoolConfig]) throws(RegistryError) {
        let previous = pools
        pools = try Self.makePools(configs, registry: registry, reusing: previous)
        poolOrder = Self.order(pools)
        openPools = Self.openPools(pools, in: poolOrder)
        for address in assignments.heldAddresses {
            for position in pools.indices where pools[at: position].spaces[address.family]?.hold(address) == true { break }
        }
        for (address, entry) in quarantine.entries {
            guard let position = pools.indices.first(where: { pools[at: $0].spaces[address.family]?.contains(address) == true }) else {
                quarantine.remove(address)
                continue
            }
            pools[at: position].spaces[address.family]!.holdBack(address)
            let name = pools[at: position].config.name
            if name != entry.pool { quarantine.rehome(address, to: name) }
        }
        rehome(previousPools: previous, at: clock())
    }

    /// Puts every assignment in the pool that now contains its addresses, flags those left outside
    /// every pool, and applies the orphan policy.
    mutating func rehome(previousPools: PoolTable, at time: WallClockInstant) {
        var release: [ServiceKey] = []
        var moved: [Assignment] = []
        var lookup = PoolTable.RunLookup()
        for (key, assignment) in assignments {
            if let home = home(of: assignment, inPoolAt: lookup.position(of: assignment.pool, in: pools)) {
                // Even an empty dictionary hashes the key to remove it; this runs for every assignment at start.
                if !orphans.isEmpty { orphans[key] = nil }
                if home != assignment.pool {
                    var rehomed = assignment
                    rehomed.pool = home
                    moved.append(rehomed)
                }
                continue
            }
            let policy = (pools[assignment.pool] ?? previousPools[assignment.pool])?.config.orphans ?? .keep
            if policy == .release {
                release.append(key)
            } else {
                let addresses = assignment.addresses.map(\.description).joined(separator: ", ")
                orphans[key] = "\(addresses) of \(key) is outside every pool since pool \(assignment.pool) changed; kept until the service goes away"
            }
        }
        // Sorted so the journal (and the log) read the same on every run.
        for assignment in moved.sorted(by: { $0.key < $1.key }) {
            assignments.move(assignment.key, toPool: assignment.pool)
            pending.append(.assigned(assignment, request: assignments.request(for: assignment.key) ?? AddressRequest(), at: time))
        }
        for key in release.sorted() { self.release(key, at: time) }
    }

    /// The pool that contains every address of `assignment`, preferring the one it came from, which
    /// is at `current` (nil when no pool has its name any more).
    private func home(of assignment: Assignment, inPoolAt current: Int?) -> String? {
        func contains(_ position: Int) -> Bool {
            assignment.addresses.allSatisfy { pools[at: position].spaces.contains($0) }
        }
        if let current, contains(current) { return assignment.pool }
        return pools.indices.sorted { pools[at: $0].config.name < pools[at: $1].config.name }.first(where: contains).map { pools[at: $0].config.name }
    }

    /// Builds pools from configuration, keeping the strategy instance of pools whose strategy is unchanged.
    static func makePools(_ configs: [PoolConfig], registry: PluginRegistry, reusing previous: PoolTable) throws(RegistryError) -> PoolTable {
        var pools: [Pool] = []
        for config in configs {
            let strategy: any AllocationStrategy
            if let old = previous[config.name], old.config.strategy == config.strategy, old.config.strategyOptions == config.strategyOptions {
                strategy = old.strategy
            } else {
                let descriptor = try registry.strategy(named: config.strategy)
                guard let made = descriptor.make(config.strategyOptions.configuration) else {
                    throw RegistryError(message: "strategy '\(config.strategy)' rejected the options of pool '\(config.name)'")
                }
                strategy = made
            }
            var spaces = FamilySpaces()
            for family in IPFamily.allCases {
                let blocks = config.addresses.filter { $0.family == family }
                if !blocks.isEmpty {
                    spaces[family] = PoolFamilySpace(family: family, blocks: blocks, reserved: config.reserved, avoidBuggyIPs: config.avoidBuggyIPs)
                }
            }
            pools.append(Pool(config: config, strategy: strategy, spaces: spaces))
        }
        return PoolTable(pools)
    }

    /// Positions of the pools by priority (high first), then name: the deterministic order of auto-assignment.
    static func order(_ pools: PoolTable) -> [Int] {
        pools.indices.sorted { a, b in
            (pools[at: b].config.priority, pools[at: a].config.name) < (pools[at: a].config.priority, pools[at: b].config.name)
        }
    }
}
