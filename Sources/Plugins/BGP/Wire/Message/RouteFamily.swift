package import IronLBPluginAPI

/// An address family as BGP names it: an AFI and a SAFI (RFC 4760 §5; IANA registries).
package struct RouteFamily: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The Address Family Identifier: 1 for IPv4, 2 for IPv6.
    package var afi: UInt16
    /// The Subsequent Address Family Identifier: 1 for unicast.
    package var safi: UInt8

    /// Creates the family with the given identifiers.
    package init(afi: UInt16, safi: UInt8) {
        self.afi = afi
        self.safi = safi
    }

    /// IPv4 unicast, AFI 1 SAFI 1.
    package static let ipv4Unicast = RouteFamily(afi: 1, safi: 1)
    /// IPv6 unicast, AFI 2 SAFI 1.
    package static let ipv6Unicast = RouteFamily(afi: 2, safi: 1)

    /// The unicast family whose NLRI are prefixes of `family`.
    package static func unicast(_ family: IPFamily) -> RouteFamily {
        family == .ipv4 ? .ipv4Unicast : .ipv6Unicast
    }

    /// The IP family of this family's prefixes, or `nil` unless it is IPv4 or IPv6 unicast.
    package var unicastIPFamily: IPFamily? {
        switch self {
        case .ipv4Unicast: .ipv4
        case .ipv6Unicast: .ipv6
        default: nil
        }
    }

    /// The IP family an AFI names, or `nil` for any other AFI.
    package static func ipFamily(afi: UInt16) -> IPFamily? {
        switch afi {
        case 1: .ipv4
        case 2: .ipv6
        default: nil
        }
    }

    /// "IPv4 unicast", "IPv6 unicast", or "AFI x SAFI y".
    package var description: String {
        switch self {
        case .ipv4Unicast: "IPv4 unicast"
        case .ipv6Unicast: "IPv6 unicast"
        default: "AFI \(afi) SAFI \(safi)"
        }
    }

    /// Orders by AFI, then SAFI.
    package static func < (lhs: RouteFamily, rhs: RouteFamily) -> Bool {
        (lhs.afi, lhs.safi) < (rhs.afi, rhs.safi)
    }
}
