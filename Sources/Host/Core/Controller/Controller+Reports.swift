package import IronLBPluginAPI

extension Controller {
    /// Every pool with its rules, use per family and per block, and its orphans.
    package func poolReports() -> [PoolReport] {
        config.pools.map { pool in
            let families = allocator.usage(ofPool: pool.name).sorted { $0.key < $1.key }.map {
                PoolReport.Usage(name: $0.key.rawValue, capacity: $0.value.capacity, inUse: $0.value.held)
            }
            let blocks = allocator.blockUsage(ofPool: pool.name).map {
                PoolReport.Usage(name: $0.block.description, capacity: $0.capacity, inUse: $0.held)
            }
            let orphans = allocator.orphans.filter { allocator.assignments[$0.key]?.pool == pool.name }
                .sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return PoolReport(name: pool.name, strategy: pool.strategy, autoAssign: pool.autoAssign, draining: pool.draining,
                              priority: pool.priority, families: families, blocks: blocks, orphans: orphans)
        }
    }

    /// The sharing key of every declared service that has one.
    package func sharingKeys() -> [ServiceKey: String] {
        intents.compactMapValues(\.request.sharingKey)
    }

    /// Why `key` has its address (or none), and why it is or is not announced from this node.
    package func explain(_ key: ServiceKey) -> ExplainReport? {
        let intent = intents[key]
        let assignment = allocator.assignments[key]
        guard intent != nil || assignment != nil || refusals[key] != nil else { return nil }
        var allocation: [String] = []
        if let assignment {
            let pool = config.pools.first { $0.name == assignment.pool }
            if let request = intent?.request, !request.addresses.isEmpty {
                allocation.append("requested \(request.addresses.map(\.description).joined(separator: ", ")) explicitly; inside pool \(assignment.pool)")
            } else if let requested = intent?.request.pool {
                allocation.append("requested pool \(requested) by name")
            } else {
                allocation.append("pool \(assignment.pool): the first auto-assign pool (by priority, then name) that admits it and has room")
            }
            if let pool { allocation.append("address chosen by the pool's \(pool.strategy) strategy; it stays until the service goes") }
            for address in assignment.addresses {
                let others = allocator.holders(of: address).filter { $0 != key }
                if !others.isEmpty {
                    allocation.append("\(address) is shared (sharing key \(intent?.request.sharingKey ?? "-")) with \(others.map(\.description).joined(separator: ", "))")
                }
            }
            if let orphan = allocator.orphans[key] { allocation.append("orphaned: \(orphan)") }
        } else if let refusal = refusals[key] {
            allocation.append("no address: \(refusal.message)")
        }
        if let conflict = conflicts[key] { allocation.append("conflict: \(conflict)") }
        var routes: [String: [DesiredRoute]] = [:]
        for (announcer, announced) in plan.routes {
            let mine = announced.filter { $0.services.contains(key) }
            if !mine.isEmpty { routes[announcer] = mine }
        }
        return ExplainReport(
            service: key.description, declared: intent != nil, request: intent?.request, pool: assignment?.pool,
            addresses: assignment?.addresses.map(\.description) ?? [], allocation: allocation, routes: routes, sent: [],
            announcement: announcementReasons(key, intent: intent, assignment: assignment, routed: !routes.isEmpty)
        )
    }

    private func announcementReasons(_ key: ServiceKey, intent: ServiceIntent?, assignment: Assignment?, routed: Bool) -> [String] {
        guard let assignment else { return ["not announced: it has no address"] }
        var reasons: [String] = []
        if intent == nil { reasons.append("its source (\(key.source)) has not reported since the start; the restored assignment is announced as before") }
        if let intent, !intent.announceFromThisNode {
            reasons.append("not announced from this node: its source says this node should not (e.g. no local endpoint for externalTrafficPolicy Local)")
        }
        let advertisements = config.advertisements.filter { $0.pools.contains(assignment.pool) }
        if advertisements.isEmpty {
            reasons.append("not announced: no advertisement lists pool \(assignment.pool)")
        } else if routed {
            reasons.append("announced by " + advertisements.map { "advertisement \($0.name) (\($0.announcer))" }.joined(separator: ", "))
        }
        if maintenance != .normal { reasons.append("this node is drained (\(maintenance.rawValue)): `ironlbctl undrain` announces again") }
        return reasons
    }
}
