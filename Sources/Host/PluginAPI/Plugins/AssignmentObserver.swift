/// A source that wants to hear which addresses its services hold, to write them back where its
/// services live (Kubernetes writes them into each Service's status).
///
/// A source registers itself with ``ServiceIntentSink/observeAssignments(of:by:)`` when it starts.
public protocol AssignmentObserver: Sendable {
    /// The whole picture for the observer's source, after any change to it: the addresses of every
    /// service that holds some (IPv4 first), and the operator-readable reason for every service the
    /// allocator refused. A service in neither has no address (it is new or gone).
    func assignmentsChanged(_ assignments: [ServiceKey: [IPAddress]], refusals: [ServiceKey: String]) async
}

extension ServiceIntentSink {
    /// Sinks that cannot report assignments (test sinks, recorders) ignore observers.
    public func observeAssignments(of source: String, by observer: (any AssignmentObserver)?) async {}
}
