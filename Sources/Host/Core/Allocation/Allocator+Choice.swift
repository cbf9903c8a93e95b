import IronLBPluginAPI

extension Allocator {
    /// The positions in `pools` of the pools to try for `intent`, in order, or why there are none.
    ///
    /// Inlined for the common case (any address from the open pools): a call to a method of the
    /// allocator from one of its mutating methods copies the whole allocator (300 bytes) first.
    @inline(__always)
    func candidatePools(for intent: ServiceIntent) -> Result<[Int], AllocationRefusal> {
        if intent.request.asksForAnyAddress, let openPools, !openPools.isEmpty { return .success(openPools) }
        return selectedPools(for: intent)
    }

    /// `candidatePools` when the open pools will not do: the intent names a pool or addresses, or
    /// some pool selects by namespace or labels.
    private func selectedPools(for intent: ServiceIntent) -> Result<[Int], AllocationRefusal> {
        if let name = intent.request.pool {
            guard let position = pools.position(of: name) else {
                return .failure(AllocationRefusal(reason: .unknownPool, message: "pool \(name) does not exist"))
            }
            if pools[at: position].config.draining {
                return .failure(AllocationRefusal(reason: .poolDraining, message: "pool \(name) is draining and takes no new services"))
            }
            return .success([position])
        }
        let requested = intent.request.addresses
        if requested.isEmpty, let openPools, !openPools.isEmpty { return .success(openPools) }
        let ordered = poolOrder.filter { position in
            guard !pools[at: position].config.draining else { return false }
            return requested.isEmpty
                ? pools[at: position].config.autoAssign && pools[at: position].config.admits(intent)
                : requested.allSatisfy { address in pools[at: position].spaces[address.family]?.contains(address) ?? false }
        }
        if ordered.isEmpty {
            let message = requested.isEmpty
                ? "no auto-assign pool admits \(intent.key)"
                : "\(requested.map(\.description).joined(separator: ", ")) is not inside any pool that is not draining"
            return .failure(AllocationRefusal(reason: requested.isEmpty ? .noPool : .addressOutsidePools, message: message))
        }
        return .success(ordered)
    }

    /// See `openPools`.
    static func openPools(_ pools: PoolTable, in order: [Int]) -> [Int]? {
        let open = order.filter { pools[at: $0].config.autoAssign && !pools[at: $0].config.draining }
        return open.allSatisfy({ pools[at: $0].config.selectsNothing }) ? open : nil
    }

    /// The addresses chosen from one pool, not yet committed. (No key or pool name: the assignment
    /// is built once, from these, where it is committed; copying it out of a choice and dropping the
    /// choice retained and released its strings again.)
    struct Choice {
        var addresses: AssignedAddresses
        /// The addresses (a bit per position) that the pool's strategy chose: they are held in the
        /// pool index already.
        var claimed: UInt8
    }

