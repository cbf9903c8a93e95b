package import IronLBPluginAPI

/// The path attributes of an UPDATE, one typed field per attribute the codec knows
/// (RFC 4271 §5); unknown optional transitive attributes are kept in `unknown`.
///
/// A `nil` or empty field means the attribute is absent. Which fields go on the wire and how is
/// decided by `PathAttributeTable`, one descriptor per attribute.
package struct PathAttributes: Hashable, Sendable {
    /// ORIGIN (1), well-known mandatory.
    package var origin: Origin?
    /// AS_PATH (2), well-known mandatory; 4-octet AS numbers whatever the wire encoding.
    package var asPath: ASPath?
    /// NEXT_HOP (3), well-known mandatory when IPv4 NLRI are in the NLRI field.
    package var nextHop: IPv4Address?
    /// MULTI_EXIT_DISC (4), optional non-transitive.
    package var multiExitDiscriminator: UInt32?
    /// LOCAL_PREF (5), well-known; sent to internal peers only.
    package var localPreference: UInt32?
    /// ATOMIC_AGGREGATE (6), well-known discretionary; it has no value.
    package var atomicAggregate: Bool
    /// AGGREGATOR (7), optional transitive.
    package var aggregator: Aggregator?
    /// COMMUNITIES (8), optional transitive; empty means absent.
    package var communities: [Community]
    /// MP_REACH_NLRI (14), optional non-transitive.
    package var multiprotocolReach: MultiprotocolReach?
    /// MP_UNREACH_NLRI (15), optional non-transitive.
    package var multiprotocolUnreach: MultiprotocolUnreach?
    /// AS4_PATH (17), optional transitive: only between a 4-octet speaker and a 2-octet one.
    package var as4Path: ASPath?
    /// AS4_AGGREGATOR (18), optional transitive: only between a 4-octet speaker and a 2-octet one.
    package var as4Aggregator: Aggregator?
    /// LARGE_COMMUNITY (32), optional transitive; empty means absent.
    package var largeCommunities: [LargeCommunity]
    /// Unknown optional transitive attributes, in the order received.
    package var unknown: [RawPathAttribute]

    /// Creates an attribute set; everything is absent by default.
    package init(
        origin: Origin? = nil, asPath: ASPath? = nil, nextHop: IPv4Address? = nil,
        multiExitDiscriminator: UInt32? = nil, localPreference: UInt32? = nil,
        atomicAggregate: Bool = false, aggregator: Aggregator? = nil,
        communities: [Community] = [], largeCommunities: [LargeCommunity] = [],
        multiprotocolReach: MultiprotocolReach? = nil, multiprotocolUnreach: MultiprotocolUnreach? = nil,
        as4Path: ASPath? = nil, as4Aggregator: Aggregator? = nil, unknown: [RawPathAttribute] = []
    ) {
        self.origin = origin
        self.asPath = asPath
        self.nextHop = nextHop
        self.multiExitDiscriminator = multiExitDiscriminator
        self.localPreference = localPreference
        self.atomicAggregate = atomicAggregate
        self.aggregator = aggregator
        self.communities = communities
        self.largeCommunities = largeCommunities
        self.multiprotocolReach = multiprotocolReach
        self.multiprotocolUnreach = multiprotocolUnreach
        self.as4Path = as4Path
        self.as4Aggregator = as4Aggregator
        self.unknown = unknown
    }

    /// Whether no attribute is present.
    package var isEmpty: Bool {
        self == PathAttributes()
    }
}
