public import IronLBPluginAPI

extension Allocator {
    /// Rebuilds the state a journal describes, then fits it to the current pools as `reconfigure`
    /// would. Replayed records are not queued again; changes the fitting makes (re-homing, orphans
    /// released by policy) are, so the owner can make them durable.
    package mutating func replay(_ records: some Sequence<AllocationRecord>) {
        for record in records {
            switch record {
            case .assigned(let assignment, let request, let time):
                if let current = assignments[assignment.key] { unhold(current, at: time) }
                commit(assignment, request: request, at: time, journal: false)
            case .released(let assignment, let time):
                if let current = assignments[assignment.key] {
                    unhold(current, at: time)
                } else if let strategy = pools[assignment.pool]?.strategy {
                    // A release kept by compaction for a strategy with memory; its assignment is gone.
                    for address in assignment.addresses where holders[address] == nil {
                        strategy.released(address, by: assignment.key, at: time)
                    }
                }
                remember(assignment, releasedAt: time)
            }
        }
        rehome(previousPools: pools, at: clock())
    }

    /// The shortest list of records that replays to the current state: releases that strategies still
    /// remember, then every assignment.
    package mutating func snapshot() -> [AllocationRecord] {
        let now = clock()
        recentReleases.removeAll { entry in
            guard let memory = pools[entry.assignment.pool]?.strategy.memory, memory > .zero else { return true }
            return entry.time + memory < now
        }
        var records = recentReleases.map { AllocationRecord.released($0.assignment, at: $0.time) }
        records.reserveCapacity(records.count + assignments.count)
        for key in assignments.keys.sorted() {
            records.append(.assigned(assignments[key]!, request: requests[key] ?? AddressRequest(), at: now))
        }
        return records
    }

    /// Keeps `assignment`'s release for strategies with memory.
    mutating func remember(_ assignment: Assignment, releasedAt time: WallClockInstant) {
        guard let memory = pools[assignment.pool]?.strategy.memory, memory > .zero else { return }
        recentReleases.append((assignment, time))
        // Prune from the front now and then so the list stays proportional to the remembered window.
        if recentReleases.count > 1024, let first = recentReleases.first, first.time + memory < time {
            recentReleases.removeAll { $0.time + (pools[$0.assignment.pool]?.strategy.memory ?? .zero) < time }
        }
    }
}
