public import IronLBPluginAPI

/// Hands out addresses from the configured pools, following each pool's strategy and rules, and
/// takes them back. Owned by the controller and used only from it.
package struct Allocator {
    /// One pool with its strategy instance and its space per family.
    struct Pool {
        var config: PoolConfig
        let strategy: any AllocationStrategy
        var spaces: [IPFamily: PoolFamilySpace]
    }

    private(set) var pools: [String: Pool] = [:]
    /// Every current assignment.
    package private(set) var assignments: [ServiceKey: Assignment] = [:]
    /// The requests behind the assignments, to judge sharing.
    private var requests: [ServiceKey: AddressRequest] = [:]
    /// Who holds each address (more than one when shared).
    private var holders: [IPAddress: [ServiceKey]] = [:]

    /// Builds pools from configuration; strategies come from `registry`.
    package init(pools configs: [PoolConfig], registry: PluginRegistry) throws(RegistryError) {
        for config in configs {
            let descriptor = try registry.strategy(named: config.strategy)
            guard let strategy = descriptor.make(config.strategyOptions.configuration) else {
                throw RegistryError(message: "strategy '\(config.strategy)' rejected the options of pool '\(config.name)'")
            }
            var spaces: [IPFamily: PoolFamilySpace] = [:]
            for family in IPFamily.allCases {
                let blocks = config.addresses.filter { $0.family == family }
                if !blocks.isEmpty {
                    spaces[family] = PoolFamilySpace(family: family, blocks: blocks, reserved: config.reserved, avoidBuggyIPs: config.avoidBuggyIPs)
                }
            }
            pools[config.name] = Pool(config: config, strategy: strategy, spaces: spaces)
        }
    }

    /// Applies a new pool list without moving anyone: every current assignment is kept, including one
    /// whose address left every pool (it stays, orphaned, until its service goes).
    package mutating func reconfigure(pools configs: [PoolConfig], registry: PluginRegistry) throws(RegistryError) {
        var next = try Allocator(pools: configs, registry: registry)
        for (key, assignment) in assignments.sorted(by: { $0.key < $1.key }) {
            next.commit(assignment, request: requests[key] ?? AddressRequest())
        }
        self = next
    }

    /// The assignments whose addresses are outside every current pool.
    package var orphans: [Assignment] {
        assignments.values.filter { assignment in
            assignment.addresses.contains { address in pools[assignment.pool]?.spaces[address.family]?.contains(address) != true }
        }.sorted { $0.key < $1.key }
    }

    /// Gives `intent` its addresses, or says why not. An intent that already holds addresses keeps
    /// them as long as its request still allows them.
    package mutating func allocate(_ intent: ServiceIntent) -> Result<Assignment, AllocationRefusal> {
        if let current = assignments[intent.key] {
            if requests[intent.key] == intent.request { return .success(current) }
            release(intent.key)
        }
        let candidates: [String]
        switch candidatePools(for: intent) {
        case .success(let names): candidates = names
        case .failure(let refusal): return .failure(refusal)
        }
        var lastRefusal: AllocationRefusal?
        for name in candidates {
            switch tryPool(name, for: intent) {
            case .success(let assignment):
                commit(assignment, request: intent.request)
                return .success(assignment)
            case .failure(let refusal):
                lastRefusal = refusal
            }
        }
        return .failure(lastRefusal ?? AllocationRefusal(reason: .noPool, message: "no pool can serve \(intent.key)"))
    }

    /// Takes back what `key` holds.
    package mutating func release(_ key: ServiceKey) {
        guard let assignment = assignments.removeValue(forKey: key) else { return }
        requests[key] = nil
        for address in assignment.addresses {
            var keys = holders[address] ?? []
            keys.removeAll { $0 == key }
            if keys.isEmpty {
                holders[address] = nil
                pools[assignment.pool]?.spaces[address.family]?.free(address)
                pools[assignment.pool]?.strategy.released(address, by: key)
            } else {
                holders[address] = keys
            }
        }
    }

    /// Who holds `address`.
    package func holders(of address: IPAddress) -> [ServiceKey] {
        holders[address] ?? []
    }

    private func candidatePools(for intent: ServiceIntent) -> Result<[String], AllocationRefusal> {
        if let name = intent.request.pool {
            guard let pool = pools[name] else {
                return .failure(AllocationRefusal(reason: .unknownPool, message: "pool \(name) does not exist"))
            }
            if pool.config.draining {
                return .failure(AllocationRefusal(reason: .poolDraining, message: "pool \(name) is draining and takes no new services"))
            }
            return .success([name])
        }
        let requested = intent.request.addresses
        let ordered = pools.values
            .filter { !$0.config.draining }
            .filter { pool in
                requested.isEmpty
                    ? pool.config.autoAssign && pool.config.admits(intent)
                    : requested.allSatisfy { address in pool.spaces[address.family]?.contains(address) ?? false }
            }
            .sorted { ($0.config.priority, $1.config.name) > ($1.config.priority, $0.config.name) }
            .map(\.config.name)
        if ordered.isEmpty {
            let message = requested.isEmpty
                ? "no auto-assign pool admits \(intent.key)"
                : "\(requested.map(\.description).joined(separator: ", ")) is not inside any pool that is not draining"
            return .failure(AllocationRefusal(reason: requested.isEmpty ? .noPool : .addressOutsidePools, message: message))
        }
        return .success(ordered)
    }

    private func tryPool(_ name: String, for intent: ServiceIntent) -> Result<Assignment, AllocationRefusal> {
        guard let pool = pools[name] else {
            return .failure(AllocationRefusal(reason: .unknownPool, message: "pool \(name) does not exist"))
        }
        var addresses: [IPAddress] = []
        for family in intent.request.families.families {
            guard let space = pool.spaces[family] else {
                if intent.request.families == .preferDualStack { continue }
                return .failure(AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has no \(family) addresses"))
            }
            switch choose(family: family, in: space, pool: pool, for: intent) {
            case .success(let address): addresses.append(address)
            case .failure(let refusal): return .failure(refusal)
            }
        }
        if addresses.isEmpty {
            return .failure(AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has none of the requested families"))
        }
        return .success(Assignment(key: intent.key, pool: name, addresses: addresses))
    }

    private func choose(family: IPFamily, in space: PoolFamilySpace, pool: Pool, for intent: ServiceIntent) -> Result<IPAddress, AllocationRefusal> {
        let name = pool.config.name
        if let wanted = intent.request.addresses.first(where: { $0.family == family }) {
            guard space.contains(wanted) else {
                return .failure(AllocationRefusal(reason: .addressOutsidePools, message: "\(wanted) is not inside pool \(name)"))
            }
            if space.isExcluded(wanted) {
                return .failure(AllocationRefusal(reason: .addressUnavailable, message: "\(wanted) is reserved in pool \(name)"))
            }
            if !space.isHeld(wanted) { return .success(wanted) }
            if let conflict = sharingConflict(at: wanted, for: intent) {
                return .failure(AllocationRefusal(reason: .addressUnavailable, message: conflict))
            }
            return .success(wanted)
        }
        if intent.request.sharingKey != nil {
            let shared = space.held.first { address in
                !(holders[address] ?? []).isEmpty && sharingConflict(at: address, for: intent) == nil
            }
            if let shared { return .success(shared) }
        }
        guard let address = pool.strategy.choose(for: intent.key, in: space), space.isAvailable(address) else {
            let used = (0..<space.blocks.count).reduce(AddressCount.zero) { $0 + space.heldCount(inBlock: $1) }
            let free = (0..<space.blocks.count).reduce(AddressCount.zero) { $0 + space.availableCount(inBlock: $1) }
            return .failure(AllocationRefusal(reason: .poolFull, message: "pool \(name) is full (\(used) of \(used + free) \(family) addresses in use)"))
        }
        return .success(address)
    }

    /// Why `intent` may not share `address` with its holders, or nil when it may.
    private func sharingConflict(at address: IPAddress, for intent: ServiceIntent) -> String? {
        for holder in holders[address] ?? [] {
            guard let other = requests[holder] else { continue }
            guard let key = intent.request.sharingKey, other.sharingKey == key else {
                return "\(address) is held by \(holder) and they have no common sharing key"
            }
            if let collision = Set(other.ports).intersection(intent.request.ports).min() {
                return "\(address) is held by \(holder) and port \(collision.port)/\(collision.transport.rawValue.uppercased()) collides"
            }
            if other.trafficPolicy != intent.request.trafficPolicy {
                return "\(address) is held by \(holder) with traffic policy \(other.trafficPolicy.rawValue), not \(intent.request.trafficPolicy.rawValue)"
            }
        }
        return nil
    }

    private mutating func commit(_ assignment: Assignment, request: AddressRequest) {
        assignments[assignment.key] = assignment
        requests[assignment.key] = request
        for address in assignment.addresses {
            holders[address, default: []].append(assignment.key)
            pools[assignment.pool]?.spaces[address.family]?.hold(address)
        }
    }
}