    /// The assignment `intent` gets from the pool at `position`, or why not.
    ///
    /// What the pool's strategy offers is taken in the pool index here, and taking it is also the
    /// check that it is available (one descent instead of a look-up and then a take), so a strategy
    /// plugin that offers a held, reserved or outside address is refused. When the pool cannot serve
    /// after all, what was taken is given back: nothing changes.
    mutating func tryPool(at position: Int, for intent: ServiceIntent, at time: WallClockInstant) -> Result<Choice, AllocationRefusal> {
        // Read only for a refusal's sentence: the common path copies no string.
        var name: String { pools[at: position].config.name }
        var v4: IPv4Address?, v6: IPv6Address?
        var claimedV4 = false, claimedV6 = false
        for family in intent.request.families.families {
            var refusal: AllocationRefusal
            switch pick(family: family, pool: position, for: intent, at: time) {
            case .success(let (.v4(address), claimed))?: (v4, claimedV4) = (address, claimed); continue
            case .success(let (.v6(address), claimed))?: (v6, claimedV6) = (address, claimed); continue
            case .failure(let why)?:
                refusal = why
            case nil:
                if intent.request.families == .preferDualStack { continue }
                refusal = AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has no \(family) addresses")
            }
            if claimedV4, let v4 { pools.update(at: position) { $0.spaces[.ipv4]?.free(.v4(v4)) } }
            if claimedV6, let v6 { pools.update(at: position) { $0.spaces[.ipv6]?.free(.v6(v6)) } }
            return .failure(refusal)
        }
        if v4 == nil && v6 == nil {
            return .failure(AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has none of the requested families"))
        }
        // Positions: IPv4 first.
        let claimed: UInt8 = v4 == nil ? (claimedV6 ? 1 : 0) : (claimedV4 ? 1 : 0) | (claimedV6 ? 2 : 0)
        let addresses = AssignedAddresses(v4: v4, v6: v6)
        return .success(Choice(addresses: addresses, claimed: claimed))
    }

    /// The addresses `intent` held before its request changed, when the new request still allows them.
    func keep(_ previous: Assignment, for intent: ServiceIntent) -> Assignment? {
        let request = intent.request
        guard request.addresses.isEmpty || request.addresses.elementsEqual(previous.addresses),
              request.pool == nil || request.pool == previous.pool,
              previous.addresses.map(\.family) == request.families.families || request.families == .preferDualStack,
              let pool = pools[previous.pool], !pool.config.draining || request.addresses.elementsEqual(previous.addresses)
        else { return nil }
        if request.pool == nil, request.addresses.isEmpty, !(pool.config.autoAssign && pool.config.admits(intent)) { return nil }
        for address in previous.addresses {
            guard let space = pool.spaces[address.family], space.contains(address), !space.isExcluded(address) else { return nil }
            if !space.isAvailable(address) && sharingConflict(at: address, for: intent) != nil { return nil }
        }
        return previous
    }

    /// The address of `family` for `intent` from the pool at `position`, and whether its strategy
    /// chose it (then it is held in the pool index already); nil when the pool has no such space.
    private mutating func pick(
        family: IPFamily, pool position: Int, for intent: ServiceIntent, at time: WallClockInstant
    ) -> Result<(IPAddress, claimed: Bool), AllocationRefusal>? {
        if quarantine.count > 0 || !intent.request.asksForAnyAddress {
            let named = pools[at: position].spaces.withSpace(family) { space in
                pickNamed(family: family, in: space, pool: position, for: intent)
            }
            switch named {
            case nil: return nil
            case .some(nil): break
            case .some(.some(let result)): return result.map { ($0, false) }
            }
        }
        let offer: AddressOffer
        switch pools.update(at: position, { $0.offer(family, for: intent.key, at: time) }) {
        case .noSpace: return nil
        case .nothing: return .failure(fullRefusal(family: family, pool: position))
        case .offered(let offered): offer = offered
        }
        // Where the offer starts is usually the address taken (always for `.address`; for a hash
        // strategy's start point whenever it is free), and the index of holders will be asked about
        // it: its bucket, most likely not in the cache, loads while the pool index is searched.
        // (Interleaved runs of `ironlb-alloc-bench --only hash`: about 7 % faster.)
        assignments.prefetchHolder(of: offer.start)
        guard let address = pools.update(at: position, { $0.spaces.take(offer, family) }) else {
            return .failure(refusal(of: offer, family: family, pool: position))
        }
        return .success((address, true))
    }

    /// The address of `family` that `intent` names (an address it asks for, the one it left cooling
    /// down, one its sharing key holds), or why it cannot have it; nil when it names none.
    private func pickNamed(
        family: IPFamily, in space: PoolFamilySpace, pool position: Int, for intent: ServiceIntent
    ) -> Result<IPAddress, AllocationRefusal>? {
        // Read only where a sentence or the quarantine needs it: the common path copies no string.
        var name: String { pools[at: position].config.name }
        if let wanted = intent.request.addresses.first(where: { $0.family == family }) {
            guard space.contains(wanted) else {
                return .failure(AllocationRefusal(reason: .addressOutsidePools, message: "\(wanted) is not inside pool \(name)"))
            }
            if space.isExcluded(wanted) {
                return .failure(AllocationRefusal(reason: .addressUnavailable, message: "\(wanted) is reserved in pool \(name)"))
            }
            if let cooling = quarantine.entry(for: wanted), cooling.key != intent.key {
                return .failure(AllocationRefusal(
                    reason: .addressUnavailable, message: "\(wanted) is cooling down after \(cooling.key) released it (until \(cooling.until))"))
            }
            if space.isAvailable(wanted) { return .success(wanted) }
            if let conflict = sharingConflict(at: wanted, for: intent) {
                return .failure(AllocationRefusal(reason: .addressUnavailable, message: conflict))
            }
            return .success(wanted)
        }
        if quarantine.count > 0, let previous = quarantine.address(leftBy: intent.key, inPool: name, family: family) {
            return .success(previous)
        }
        if let sharingKey = intent.request.sharingKey, let candidates = shared[sharingKey] {
            let compatible = candidates
                .filter { $0.family == family && space.contains($0) && sharingConflict(at: $0, for: intent) == nil }
                .min()
            if let compatible { return .success(compatible) }
        }
        return nil
    }

    /// Why what the strategy of the pool at `position` offered for `family` cannot be had.
    private func refusal(of offer: AddressOffer, family: IPFamily, pool position: Int) -> AllocationRefusal {
        switch offer {
        case .address(let address):
            let why = address.family == family ? ", which is not available" : " for \(family)"
            return offerRefusal(pool: position, "offered \(address)\(why)")
        case .firstAvailable(let start, let wrapping):
            if start.family == family, pools[at: position].spaces.contains(start) {
                // Without wrapping, addresses before `start` may still be available.
                if wrapping || pools[at: position].spaces.withSpace(family, { $0.availableCount }) == .zero {
                    return fullRefusal(family: family, pool: position)
                }
                return offerRefusal(pool: position, "offered to start from \(start), after which nothing is available")
            }
            let why = start.family == family ? ", outside the pool" : " for \(family)"
            return offerRefusal(pool: position, "offered to start from \(start)\(why)")
        }
    }

    /// The refusal of an offer of the strategy of the pool at `position` that cannot be had: `what`
    /// it offered and why not.
    private func offerRefusal(pool position: Int, _ what: String) -> AllocationRefusal {
        let config = pools[at: position].config
        return AllocationRefusal(reason: .addressUnavailable, message: "strategy \(config.strategy) of pool \(config.name) \(what)")
    }

    /// Why the pool at `position` has no address of `family` to give.
    private func fullRefusal(family: IPFamily, pool position: Int) -> AllocationRefusal {
        let config = pools[at: position].config, name = config.name
        guard let space = pools[at: position].spaces[family] else {
            return AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has no \(family) addresses")
        }
        let used = space.heldCount, free = space.availableCount
        if free > .zero {
            return AllocationRefusal(reason: .poolFull, message: "pool \(name) holds back its \(free) free \(family) addresses (strategy \(config.strategy): released too recently)")
        }
        let total = used + free
        let cooling = quarantine.count > 0 ? coolingDown(inPool: name, family: family) : 0
        let detail = cooling > 0 ? "; \(cooling) more cooling down after release" : ""
        return AllocationRefusal(reason: .poolFull, message: "pool \(name) is full (\(used) of \(total) \(family) addresses in use\(detail))")
    }

    /// Why `intent` may not share `address` with its holders, or nil when it may.
    func sharingConflict(at address: IPAddress, for intent: ServiceIntent) -> String? {
        for holder in assignments.holders(of: address) where holder != intent.key {
            guard let other = assignments.request(for: holder) else { continue }
            guard let key = intent.request.sharingKey, other.sharingKey == key else {
                return "\(address) is held by \(holder) and they have no common sharing key"
            }
            if let collision = Set(other.ports).intersection(intent.request.ports).min() {
                return "\(address) is held by \(holder) and port \(collision.port)/\(collision.transport.rawValue.uppercased()) collides"
            }
            if other.trafficPolicy != intent.request.trafficPolicy {
                return "\(address) is held by \(holder) with traffic policy \(other.trafficPolicy.rawValue), not \(intent.request.trafficPolicy.rawValue)"
            }
            if intent.request.trafficPolicy == .local, other.endpointSelector != intent.request.endpointSelector {
                return "\(address) is held by \(holder) with traffic policy local and another endpoint selector"
            }
        }
        return nil
    }
}
