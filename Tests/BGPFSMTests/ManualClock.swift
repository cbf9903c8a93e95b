import Synchronization
import Testing

/// A clock that moves only when a test says so.
final class ManualClock: Clock, Sendable {
    /// A point on the manual time line: the time since the clock was created.
    struct Instant: InstantProtocol, CustomStringConvertible {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        var description: String { "t+\(offset)" }
    }

    private let current = Mutex(Instant(offset: .zero))

    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves time forward.
    func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    /// The instant `duration` after the clock's creation.
    static func at(_ duration: Duration) -> Instant { Instant(offset: duration) }

    /// State machines never sleep; a test that gets here is wrong.
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        Issue.record("ManualClock.sleep called")
        throw CancellationError()
    }
}
