import Foundation
import Logging

/// Runs leader election on a coordination.k8s.io/v1 Lease: reads the Lease every retry period, acts
/// on ``LeaderElection``'s decision, and tells `onChange` when this instance starts or stops leading.
struct LeaseElector: Sendable {
    let client: APIClient
    let namespace: String
    let name: String
    let identity: String
    let leaseDuration: Duration
    let logger: Logger
    /// Called after the first round (leading or not), then with true when this instance becomes
    /// leader and false when it stops.
    let onChange: @Sendable (Bool) async -> Void

    /// Runs until cancelled.
    func run() async {
        var election = LeaderElection(identity: identity, leaseDuration: leaseDuration)
        let clock = ContinuousClock()
        let retryPeriod = leaseDuration / 7
        var lastHolder: String?
        var failing = false
        var first = true
        while !Task.isCancelled {
            let wasLeader = election.isLeader
            do throws(APIError) {
                let lease = try await client.lease(namespace: namespace, name: name)
                let action = election.decide(lease: lease, now: clock.now)
                switch action {
                case .follow(let holder):
                    if holder != lastHolder { logger.info("following \(holder), which holds the lease \(namespace)/\(name)") }
                    lastHolder = holder
                case .create, .renew, .takeOver:
                    try await client.writeLease(record(for: action, existing: lease), create: action == .create)
                    election.acquired(now: clock.now)
                    lastHolder = identity
                }
                failing = false
            } catch {
                election.failed(now: clock.now)
                // A conflict is another instance winning a race, which is normal; anything else (no
                // permission, no API) keeps this instance from ever leading, so say it once.
                if !failing && !error.isConflict {
                    logger.warning("cannot use the lease \(namespace)/\(name) (this instance follows until it can): \(error)")
                } else {
                    logger.debug("lease \(namespace)/\(name): \(error)")
                }
                failing = !error.isConflict
            }
            if election.isLeader != wasLeader {
                logger.notice(election.isLeader ? "leading: this instance writes Service status" : "no longer leading; another instance writes Service status")
                await onChange(election.isLeader)
            } else if first {
                await onChange(election.isLeader)
            }
            first = false
            try? await Task.sleep(for: retryPeriod)
        }
    }

    private func record(for action: LeaderElection.Action, existing: LeaseObject?) -> LeaseObject {
        let now = LeaseObject.microTime(Date())
        var lease = existing ?? LeaseObject(metadata: ObjectMeta(name: name, namespace: namespace))
        var spec = lease.spec ?? LeaseObject.Spec()
        spec.holderIdentity = identity
        spec.leaseDurationSeconds = max(1, Int(leaseDuration.components.seconds))
        spec.renewTime = now
        switch action {
        case .create:
            spec.acquireTime = now
            spec.leaseTransitions = 0
        case .takeOver(_, let transitions):
            spec.acquireTime = now
            spec.leaseTransitions = transitions
        case .renew, .follow:
            break
        }
        lease.spec = spec
        return lease
    }
}
