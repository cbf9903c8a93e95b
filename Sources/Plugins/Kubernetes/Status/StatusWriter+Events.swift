import IronLBPluginAPI

extension StatusWriter {
    /// Records an `AllocationFailed` Event for each refusal, and an `AllocationConflict` Event for
    /// each conflict between the store and the Service's status, not yet reported with the same words.
    func reportRefusalsAndConflicts(_ services: [String: ServiceObject]) async {
        for key in reportedRefusals.keys where refused[key] == nil { reportedRefusals[key] = nil }
        for (key, reason) in refused.sorted(by: { $0.key < $1.key }) where reportedRefusals[key] != reason {
            guard let service = services[key.name] else { continue }
            reportedRefusals[key] = reason
            await events.record(service.metadata, type: "Warning", reason: "AllocationFailed", message: "Failed to allocate IP for \"\(key.name)\": \(reason)")
        }
        for key in reportedConflicts.keys where conflicts[key] == nil { reportedConflicts[key] = nil }
        for (key, conflict) in conflicts.sorted(by: { $0.key < $1.key }) where reportedConflicts[key] != conflict {
            guard let service = services[key.name] else { continue }
            reportedConflicts[key] = conflict
            await events.record(service.metadata, type: "Warning", reason: "AllocationConflict", message: "Status and allocation store disagree: \(conflict)")
        }
    }
}
