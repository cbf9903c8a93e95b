/// The delay before each automatic restart of a session: exponential back-off with jitter.
///
/// The first retry comes fast (`initialDelay`), each further failure doubles the delay up to
/// `maximumDelay`, and each delay is shortened by a random fraction of at most `jitter`, as
/// RFC 4271 §10 asks for the timers a restart waits on, so that many sessions dropped by one
/// event do not reconnect in lockstep. The driver-facing state machine resets the sequence
/// once a session has stayed Established for `resetAfter`.
package struct ConnectRetryBackoff: Hashable, Sendable {
    /// The delay before the first retry.
    package var initialDelay: Duration
    /// The cap on the delay, however many attempts failed.
    package var maximumDelay: Duration
    /// The largest fraction (0..<1) by which a delay is randomly shortened.
    package var jitter: Double
    /// How long a session must stay Established before the sequence starts over.
    package var resetAfter: Duration
    /// How many delays have been handed out since the last reset.
    package private(set) var attempts: Int = 0

    /// Creates a back-off; the defaults are 1 s doubling up to 120 s, 25 % jitter, reset after 60 s.
    package init(
        initialDelay: Duration = .seconds(1),
        maximumDelay: Duration = .seconds(120),
        jitter: Double = 0.25,
        resetAfter: Duration = .seconds(60)
    ) {
        precondition(initialDelay > .zero && maximumDelay >= initialDelay, "back-off delays must be positive and ordered")
        precondition(jitter >= 0 && jitter < 1, "jitter is a fraction in 0..<1")
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.resetAfter = resetAfter
    }

    /// The delay before the next attempt without jitter: `initialDelay · 2^attempts`, capped.
    package var nominalDelay: Duration {
        var delay = initialDelay
        // Doubling stops at the cap, so a long outage cannot overflow the Duration.
        for _ in 0..<attempts {
            delay = delay * 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }

    /// Returns the delay before the next attempt, jittered with `random`, and counts the attempt.
    package mutating func nextDelay(using random: inout some RandomNumberGenerator) -> Duration {
        let delay = Self.jittered(nominalDelay, by: jitter, using: &random)
        attempts += 1
        return delay
    }

    /// Starts the sequence over: the next delay is `initialDelay` again.
    package mutating func reset() {
        attempts = 0
    }

    /// `duration` shortened by a uniformly random fraction in `0..<fraction`.
    ///
    /// Shortening rather than spreading both ways keeps every delay within its cap; a generator
    /// that returns 0 yields `duration` unchanged, which keeps tests exact.
    static func jittered(_ duration: Duration, by fraction: Double, using random: inout some RandomNumberGenerator) -> Duration {
        guard fraction > 0 else { return duration }
        // 53 random bits make a uniform Double in 0..<1.
        let unit = Double(random.next() >> 11) * 0x1p-53
        return duration * (1 - fraction * unit)
    }
}
