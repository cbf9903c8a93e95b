import Testing
@testable import IronLBKubernetes

/// When a credential plugin runs again, with the time passed in.
@Suite("Credential refresh schedule")
struct CredentialRefreshScheduleTests {
    let start = ContinuousClock.now

    func schedule() -> CredentialRefreshSchedule {
        CredentialRefreshSchedule(initialBackoff: .seconds(1), maximumBackoff: .seconds(8), margin: .seconds(30), minimumLifetime: .seconds(1))
    }

    @Test("Replaced a margin before expiry, at most half the lifetime early, never sooner than the minimum; no expiry: never")
    func refreshTime() {
        let schedule = schedule()
        #expect(schedule.refreshTime(issued: start, lifetime: .seconds(900)) == start + .seconds(870))
        #expect(schedule.refreshTime(issued: start, lifetime: .seconds(10)) == start + .seconds(5))
        #expect(schedule.refreshTime(issued: start, lifetime: .seconds(-60)) == start + .seconds(1), "an expired credential is used once, briefly")
        #expect(schedule.refreshTime(issued: start, lifetime: nil) == nil)
    }

    @Test("A refused credential is replaced at once; refusals of its successors wait 1, 2, 4 s …; a quiet spell starts over")
    func refusals() {
        var schedule = schedule()
        // The waits: 1 s after 0, 2 s after 1, 4 s after 3, 8 s (the maximum) after 7; then 8 + 8 s
        // of quiet, and the refusal at 23 starts afresh (1 s).
        let times: [Duration] = [.zero, .milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(6), .seconds(7), .seconds(23), .seconds(24)]
        let answers = times.map { schedule.mayReplaceRefused(at: start + $0) }
        #expect(answers == [true, false, true, false, true, false, true, true, true])
    }

    @Test("A failure stands for 1, 2, 4 s … until a run succeeds")
    func failures() {
        var schedule = schedule()
        #expect(schedule.failedUntil == nil)
        schedule.failed(at: start)
        #expect(schedule.failedUntil == start + .seconds(1))
        schedule.failed(at: start + .seconds(1))
        #expect(schedule.failedUntil == start + .seconds(3))
        schedule.succeeded()
        #expect(schedule.failedUntil == nil)
        schedule.failed(at: start + .seconds(10))
        #expect(schedule.failedUntil == start + .seconds(11))
    }
}
