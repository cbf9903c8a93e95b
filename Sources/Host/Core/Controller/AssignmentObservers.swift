public import IronLBPluginAPI

/// The sources that observe their services' assignments, and what each was last told, so that an
/// observer hears of a change once and never of a change to another source's services.
struct AssignmentObservers {
    /// One source's picture: addresses by service, refusal sentences by service.
    struct Picture: Equatable {
        var assignments: [ServiceKey: [IPAddress]] = [:]
        var refusals: [ServiceKey: String] = [:]
    }

    private var observers: [String: any AssignmentObserver] = [:]
    private var told: [String: Picture] = [:]

    /// Registers (or, with nil, removes) the observer of `source`; a new observer is told everything.
    mutating func set(_ observer: (any AssignmentObserver)?, for source: String) {
        observers[source] = observer
        told[source] = nil
    }

    /// The observers whose source's picture changed since they were last told, with the new picture;
    /// records it as told.
    mutating func changes(
        assignments: some Sequence<Assignment>, refusals: [ServiceKey: AllocationRefusal]
    ) -> [(any AssignmentObserver, Picture)] {
        var result: [(any AssignmentObserver, Picture)] = []
        for (source, observer) in observers.sorted(by: { $0.key < $1.key }) {
            var picture = Picture()
            for assignment in assignments where assignment.key.source == source { picture.assignments[assignment.key] = assignment.addresses }
            for (key, refusal) in refusals where key.source == source { picture.refusals[key] = refusal.message }
            guard told[source] != picture else { continue }
            told[source] = picture
            result.append((observer, picture))
        }
        return result
    }
}
