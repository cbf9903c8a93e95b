/// The ORIGIN attribute's value: how the route entered BGP (RFC 4271 §5.1.1).
package enum Origin: UInt8, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// Learned from an interior protocol or configured.
    case igp = 0
    /// Learned from EGP, the historical exterior protocol.
    case egp = 1
    /// Learned some other way, such as redistribution.
    case incomplete = 2

    /// "IGP", "EGP" or "incomplete".
    package var description: String {
        switch self {
        case .igp: "IGP"
        case .egp: "EGP"
        case .incomplete: "incomplete"
        }
    }

    /// Orders IGP before EGP before incomplete, as route selection prefers them (RFC 4271 §9.1.2.2).
    package static func < (lhs: Origin, rhs: Origin) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
