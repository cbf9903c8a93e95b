package import IronLBPluginAPI

/// Hands out addresses from the configured pools, following each pool's strategy and rules, and
/// takes them back. Owned by the controller and used only from it.
///
/// The allocator is pure: it does no I/O and reads no clock of its own (`clock` is injected). Every
/// change it makes is queued as an `AllocationRecord`; its owner drains them with `takeRecords()`
/// and makes them durable before reporting any of them (see `AllocationJournal`).
package struct Allocator {
    var pools = PoolTable()
    /// Positions in `pools` of the auto-assign candidates in the order they are tried: priority
    /// (high first), then name.
    var poolOrder: [Int] = []
    /// The auto-assign pools that are not draining, in `poolOrder`, when none of them has a namespace
    /// or service selector: then they are the candidates of every intent that asks for no pool and
    /// no address, and allocation need not filter them per intent. Nil when some pool selects.
    var openPools: [Int]?
    /// Every current assignment, with the request behind it (to judge sharing and changes).
    package internal(set) var assignments = AssignmentTable()
    /// Addresses held under each sharing key, so services with the same key meet deterministically.
    var shared: [String: Set<IPAddress>] = [:]
    /// Assignments left outside every pool by a pool edit, with the sentence that says so.
    package internal(set) var orphans: [ServiceKey: String] = [:]
    /// Released addresses cooling down (pools whose strategy has a `coolDown`).
    var quarantine = Quarantine()
    /// Releases still inside their pool's cool-down, oldest first, for the journal's snapshot.
    var recentReleases: [(assignment: Assignment, time: WallClockInstant)] = []
    /// Changes not yet taken by the owner.
    var pending: [AllocationRecord] = []
    let registry: PluginRegistry
    /// The wall clock; tests inject their own.
    package var clock: @Sendable () -> WallClockInstant

    /// Builds pools from configuration; strategies come from `registry`.
    package init(pools configs: [PoolConfig], registry: PluginRegistry, clock: @escaping @Sendable () -> WallClockInstant = WallClockInstant.now) throws(RegistryError) {
        self.registry = registry
        self.clock = clock
        pools = try Self.makePools(configs, registry: registry, reusing: PoolTable())
        poolOrder = Self.order(pools)
        openPools = Self.openPools(pools, in: poolOrder)
    }

    /// Gives `intent` its addresses, or says why not. An intent that already holds addresses keeps
    /// them as long as its request still allows them, even when the request changed.
    package mutating func allocate(_ intent: ServiceIntent) -> Result<Assignment, AllocationRefusal> {
        let now = clock()
        expireQuarantine(at: now)
        // Hashed once: for the lookup here and for the insertion when the intent is new.
        let keyHash = assignments.keyHash(of: intent.key)
        if let slot = assignments.slot(of: intent.key, keyHash: keyHash) {
            let current = assignments.assignment(at: Int(slot))
            if assignments.request(at: slot) == intent.request { return .success(current) }
            release(slot: slot, keyHash: keyHash, at: now)
            if let kept = keep(current, for: intent) {
                commit(kept, request: intent.request, at: now, keyHash: keyHash)
                return .success(kept)
            }
        }
        let candidates: [Int]
        switch candidatePools(for: intent) {
        case .success(let positions): candidates = positions
        case .failure(let refusal): return .failure(refusal)
        }
        return assignFromFirstPool(candidates, for: intent, recording: intent.request, at: now, keyHash: keyHash,
                                   otherwise: AllocationRefusal(reason: .noPool, message: "no pool can serve \(intent.key)"))
    }

    /// Commits the assignment of the first pool in `candidates` that can serve `intent`, recorded
    /// with `request`; the last pool's refusal when none can, `otherwise` when there is none to try.
    mutating func assignFromFirstPool(
        _ candidates: [Int], for intent: ServiceIntent, recording request: AddressRequest, at now: WallClockInstant, keyHash: UInt32? = nil,
        otherwise: @autoclosure () -> AllocationRefusal
    ) -> Result<Assignment, AllocationRefusal> {
        var lastRefusal: AllocationRefusal?
        for position in candidates {
            switch tryPool(at: position, for: intent, at: now) {
            case .success(let choice):
                let assignment = Assignment(key: intent.key, pool: pools[at: position].config.name, addresses: choice.addresses)
                commit(assignment, request: request, at: now, poolPosition: position, keyHash: keyHash, alreadyHeld: choice.claimed)
                return .success(assignment)
            case .failure(let refusal):
                lastRefusal = refusal
            }
        }
        return .failure(lastRefusal ?? otherwise())
    }

    /// Takes back what `key` holds.
    package mutating func release(_ key: ServiceKey) {
        release(key, at: clock())
    }

    /// Who holds `address`.
    package func holders(of address: IPAddress) -> [ServiceKey] {
        assignments.holders(of: address)
    }

    /// Whether `key`'s assignment lies outside every pool since a pool edit.
    package func isOrphaned(_ key: ServiceKey) -> Bool {
        orphans[key] != nil
    }

    /// Held and total addresses of pool `name` per family, for status and metrics.
    package func usage(ofPool name: String) -> [IPFamily: (held: AddressCount, capacity: AddressCount)] {
        guard let pool = pools[name] else { return [:] }
        return pool.spaces.mapValues { ($0.heldCount, $0.capacity) }
    }

    /// Held and total addresses of each block (CIDR or range) of pool `name`, in configuration order.
    package func blockUsage(ofPool name: String) -> [(block: IPRange, held: AddressCount, capacity: AddressCount)] {
        guard let pool = pools[name] else { return [] }
        return pool.spaces.values.flatMap { space in
            space.blocks.indices.map { index in
                (space.blocks[index], space.heldCount(inBlock: index), space.capacity(inBlock: index))
            }
        }
    }

    /// How many changes wait to be taken.
    package var pendingCount: Int { pending.count }

    /// Intervals stored by every pool index (for memory accounting and benchmarks).
    package var indexIntervalCount: Int {
        pools.values.reduce(0) { total, pool in pool.spaces.values.reduce(total) { $0 + $1.intervalCount } }
    }

    /// The changes made since the last call, in order; the owner makes them durable.
    ///
    /// Hands the queue over and starts a new one with room for a batch as large as this one, up to
    /// `batchCapacity` records: growing from empty copied every record about once more (doubling
    /// after doubling, ~190 instructions an allocation in batches of 4,096), while a bounded
    /// reservation pins at most about a megabyte between bursts.
    package mutating func takeRecords() -> [AllocationRecord] {
        let records = pending
        pending = []
        pending.reserveCapacity(min(records.count, Self.batchCapacity))
        return records
    }

    /// The most records `takeRecords` makes room for in advance.
    static let batchCapacity = 8_192

    mutating func release(_ key: ServiceKey, at time: WallClockInstant) {
        let keyHash = assignments.keyHash(of: key)
        guard let slot = assignments.slot(of: key, keyHash: keyHash) else { return }
        release(slot: slot, keyHash: keyHash, at: time)
    }

    /// Releases the assignment in `slot` of `assignments`, whose key hashes to `keyHash`.
    mutating func release(slot: Int32, keyHash: UInt32, at time: WallClockInstant) {
        let (assignment, pool) = unhold(slot: slot, keyHash: keyHash, at: time)
        // Even an empty dictionary hashes the key to remove it; orphans are rare.
        if !orphans.isEmpty { orphans[assignment.key] = nil }
        pending.append(.released(assignment, at: time))
        remember(assignment, releasedAt: time, poolPosition: pool)
    }

    /// Records `assignment` in every table and marks its addresses held (but those in `alreadyHeld`,
    /// a bit per position, which the pool index holds already).
    /// `poolPosition` and `keyHash` save looking the pool up and hashing the key when the caller has them.
    mutating func commit(
        _ assignment: Assignment, request: AddressRequest, at time: WallClockInstant, journal: Bool = true, poolPosition: Int? = nil, keyHash: UInt32? = nil,
        alreadyHeld: UInt8 = 0
    ) {
        let fresh = assignments.insert(assignment, request: request, keyHash: keyHash)
        assert(fresh & alreadyHeld == alreadyHeld, "an address the pool index had free has a holder")
        let pool = poolPosition ?? pools.position(of: assignment.pool)
        let strategy = pool.map { pools[at: $0].strategy }
        for (position, address) in assignment.addresses.enumerated() {
            if fresh & (1 << position) != 0 {
                if !quarantine.entries.isEmpty { quarantine.remove(address) }
                if let pool, alreadyHeld & (1 << position) == 0 { pools[at: pool].spaces[address.family]?.hold(address) }
            }
            if !request.asksForAnyAddress, let sharingKey = request.sharingKey { shared[sharingKey, default: []].insert(address) }
            strategy?.assigned(address, to: assignment.key, at: time)
        }
        if journal { pending.append(.assigned(assignment, request: request, at: time)) }
    }

    /// Removes the assignment in `slot` of `assignments` (its key hashes to `keyHash`) from every
    /// table; frees addresses nobody else holds. Returns it, with the position of its pool (nil when
    /// no pool has its name any more).
    @discardableResult
    mutating func unhold(slot: Int32, keyHash: UInt32, at time: WallClockInstant) -> (assignment: Assignment, pool: Int?) {
        let assignment = assignments.assignment(at: Int(slot)), key = assignment.key
        let pool = pools.position(of: assignment.pool)
        let (request, freed) = assignments.remove(slot: slot, keyHash: keyHash)
        guard freed != 0 else { return (assignment, pool) }
        let strategy = pool.map { pools[at: $0].strategy }
        // A replayed release can be older than its cool-down: then nothing is held back.
        let coolDown = strategy?.coolDown ?? .zero
        let until = coolDown > .zero ? time + coolDown : nil
        let coolingDown = until.map { $0 > clock() } ?? false
        for (position, address) in assignment.addresses.enumerated() where freed & (1 << position) != 0 {
            if let sharingKey = request.sharingKey {
                shared[sharingKey]?.remove(address)
                if shared[sharingKey]?.isEmpty == true { shared[sharingKey] = nil }
            }
            let holdBack = coolingDown && pool.map { pools[at: $0].spaces[address.family]?.contains(address) == true } == true
            if let pool { pools.update(at: pool) { $0.spaces[address.family]?.free(address, holdingBack: holdBack) } }
            if holdBack, let until { quarantine.add(address, Quarantine.Entry(key: key, pool: assignment.pool, until: until)) }
            strategy?.released(address, by: key, at: time)
        }
        return (assignment, pool)
    }
}

extension Allocator {
    /// Makes addresses whose cool-down is over at `now` available again.
    mutating func expireQuarantine(at now: WallClockInstant) {
        guard quarantine.count > 0 else { return }
        for (address, entry) in quarantine.expire(at: now) {
            pools.modify(entry.pool) { $0.spaces[address.family]?.endHoldBack(address) }
        }
    }

    /// How many addresses of `pool` in `family` are cooling down.
    func coolingDown(inPool pool: String, family: IPFamily) -> Int {
        quarantine.entries.reduce(0) { $0 + ($1.value.pool == pool && $1.key.family == family ? 1 : 0) }
    }
}
