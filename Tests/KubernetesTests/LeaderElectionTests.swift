import Testing
@testable import IronLBKubernetes

/// Lease decisions with a manual clock: take over only after the record stood still for a whole
/// lease duration as we observed it; step down when renewals fail past the renew deadline.
@Suite("Kubernetes leader election")
struct LeaderElectionTests {
    let start = ContinuousClock.now

    func lease(holder: String?, version: String, renew: String = "2026-11-28T10:00:00.000000Z", transitions: Int = 0) -> LeaseObject {
        LeaseObject(
            metadata: ObjectMeta(name: "ironlb", namespace: "ironlb-system", resourceVersion: version),
            spec: .init(holderIdentity: holder, leaseDurationSeconds: 15, renewTime: renew, leaseTransitions: transitions)
        )
    }

    @Test("No lease: create it; our own lease: renew it")
    func createAndRenew() {
        var election = LeaderElection(identity: "node-a", leaseDuration: .seconds(15))
        #expect(election.decide(lease: nil, now: start) == .create)
        election.acquired(now: start)
        #expect(election.isLeader)
        #expect(election.decide(lease: lease(holder: "node-a", version: "7"), now: start + .seconds(2)) == .renew(resourceVersion: "7"))
    }

    @Test("Another holder is followed while it renews, and taken over once it stood still for a lease duration")
    func takeOverAfterExpiry() {
        var election = LeaderElection(identity: "node-b", leaseDuration: .seconds(15))
        #expect(election.decide(lease: lease(holder: "node-a", version: "7"), now: start) == .follow(holder: "node-a"))
        #expect(election.decide(lease: lease(holder: "node-a", version: "8", renew: "2026-11-28T10:00:02.000000Z"), now: start + .seconds(10)) == .follow(holder: "node-a"))
        // Unchanged since +10 s: not yet expired at +24 s, expired at +25 s.
        #expect(election.decide(lease: lease(holder: "node-a", version: "8", renew: "2026-11-28T10:00:02.000000Z"), now: start + .seconds(24)) == .follow(holder: "node-a"))
        #expect(election.decide(lease: lease(holder: "node-a", version: "8", renew: "2026-11-28T10:00:02.000000Z"), now: start + .seconds(25))
                == .takeOver(resourceVersion: "8", transitions: 1))
    }

    @Test("A released lease (empty holder) is taken at once")
    func released() {
        var election = LeaderElection(identity: "node-b", leaseDuration: .seconds(15))
        #expect(election.decide(lease: lease(holder: "", version: "9"), now: start) == .takeOver(resourceVersion: "9", transitions: 1))
    }

    @Test("A leader whose renewals fail steps down at the renew deadline, before anyone may take over")
    func stepDown() {
        var election = LeaderElection(identity: "node-a", leaseDuration: .seconds(15))
        election.acquired(now: start)
        election.failed(now: start + .seconds(9))
        #expect(election.isLeader)
        election.failed(now: start + .seconds(10))
        #expect(!election.isLeader)
        #expect(election.renewDeadline < election.leaseDuration)
    }

    @Test("MicroTime has six fractional digits, in UTC")
    func microTime() {
        #expect(LeaseObject.microTime(Date(timeIntervalSince1970: 1_795_000_000.25)) == "2026-11-18T11:06:40.250000Z")
    }
}

import Foundation
