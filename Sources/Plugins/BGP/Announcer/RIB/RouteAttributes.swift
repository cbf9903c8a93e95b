package import BGPWire

/// Everything a route is announced with to one peer: the path attributes and, for IPv6, the
/// MP_REACH_NLRI next hop. Routes with equal values share UPDATEs.
package struct RouteAttributes: Hashable, Sendable {
    /// ORIGIN, AS_PATH, NEXT_HOP (IPv4), MED, LOCAL_PREF, communities.
    package var path: PathAttributes
    /// The IPv6 next hop, for IPv6 prefixes.
    package var ipv6NextHop: MultiprotocolNextHop?
}
