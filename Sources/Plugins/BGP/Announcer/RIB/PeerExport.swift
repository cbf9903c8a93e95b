package import IronLBPluginAPI
import BGPWire

/// How routes are exported to one peer: which advertisements reach it and with which attributes.
/// Pure: given the desired routes, it yields the peer's desired Adj-RIB-Out.
package struct PeerExport: Sendable {
    /// The peer.
    package var peer: BGPPeerConfiguration
    /// Our AS number.
    package var localASN: UInt32
    /// The options of every advertisement of this announcer, by name.
    package var advertisements: [String: BGPAdvertisementOptions]
    /// Our IPv4 address on the session (the "self" next hop), once connected.
    package var localIPv4: IPv4Address?
    /// Our IPv6 address on the session, once connected.
    package var localIPv6: IPv6Address?
    /// Whether routes carry the GRACEFUL_SHUTDOWN community (RFC 8326) because we are draining.
    package var gracefulShutdown = false

    /// Creates an export policy.
    package init(peer: BGPPeerConfiguration, localASN: UInt32, advertisements: [String: BGPAdvertisementOptions],
                 localIPv4: IPv4Address? = nil, localIPv6: IPv6Address? = nil) {
        self.peer = peer
        self.localASN = localASN
        self.advertisements = advertisements
        self.localIPv4 = localIPv4
        self.localIPv6 = localIPv6
    }

    /// The routes this peer should have. Aggregated prefixes take the attributes of the first route
    /// (by prefix, then advertisement name) that falls into them. Attributes are computed once per
    /// advertisement and family, not per route.
    package func desired(from routes: [DesiredRoute]) -> RouteTable {
        var table = RouteTable.Builder()
        struct Key: Hashable { var advertisement: String; var family: IPFamily }
        var resolved: [Key: (index: Int, length: Int)?] = [:]
        let ordered = routes.count > 1 && !zip(routes, routes.dropFirst()).allSatisfy({ $0 <= $1 }) ? routes.sorted() : routes
        for route in ordered {
            let key = Key(advertisement: route.advertisement, family: route.prefix.family)
            let entry: (index: Int, length: Int)?
            if let cached = resolved[key] {
                entry = cached
            } else {
                if let options = advertisements[route.advertisement],
                   options.peers.isEmpty || options.peers.contains(peer.name),
                   peer.families.contains(key.family),
                   let attributes = attributes(for: key.family, options: options) {
                    entry = (table.intern(attributes), key.family == .ipv4 ? options.aggregationLength : options.aggregationLengthV6)
                } else {
                    entry = nil
                }
                resolved[key] = .some(entry)
            }
            guard let entry else { continue }
            let prefix = entry.length < route.prefix.length ? IPPrefix(containing: route.prefix.network, length: entry.length) : route.prefix
            table.add(prefix, attributeIndex: entry.index)
        }
        return table.build()
    }

    /// The attributes for routes of `family` under `options`, or nil when no next hop is known.
    package func attributes(for family: IPFamily, options: BGPAdvertisementOptions) -> RouteAttributes? {
        let external = !peer.isInternal(localASN: localASN)
        var path = PathAttributes(origin: .igp)
        // RFC 4271 §5.1.2: an eBGP speaker prepends its own AS; an iBGP speaker originating a route sends an empty path.
        path.asPath = external ? ASPath(sequence: Array(repeating: localASN, count: 1 + options.asPathPrepend)) : .empty
        path.multiExitDiscriminator = options.med
        // RFC 4271 §5.1.5: LOCAL_PREF goes to internal peers only.
        if !external { path.localPreference = options.localPref ?? 100 }
        path.communities = options.communities
        path.largeCommunities = options.largeCommunities
        if gracefulShutdown {
            // RFC 8326 §4: tag the routes so the receiver lowers their preference before we withdraw them.
            if !path.communities.contains(.gracefulShutdown) { path.communities.append(.gracefulShutdown) }
            if !external { path.localPreference = 0 }
        }
        switch family {
        case .ipv4:
            guard let nextHop = options.nextHopIPv4 ?? localIPv4 else { return nil }
            path.nextHop = nextHop
            return RouteAttributes(path: path, ipv6NextHop: nil)
        case .ipv6:
            // Over an IPv4 session without a configured IPv6 next hop, use our IPv4 address mapped into
            // IPv6 (::ffff:a.b.c.d), as BIRD and FRR do.
            let global: IPv6Address? = options.nextHopIPv6 ?? localIPv6 ?? localIPv4.map { IPv6Address(0xFFFF_0000_0000 | UInt128($0.rawValue)) }
            guard let global else { return nil }
            return RouteAttributes(path: path, ipv6NextHop: MultiprotocolNextHop(global: .v6(global)))
        }
    }
}
