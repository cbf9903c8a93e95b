/// One capability advertised in an OPEN (RFC 5492 §4).
///
/// Capabilities this codec does not know are kept as `.unknown` with their raw value, so an
/// OPEN round-trips and the FSM can log what the peer offered.
package enum BGPCapability: Hashable, Sendable, CustomStringConvertible {
    /// Multiprotocol extensions for one family, code 1 (RFC 4760 §8).
    case multiprotocol(RouteFamily)
    /// Route refresh, code 2 (RFC 2918 §2).
    case routeRefresh
    /// Extended next hop encoding, code 5 (RFC 8950 §3).
    case extendedNextHop([ExtendedNextHopCapability.Entry])
    /// Graceful restart, code 64 (RFC 4724 §3).
    case gracefulRestart(GracefulRestartCapability)
    /// Support for 4-octet AS numbers and the speaker's own AS, code 65 (RFC 6793 §3).
    case fourOctetAS(UInt32)
    /// ADD-PATH, code 69 (RFC 7911 §4).
    case addPath([AddPathCapability.Entry])
    /// Any other capability, kept as received.
    case unknown(code: UInt8, value: [UInt8])

    /// The capability code (IANA "Capability Codes").
    package var code: UInt8 {
        switch self {
        case .multiprotocol: 1
        case .routeRefresh: 2
        case .extendedNextHop: 5
        case .gracefulRestart: 64
        case .fourOctetAS: 65
        case .addPath: 69
        case .unknown(let code, _): code
        }
    }

    /// A short text for logs, such as "mp(IPv6 unicast)" or "as4(4200000001)".
    package var description: String {
        switch self {
        case .multiprotocol(let family): "mp(\(family))"
        case .routeRefresh: "route-refresh"
        case .extendedNextHop(let entries): "extended-nexthop(\(entries.count))"
        case .gracefulRestart(let restart): "graceful-restart(\(restart.restartTime)s)"
        case .fourOctetAS(let asn): "as4(\(asn))"
        case .addPath(let entries): "add-path(\(entries.count))"
        case .unknown(let code, let value): "capability \(code) (\(value.count) octets)"
        }
    }
}
