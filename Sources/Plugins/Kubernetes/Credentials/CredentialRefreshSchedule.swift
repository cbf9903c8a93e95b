/// When a credential plugin runs again: a little before the credential it issued expires, when the
/// API server refuses that credential (401), and after a failed run. Refusals and failures back off,
/// so a plugin that keeps issuing refused credentials, or keeps failing, never runs in a tight loop.
///
/// Pure: the owner passes the time in; tests pass their own.
struct CredentialRefreshSchedule: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// How long before its expiry a credential is replaced; at most half of its lifetime.
    let margin: Duration
    /// The shortest time a credential is used, even one that had expired when it was issued.
    let minimumLifetime: Duration
    private var refusals: Backoff
    private var failures: Backoff
    /// When a refusal last made the plugin run, and how long until another refusal may.
    private var lastRefusal: (at: Instant, wait: Duration)?
    /// Until when the last failure stands, instead of running the plugin again.
    private(set) var failedUntil: Instant?

    /// Refusals and failures back off from `initialBackoff`, doubling up to `maximumBackoff`.
    init(initialBackoff: Duration, maximumBackoff: Duration, margin: Duration = .seconds(30), minimumLifetime: Duration = .seconds(1)) {
        refusals = Backoff(initial: initialBackoff, maximum: maximumBackoff)
        failures = Backoff(initial: initialBackoff, maximum: maximumBackoff)
        self.margin = margin
        self.minimumLifetime = minimumLifetime
    }

    /// When a credential issued at `issued`, with `lifetime` left until its expiry (negative when
    /// already expired), is to be replaced; nil for one without expiry, which lasts until refused.
    func refreshTime(issued: Instant, lifetime: Duration?) -> Instant? {
        guard let lifetime else { return nil }
        let early = min(margin, max(lifetime, .zero) / 2)
        return max(issued + lifetime - early, issued + minimumLifetime)
    }

    /// Records a run that issued a credential.
    mutating func succeeded() {
        failures.reset()
        failedUntil = nil
    }

    /// Records a run that failed at `now`: its error stands until ``failedUntil``.
    mutating func failed(at now: Instant) {
        failedUntil = now + failures.next()
    }

    /// Whether the current credential, refused by the API server at `now`, may be replaced now:
    /// the first refusal after a quiet spell does at once, refusals of its successors wait longer
    /// each time.
    mutating func mayReplaceRefused(at now: Instant) -> Bool {
        if let last = lastRefusal {
            if now < last.at + last.wait { return false }
            // Quiet for longer than the longest wait: this refusal starts a new burst.
            if now >= last.at + last.wait + refusals.maximum { refusals.reset() }
        }
        lastRefusal = (now, refusals.next())
        return true
    }
}
