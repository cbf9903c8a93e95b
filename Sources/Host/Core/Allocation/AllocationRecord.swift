package import IronLBPluginAPI

/// One durable allocation event: what the journal stores and what replay feeds back to the allocator.
package enum AllocationRecord: Hashable, Sendable {
    /// `assignment` was given, for `request`, at `time`; replaces any earlier assignment of the key.
    case assigned(Assignment, request: AddressRequest, at: WallClockInstant)
    /// `assignment` was taken back at `time`.
    case released(Assignment, at: WallClockInstant)

    /// The service the record is about.
    package var key: ServiceKey {
        switch self {
        case .assigned(let assignment, _, _), .released(let assignment, _): assignment.key
        }
    }
}
