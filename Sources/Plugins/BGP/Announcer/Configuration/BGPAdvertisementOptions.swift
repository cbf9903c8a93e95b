public import IronLBPluginAPI
package import BGPWire

/// The BGP keys of an advertisement: which peers, and with which path attributes.
public struct BGPAdvertisementOptions: PluginConfiguration {
    /// The peers that get these routes (empty: every peer).
    public var peers: [String] = []
    /// COMMUNITIES (RFC 1997), in the order written.
    package var communities: [Community] = []
    /// LARGE_COMMUNITIES (RFC 8092).
    package var largeCommunities: [LargeCommunity] = []
    /// LOCAL_PREF, sent to iBGP peers only.
    public var localPref: UInt32?
    /// MULTI_EXIT_DISC.
    public var med: UInt32?
    /// How many extra times our AS is prepended.
    public var asPathPrepend: Int = 0
    /// The IPv4 next hop; nil means our session address ("self").
    public var nextHopIPv4: IPv4Address?
    /// The IPv6 next hop; nil means our session address ("self").
    public var nextHopIPv6: IPv6Address?
    /// Announce covering IPv4 prefixes of this length instead of /32s.
    public var aggregationLength: Int = 32
    /// Announce covering IPv6 prefixes of this length instead of /128s.
    public var aggregationLengthV6: Int = 128

    /// Options with every default: all peers, no communities, next hop self, no aggregation.
    public init() {}

    public var rendered: RenderedValue {
        var entries: [RenderedEntry] = []
        if !peers.isEmpty { entries.append(RenderedEntry("peers", .strings(peers))) }
        if !communities.isEmpty { entries.append(RenderedEntry("communities", .strings(communities.map(\.description)))) }
        if !largeCommunities.isEmpty { entries.append(RenderedEntry("large-communities", .strings(largeCommunities.map(\.description)))) }
        if let localPref { entries.append(RenderedEntry("local-pref", .integer(Int(localPref)))) }
        if let med { entries.append(RenderedEntry("med", .integer(Int(med)))) }
        if asPathPrepend > 0 { entries.append(RenderedEntry("as-path-prepend", .integer(asPathPrepend))) }
        entries.append(RenderedEntry("next-hop-ipv4", .string(nextHopIPv4?.description ?? "self")))
        entries.append(RenderedEntry("next-hop-ipv6", .string(nextHopIPv6?.description ?? "self")))
        entries.append(RenderedEntry("aggregation-length", .integer(aggregationLength)))
        entries.append(RenderedEntry("aggregation-length-v6", .integer(aggregationLengthV6)))
        return .mapping(entries)
    }
}
