import IronLBPluginAPI

/// The sources that observe their services' assignments, and what each was last told, so that an
/// observer hears of a change once and never of a change to another source's services.
struct AssignmentObservers {
    private var observers: [String: any AssignmentObserver] = [:]
    private var told: [String: AssignmentPicture] = [:]

    /// Registers (or, with nil, removes) the observer of `source`; a new observer is told everything.
    mutating func set(_ observer: (any AssignmentObserver)?, for source: String) {
        observers[source] = observer
        told[source] = nil
    }

    /// The observers whose source's picture changed since they were last told, with the new picture;
    /// records it as told. `announced` is the plan as handed to the announcers (empty when drained).
    mutating func changes(
        assignments: some Sequence<Assignment>, refusals: [ServiceKey: AllocationRefusal], conflicts: [ServiceKey: String],
        announced: AnnouncementPlan
    ) -> [(any AssignmentObserver, AssignmentPicture)] {
        guard !observers.isEmpty else { return [] }
        var routed: [ServiceKey: Set<String>] = [:]
        for (announcer, routes) in announced.routes {
            for route in routes {
                for key in route.services where observers[key.source] != nil { routed[key, default: []].insert(announcer) }
            }
        }
        var result: [(any AssignmentObserver, AssignmentPicture)] = []
        for (source, observer) in observers.sorted(by: { $0.key < $1.key }) {
            var picture = AssignmentPicture()
            for assignment in assignments where assignment.key.source == source {
                picture.addresses[assignment.key] = Array(assignment.addresses)
                picture.pools[assignment.key] = assignment.pool
            }
            for (key, refusal) in refusals where key.source == source { picture.refusals[key] = refusal.message }
            for (key, conflict) in conflicts where key.source == source { picture.conflicts[key] = conflict }
            for (key, announcers) in routed where key.source == source { picture.announcers[key] = announcers.sorted() }
            guard told[source] != picture else { continue }
            told[source] = picture
            result.append((observer, picture))
        }
        return result
    }
}
