#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension WallClockInstant {
    /// The system's wall clock now. Pure code takes instants from its owner; owners read them here.
    package static func now() -> WallClockInstant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallClockInstant(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    /// Seconds since the epoch with a fraction, as status reports carry them.
    package var secondsSinceEpoch: Double {
        Double(nanosecondsSinceEpoch) / 1_000_000_000
    }
}
