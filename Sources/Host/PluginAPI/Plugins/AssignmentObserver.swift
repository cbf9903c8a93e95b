/// A source that wants to hear which addresses its services hold, to write them back where its
/// services live (Kubernetes writes them into each Service's status).
///
/// A source registers itself with ``ServiceIntentSink/observeAssignments(of:by:)`` when it starts.
public protocol AssignmentObserver: Sendable {
    /// The whole picture for the observer's source, after any change to it.
    func assignmentsChanged(_ picture: AssignmentPicture) async
}

/// What an ``AssignmentObserver`` hears about its source's services. A service in neither
/// `addresses` nor `refusals` has no address (it is new or gone).
public struct AssignmentPicture: Equatable, Sendable {
    /// The addresses of every service that holds some (IPv4 first).
    public var addresses: [ServiceKey: [IPAddress]]
    /// The pool each of those services' addresses come from.
    public var pools: [ServiceKey: String]
    /// The operator-readable reason for every service the allocator refused.
    public var refusals: [ServiceKey: String]
    /// Services whose recorded addresses (``ServiceIntent/recordedAddresses``) disagreed with the
    /// allocation store when the controller first heard of them, with the sentence saying how that
    /// was resolved (the store wins; a recorded address that cannot be kept is replaced).
    public var conflicts: [ServiceKey: String]
    /// For every service this node announces, the announcers (by instance name) that carry its routes.
    public var announcers: [ServiceKey: [String]]

    /// Creates a picture.
    public init(
        addresses: [ServiceKey: [IPAddress]] = [:], pools: [ServiceKey: String] = [:], refusals: [ServiceKey: String] = [:],
        conflicts: [ServiceKey: String] = [:], announcers: [ServiceKey: [String]] = [:]
    ) {
        self.addresses = addresses
        self.pools = pools
        self.refusals = refusals
        self.conflicts = conflicts
        self.announcers = announcers
    }
}

extension ServiceIntentSink {
    /// Sinks that cannot report assignments (test sinks, recorders) ignore observers.
    public func observeAssignments(of source: String, by observer: (any AssignmentObserver)?) async {}
}
