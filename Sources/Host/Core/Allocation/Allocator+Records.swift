import IronLBPluginAPI

extension Allocator {
    /// Rebuilds the state a journal describes, then fits it to the current pools as `reconfigure`
    /// would. Replayed records are not queued again; changes the fitting makes (re-homing, orphans
    /// released by policy) are, so the owner can make them durable.
    package mutating func replay(_ records: [AllocationRecord]) {
        assignments.reserveCapacity(records.count)
        for record in records {
            let keyHash = assignments.keyHash(of: record.key)
            let held = assignments.slot(of: record.key, keyHash: keyHash)
            switch record {
            case .assigned(let assignment, let request, let time):
                // Only the allocator writes journals, and it never hands out an empty assignment.
                guard !assignment.addresses.isEmpty else { continue }
                if let held { unhold(slot: held, keyHash: keyHash, at: time) }
                commit(assignment, request: request, at: time, journal: false, keyHash: keyHash)
            case .released(let assignment, let time):
                let pool = pools.position(of: assignment.pool)
                if let held {
                    unhold(slot: held, keyHash: keyHash, at: time)
                } else if let pool {
                    // A release kept by compaction for a pool with a cool-down; its assignment is gone.
                    let strategy = pools[at: pool].strategy
                    let until = time + strategy.coolDown
                    for address in assignment.addresses where !assignments.isHeld(address) && until > clock() {
                        guard pools[at: pool].spaces[address.family]?.holdBack(address) == true else { continue }
                        quarantine.add(address, Quarantine.Entry(key: assignment.key, pool: assignment.pool, until: until))
                        strategy.released(address, by: assignment.key, at: time)
                    }
                }
                remember(assignment, releasedAt: time, poolPosition: pool)
            }
        }
        expireQuarantine(at: clock())
        rehome(previousPools: pools, at: clock())
    }

    /// The shortest list of records that replays to the current state: releases still cooling down,
    /// then every assignment.
    package mutating func snapshot() -> [AllocationRecord] {
        let now = clock()
        expireQuarantine(at: now)
        forgetReleases(cooledDownAt: now)
        var records = recentReleases.map { AllocationRecord.released($0.assignment, at: $0.time) }
        records.reserveCapacity(records.count + assignments.count)
        for key in assignments.keys.sorted() {
            records.append(.assigned(assignments[key]!, request: assignments.request(for: key) ?? AddressRequest(), at: now))
        }
        return records
    }

    /// Keeps `assignment`'s release while its pool (at `pool`) has a cool-down.
    mutating func remember(_ assignment: Assignment, releasedAt time: WallClockInstant, poolPosition pool: Int?) {
        guard let pool, case let coolDown = pools[at: pool].strategy.coolDown, coolDown > .zero else { return }
        recentReleases.append((assignment, time))
        // Prune now and then so the list stays proportional to the cool-down window.
        if recentReleases.count > 1024, let first = recentReleases.first, first.time + coolDown <= time {
            forgetReleases(cooledDownAt: time)
        }
    }

    /// Drops the releases whose pool's cool-down is over at `now`, or whose pool has none (any more).
    mutating func forgetReleases(cooledDownAt now: WallClockInstant) {
        var lookup = PoolTable.RunLookup()
        recentReleases.removeAll { entry in
            let coolDown = lookup.position(of: entry.assignment.pool, in: pools).map { pools[at: $0].strategy.coolDown } ?? .zero
            return entry.time + coolDown <= now
        }
    }
}
