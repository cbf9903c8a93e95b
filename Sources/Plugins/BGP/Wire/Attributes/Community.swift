/// A community of the COMMUNITIES attribute: a 32-bit tag, written "asn:value" (RFC 1997).
package struct Community: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The 32-bit value: AS number in the high 16 bits, a value of its choosing in the low 16.
    package var rawValue: UInt32

    /// Wraps a 32-bit value.
    package init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Creates "asn:value".
    package init(asn: UInt16, value: UInt16) {
        self.rawValue = UInt32(asn) << 16 | UInt32(value)
    }

    /// The high 16 bits, by convention the AS that defines the community.
    package var asn: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    /// The low 16 bits.
    package var value: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    /// GRACEFUL_SHUTDOWN, 65535:0: lower the route's preference before it is withdrawn (RFC 8326).
    package static let gracefulShutdown = Community(rawValue: 0xFFFF_0000)
    /// ACCEPT_OWN, 65535:1: accept the route even though this speaker originated it (RFC 7611).
    package static let acceptOwn = Community(rawValue: 0xFFFF_0001)
    /// LLGR_STALE, 65535:6: the route is stale under long-lived graceful restart (RFC 9494).
    package static let llgrStale = Community(rawValue: 0xFFFF_0006)
    /// NO_LLGR, 65535:7: do not keep the route under long-lived graceful restart (RFC 9494).
    package static let noLLGR = Community(rawValue: 0xFFFF_0007)
    /// BLACKHOLE, 65535:666: drop traffic to the prefix (RFC 7999).
    package static let blackhole = Community(rawValue: 0xFFFF_029A)
    /// NO_EXPORT, 65535:65281: do not advertise outside the AS or confederation (RFC 1997).
    package static let noExport = Community(rawValue: 0xFFFF_FF01)
    /// NO_ADVERTISE, 65535:65282: do not advertise to any peer (RFC 1997).
    package static let noAdvertise = Community(rawValue: 0xFFFF_FF02)
    /// NO_EXPORT_SUBCONFED, 65535:65283: do not advertise to external peers (RFC 1997).
    package static let noExportSubconfed = Community(rawValue: 0xFFFF_FF03)
    /// NO_PEER, 65535:65284: do not advertise to bilateral peers (RFC 3765).
    package static let noPeer = Community(rawValue: 0xFFFF_FF04)

    /// The well-known communities and their IANA names.
    package static let wellKnown: [(name: String, community: Community)] = [
        ("GRACEFUL_SHUTDOWN", .gracefulShutdown), ("ACCEPT_OWN", .acceptOwn),
        ("LLGR_STALE", .llgrStale), ("NO_LLGR", .noLLGR), ("BLACKHOLE", .blackhole),
        ("NO_EXPORT", .noExport), ("NO_ADVERTISE", .noAdvertise),
        ("NO_EXPORT_SUBCONFED", .noExportSubconfed), ("NO_PEER", .noPeer),
    ]

    /// The IANA name if this is a well-known community.
    package var wellKnownName: String? {
        Self.wellKnown.first { $0.community == self }?.name
    }

    /// Parses "asn:value" with decimal numbers up to 65535, or a well-known name such as
    /// "NO_EXPORT" (any case, `-` or `_`).
    package init?(_ text: String) {
        let normalized = text.uppercased().replacing("-", with: "_")
        if let known = Self.wellKnown.first(where: { $0.name == normalized }) {
            self = known.community
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let asn = CommunityText.decimal(parts[0], max: UInt16.max),
            let value = CommunityText.decimal(parts[1], max: UInt16.max)
        else { return nil }
        self.init(asn: UInt16(asn), value: UInt16(value))
    }

    /// The well-known name, or "asn:value".
    package var description: String {
        wellKnownName ?? "\(asn):\(value)"
    }

    /// Orders numerically, as the attribute is usually kept sorted.
    package static func < (lhs: Community, rhs: Community) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
