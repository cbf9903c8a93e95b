/// Exponential retry delays: `initial`, doubling on each failure up to `maximum`; reset on success.
struct Backoff: Sendable, Equatable {
    let initial: Duration
    let maximum: Duration
    private var current: Duration?

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before the next attempt.
    mutating func next() -> Duration {
        let delay = current.map { min($0 * 2, maximum) } ?? min(initial, maximum)
        current = delay
        return delay
    }

    /// Starts again from `initial`.
    mutating func reset() {
        current = nil
    }
}
