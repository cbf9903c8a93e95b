/// A point in wall-clock time, as nanoseconds since the Unix epoch.
///
/// Allocation events carry one so that what depends on elapsed time (a sticky pool's cool-down) is
/// measured the same way before and after a restart or a reboot, which a monotonic clock cannot do.
/// The allocator is pure: its owner reads the system clock and passes instants in; tests pass their own.
public struct WallClockInstant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64

    /// Creates the instant `nanosecondsSinceEpoch` after the epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// The epoch itself; what tests start from.
    public static let epoch = WallClockInstant(nanosecondsSinceEpoch: 0)

    /// The instant `duration` later (earlier when negative), saturating at the representable range.
    public static func + (lhs: WallClockInstant, rhs: Duration) -> WallClockInstant {
        let (seconds, attoseconds) = rhs.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let total = nanoseconds.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !nanoseconds.overflow, !total.overflow else { return WallClockInstant(nanosecondsSinceEpoch: seconds < 0 ? .min : .max) }
        let (sum, overflow) = lhs.nanosecondsSinceEpoch.addingReportingOverflow(total.partialValue)
        return WallClockInstant(nanosecondsSinceEpoch: overflow ? (total.partialValue < 0 ? .min : .max) : sum)
    }

    /// The time from `other` to this instant.
    public func duration(since other: WallClockInstant) -> Duration {
        .nanoseconds(nanosecondsSinceEpoch) - .nanoseconds(other.nanosecondsSinceEpoch)
    }

    public static func < (lhs: WallClockInstant, rhs: WallClockInstant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Seconds and nanoseconds since the epoch, e.g. `1764300000.000000123`.
    public var description: String {
        let (seconds, nanoseconds) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000_000)
        let fraction = String(abs(nanoseconds))
        return "\(seconds).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }
}
