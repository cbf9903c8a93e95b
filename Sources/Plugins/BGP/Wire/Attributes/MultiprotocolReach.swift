package import IronLBPluginAPI

/// The MP_REACH_NLRI attribute: routes of one family announced with their next hop (RFC 4760 §3).
package struct MultiprotocolReach: Hashable, Sendable {
    /// The family; only IPv4 and IPv6 unicast are decoded.
    package var family: RouteFamily
    /// The next hop for every prefix in `nlri`.
    package var nextHop: MultiprotocolNextHop
    /// The announced prefixes.
    package var nlri: [IPPrefix]

    /// Creates the attribute.
    package init(family: RouteFamily, nextHop: MultiprotocolNextHop, nlri: [IPPrefix]) {
        self.family = family
        self.nextHop = nextHop
        self.nlri = nlri
    }
}
