/// The ADD-PATH capability's value (RFC 7911 §4).
package enum AddPathCapability {
    /// Whether the speaker can send, receive, or both, multiple paths for a family.
    package struct Direction: OptionSet, Hashable, Sendable {
        /// The wire value: 1 receive, 2 send, 3 both.
        package var rawValue: UInt8
        /// Creates a direction from its wire value.
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The speaker can receive multiple paths.
        package static let receive = Direction(rawValue: 1)
        /// The speaker can send multiple paths.
        package static let send = Direction(rawValue: 2)
    }

    /// One family and the directions ADD-PATH is offered for.
    package struct Entry: Hashable, Sendable {
        /// The address family.
        package var family: RouteFamily
        /// Send, receive, or both.
        package var direction: Direction

        /// Creates an entry.
        package init(family: RouteFamily, direction: Direction) {
            self.family = family
            self.direction = direction
        }
    }
}
