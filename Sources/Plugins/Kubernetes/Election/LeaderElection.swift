/// The decisions of Lease-based leader election, as client-go's leaderelection makes them: a lease is
/// taken over only when its record has not changed for a whole lease duration *as observed by this
/// instance's own clock* (never by comparing another node's timestamps), and a leader that cannot
/// renew within the renew deadline steps down before anyone else may take over. Pure: the driver
/// performs the actions and reports their outcome with the time.
struct LeaderElection: Sendable {
    /// What to do with the Lease now.
    enum Action: Equatable, Sendable {
        /// There is no Lease: create it, held by us.
        case create
        /// We hold it: write a new renewTime (optimistic concurrency on `resourceVersion`).
        case renew(resourceVersion: String?)
        /// It expired (or was released): take it over.
        case takeOver(resourceVersion: String?, transitions: Int)
        /// Someone else holds it.
        case follow(holder: String)
    }

    /// Our identity in `holderIdentity` (the node name).
    let identity: String
    /// How long a lease is valid without renewal.
    let leaseDuration: Duration
    /// How long a leader keeps leading while renewals fail; shorter than `leaseDuration`.
    let renewDeadline: Duration
    /// Whether we lead now.
    private(set) var isLeader = false
    private var observed: (spec: LeaseObject.Spec?, resourceVersion: String?, since: ContinuousClock.Instant)?
    private var renewedAt: ContinuousClock.Instant?

    init(identity: String, leaseDuration: Duration) {
        self.identity = identity
        self.leaseDuration = leaseDuration
        renewDeadline = leaseDuration * 2 / 3
    }

    /// Decides what to do with `lease` (nil: it does not exist), read at `now`.
    mutating func decide(lease: LeaseObject?, now: ContinuousClock.Instant) -> Action {
        guard let lease else { return .create }
        if observed?.spec != lease.spec || observed?.resourceVersion != lease.metadata.resourceVersion {
            observed = (lease.spec, lease.metadata.resourceVersion, now)
        }
        let holder = lease.spec?.holderIdentity ?? ""
        if holder == identity { return .renew(resourceVersion: lease.metadata.resourceVersion) }
        let unchangedFor = observed.map { $0.since.duration(to: now) } ?? .zero
        if holder.isEmpty || unchangedFor >= leaseDuration {
            return .takeOver(resourceVersion: lease.metadata.resourceVersion, transitions: (lease.spec?.leaseTransitions ?? 0) + 1)
        }
        isLeader = false
        return .follow(holder: holder)
    }

    /// A create, renew or takeover succeeded at `now`: we lead.
    mutating func acquired(now: ContinuousClock.Instant) {
        isLeader = true
        renewedAt = now
    }

    /// An attempt failed (conflict, outage) at `now`: a leader past its renew deadline steps down.
    mutating func failed(now: ContinuousClock.Instant) {
        guard isLeader, let renewedAt, renewedAt.duration(to: now) >= renewDeadline else { return }
        isLeader = false
    }
}
