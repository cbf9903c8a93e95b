import IronLBPluginAPI

extension Allocator {
    /// The positions in `pools` of the pools to try for `intent`, in order, or why there are none.
    func candidatePools(for intent: ServiceIntent) -> Result<[Int], AllocationRefusal> {
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

    /// An assignment chosen from one pool, not yet committed.
    struct Choice {
        var assignment: Assignment
        /// The addresses (a bit per position) that the pool's strategy chose: committing takes them
        /// in the pool index, and that is also the check that they are available.
        var claimed: UInt8
    }

    /// The assignment `intent` gets from the pool at `position`, or why not.
    func tryPool(at position: Int, for intent: ServiceIntent, at time: WallClockInstant) -> Result<Choice, AllocationRefusal> {
        let name = pools[at: position].config.name
        var v4: IPv4Address?, v6: IPv6Address?
        var claimedV4 = false, claimedV6 = false
        for family in intent.request.families.families {
            // Lent, not bound to a name: binding copies the space once more (see `withSpace`).
            let choice = pools[at: position].spaces.withSpace(family) { space in
                choose(family: family, in: space, pool: position, for: intent, at: time)
            }
            switch choice {
            case .success(let (.v4(address), claimed))?: (v4, claimedV4) = (address, claimed)
            case .success(let (.v6(address), claimed))?: (v6, claimedV6) = (address, claimed)
            case .failure(let refusal)?: return .failure(refusal)
            case nil:
                if intent.request.families == .preferDualStack { continue }
                return .failure(AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has no \(family) addresses"))
            }
        }
        if v4 == nil && v6 == nil {
            return .failure(AllocationRefusal(reason: .familyUnavailable, message: "pool \(name) has none of the requested families"))
        }
        // Positions: IPv4 first.
        let claimed: UInt8 = v4 == nil ? (claimedV6 ? 1 : 0) : (claimedV4 ? 1 : 0) | (claimedV6 ? 2 : 0)
        let addresses = AssignedAddresses(v4: v4, v6: v6)
        return .success(Choice(assignment: Assignment(key: intent.key, pool: name, addresses: addresses), claimed: claimed))
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

    /// The address of `family` for `intent`, and whether the pool's strategy chose it (then it is
    /// checked when it is taken, see ``Choice``).
    private func choose(
        family: IPFamily, in space: PoolFamilySpace, pool position: Int, for intent: ServiceIntent, at time: WallClockInstant
    ) -> Result<(IPAddress, claimed: Bool), AllocationRefusal> {
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
            if space.isAvailable(wanted) { return .success((wanted, false)) }
            if let conflict = sharingConflict(at: wanted, for: intent) {
                return .failure(AllocationRefusal(reason: .addressUnavailable, message: conflict))
            }
            return .success((wanted, false))
        }
        if quarantine.count > 0, let previous = quarantine.address(leftBy: intent.key, inPool: name, family: family) {
            return .success((previous, false))
        }
        if let sharingKey = intent.request.sharingKey, let candidates = shared[sharingKey] {
            let compatible = candidates
                .filter { $0.family == family && space.contains($0) && sharingConflict(at: $0, for: intent) == nil }
                .min()
            if let compatible { return .success((compatible, false)) }
        }
        guard let address = pools[at: position].strategy.choose(for: intent.key, in: space, at: time) else {
            let used = space.heldCount, free = space.availableCount
            if free > .zero {
                return .failure(AllocationRefusal(reason: .poolFull, message: "pool \(name) holds back its \(free) free \(family) addresses (strategy \(pools[at: position].config.strategy): released too recently)"))
            }
            let total = used + free
            let cooling = quarantine.count > 0 ? coolingDown(inPool: name, family: family) : 0
            let detail = cooling > 0 ? "; \(cooling) more cooling down after release" : ""
            return .failure(AllocationRefusal(reason: .poolFull, message: "pool \(name) is full (\(used) of \(total) \(family) addresses in use\(detail))"))
        }
        guard address.family == family else {
            return .failure(AllocationRefusal(
                reason: .addressUnavailable, message: "strategy \(pools[at: position].config.strategy) of pool \(name) offered \(address) for \(family)"))
        }
        return .success((address, true))
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
