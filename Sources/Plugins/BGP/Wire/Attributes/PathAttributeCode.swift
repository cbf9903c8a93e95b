/// A path attribute type code (RFC 4271 §4.3; IANA "BGP Path Attributes").
package struct PathAttributeCode: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code as it is on the wire.
    package var rawValue: UInt8

    /// Wraps a code from the wire.
    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// ORIGIN, 1 (RFC 4271 §5.1.1).
    package static let origin = Self(rawValue: 1)
    /// AS_PATH, 2 (RFC 4271 §5.1.2).
    package static let asPath = Self(rawValue: 2)
    /// NEXT_HOP, 3 (RFC 4271 §5.1.3).
    package static let nextHop = Self(rawValue: 3)
    /// MULTI_EXIT_DISC, 4 (RFC 4271 §5.1.4).
    package static let multiExitDiscriminator = Self(rawValue: 4)
    /// LOCAL_PREF, 5 (RFC 4271 §5.1.5).
    package static let localPreference = Self(rawValue: 5)
    /// ATOMIC_AGGREGATE, 6 (RFC 4271 §5.1.6).
    package static let atomicAggregate = Self(rawValue: 6)
    /// AGGREGATOR, 7 (RFC 4271 §5.1.7).
    package static let aggregator = Self(rawValue: 7)
    /// COMMUNITIES, 8 (RFC 1997).
    package static let communities = Self(rawValue: 8)
    /// MP_REACH_NLRI, 14 (RFC 4760 §3).
    package static let multiprotocolReach = Self(rawValue: 14)
    /// MP_UNREACH_NLRI, 15 (RFC 4760 §4).
    package static let multiprotocolUnreach = Self(rawValue: 15)
    /// AS4_PATH, 17 (RFC 6793 §3).
    package static let as4Path = Self(rawValue: 17)
    /// AS4_AGGREGATOR, 18 (RFC 6793 §3).
    package static let as4Aggregator = Self(rawValue: 18)
    /// LARGE_COMMUNITY, 32 (RFC 8092).
    package static let largeCommunities = Self(rawValue: 32)

    /// The RFC name of a known attribute, or "attribute N".
    package var description: String {
        PathAttributeTable.descriptor(for: self)?.name ?? "attribute \(rawValue)"
    }

    /// Orders by numeric code.
    package static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
