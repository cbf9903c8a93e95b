package import IronLBPluginAPI

extension Allocator {
    /// Gives `intent`, which holds nothing, exactly the addresses recorded for it outside the store
    /// (a Service's status written by an earlier leader or by another load balancer), one per family
    /// it wants; families with no recorded address get a fresh one. The assignment is committed
    /// under the intent's own request, so the next allocation keeps it without change.
    ///
    /// Only pools that would serve the intent are considered: the named pool, or pools that admit it
    /// (namespace and service selectors), that are not draining and that contain every address.
    package mutating func adopt(_ intent: ServiceIntent, recorded: [IPAddress]) -> Result<Assignment, AllocationRefusal> {
        var wanted: [IPAddress] = []
        for family in intent.request.families.families {
            if let address = recorded.first(where: { $0.family == family }) { wanted.append(address) }
        }
        if let current = assignments[intent.key] { return .success(current) }
        guard !wanted.isEmpty else {
            return .failure(AllocationRefusal(
                reason: .addressOutsidePools,
                message: "\(recorded.map(\.description).joined(separator: ", ")) is not of the families the service asks for (\(intent.request.families.rawValue))"
            ))
        }
        var adopting = intent
        adopting.request.addresses = wanted
        let now = clock()
        expireQuarantine(at: now)
        let candidates: [Int]
        switch candidatePools(for: adopting) {
        case .success(let positions):
            candidates = intent.request.pool != nil ? positions : positions.filter { pools[at: $0].config.admits(intent) }
        case .failure(let refusal):
            return .failure(refusal)
        }
        return assignFromFirstPool(candidates, for: adopting, recording: intent.request, at: now, otherwise: AllocationRefusal(
            reason: .addressOutsidePools, message: "no pool that admits \(intent.key) contains \(wanted.map(\.description).joined(separator: ", "))"
        ))
    }
}
