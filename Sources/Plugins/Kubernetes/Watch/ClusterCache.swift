import Logging

/// The source's picture of the cluster, filled by the reflectors. It signals every change on
/// ``changes`` and keeps what it last saw through any outage: nothing is forgotten because the API
/// server cannot be reached.
actor ClusterCache {
    /// The resources the source watches; it publishes nothing until each was listed once.
    enum Resource: String, CaseIterable, Sendable {
        case services, endpointSlices = "endpointslices", nodes
    }

    private(set) var snapshot = ClusterSnapshot()
    private var listed: Set<Resource> = []
    private var failing: [Resource: String] = [:]
    private let logger: Logger
    private let signal: AsyncStream<Void>.Continuation
    private let serviceSignal: AsyncStream<Void>.Continuation
    /// One element per batch of changes that may change an intent (coalesced: a slow reader sees
    /// the latest state once).
    nonisolated let changes: AsyncStream<Void>
    /// One element per batch of any changes to Services, status included (coalesced).
    nonisolated let serviceChanges: AsyncStream<Void>

    init(following: Bool, awaitingElection: Bool = false, logger: Logger) {
        self.following = following
        self.awaitingElection = awaitingElection
        self.logger = logger
        (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (serviceChanges, serviceSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether this instance follows the addresses another one writes into status (see
    /// ``IntentBuilder``); then a Service's status is something its intent depends on.
    private(set) var following: Bool

    /// Whether leader election has not finished its first round: nothing is published until it has.
    private var awaitingElection: Bool

    /// Starts or stops following (after each election round that changed it, and after the first);
    /// a change recomputes the intents.
    func setFollowing(_ following: Bool) {
        guard following != self.following || awaitingElection else { return }
        self.following = following
        awaitingElection = false
        signal.yield()
    }

    /// The snapshot and the mode, read together.
    var view: (snapshot: ClusterSnapshot, following: Bool) { (snapshot, following) }

    /// Whether every resource has been listed at least once (and the first election round is over).
    var isComplete: Bool { listed.count == Resource.allCases.count && !awaitingElection }

    /// Whether the API server is currently unreachable for some resource.
    var isDegraded: Bool { !failing.isEmpty }

    /// Replaces one resource's objects with a fresh list.
    func replace<Object>(_ store: any WritableKeyPath<ClusterSnapshot, ObjectStore<Object>> & Sendable, with items: [Object], resource: Resource) {
        let change = snapshot[keyPath: store].replace(with: items)
        let first = listed.insert(resource).inserted
        recovered(resource)
        report(first ? .essential : change, of: resource)
    }

    /// Applies one watch event.
    func apply<Object>(_ store: any WritableKeyPath<ClusterSnapshot, ObjectStore<Object>> & Sendable, _ event: WatchEvent<Object>, resource: Resource) {
        report(snapshot[keyPath: store].apply(event), of: resource)
    }

    private func report(_ change: ObjectChange, of resource: Resource) {
        if change == .essential || (change == .incidental && following && resource == .services) { signal.yield() }
        if change != .none && resource == .services { serviceSignal.yield() }
    }

    /// Records that `resource` cannot be watched; the first failure of an outage is a warning.
    func failed(_ resource: Resource, _ error: APIError) {
        let wasHealthy = failing.isEmpty
        failing[resource] = error.description
        guard wasHealthy else {
            logger.debug("still cannot watch \(resource.rawValue): \(error)")
            return
        }
        logger.warning(
            "lost the Kubernetes API (\(resource.rawValue): \(error)); keeping the last known \(snapshot.services.objects.count) services, their addresses and routes until it is back",
            metadata: ["resource": "\(resource.rawValue)"]
        )
    }

    private func recovered(_ resource: Resource) {
        guard failing.removeValue(forKey: resource) != nil, failing.isEmpty else { return }
        logger.info("the Kubernetes API is reachable again; resynchronized")
    }

    /// Ends ``changes``.
    func finish() {
        signal.finish()
        serviceSignal.finish()
    }
}
