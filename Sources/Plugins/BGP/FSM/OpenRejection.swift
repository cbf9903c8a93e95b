package import BGPWire
package import IronLBPluginAPI

/// Why a well-formed OPEN from the peer is refused (RFC 4271 §6.2, RFC 5492 §5), and with which
/// NOTIFICATION.
package enum OpenRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// 2/1: the peer bid a version other than 4.
    case unsupportedVersion(UInt8)
    /// 2/2: the peer's AS is not the configured one, or is 0 (RFC 7607).
    case badPeerAS(received: UInt32, expected: UInt32)
    /// 2/3: the identifier is 0, or equals ours on an iBGP session (RFC 6286 §2.2).
    case badBGPIdentifier(IPv4Address)
    /// 2/6: the hold time is 1 or 2 s, or below the configured minimum.
    case unacceptableHoldTime(UInt16)
    /// 2/7: the peer did not offer families we need (multiprotocol capability, RFC 4760).
    case unsupportedFamilies([RouteFamily])

    /// The NOTIFICATION to send before closing.
    package var notification: BGPNotification {
        switch self {
        case .unsupportedVersion:
            // §6.2: the data is the largest version we support below the peer's bid, or else our
            // smallest: 4 either way.
            .openMessageError(.unsupportedVersionNumber, data: [0, BGPWire.version])
        case .badPeerAS:
            .openMessageError(.badPeerAS)
        case .badBGPIdentifier:
            .openMessageError(.badBGPIdentifier)
        case .unacceptableHoldTime:
            .openMessageError(.unacceptableHoldTime)
        case .unsupportedFamilies(let families):
            // RFC 5492 §5: the data lists the capabilities we needed, as code, length, value.
            .openMessageError(.unsupportedCapability, data: families.flatMap(Self.multiprotocolCapability))
        }
    }

    /// The multiprotocol capability for `family`: code 1, length 4, AFI, reserved, SAFI (RFC 4760 §8).
    static func multiprotocolCapability(_ family: RouteFamily) -> [UInt8] {
        [1, 4, UInt8(family.afi >> 8), UInt8(family.afi & 0xFF), 0, family.safi]
    }

    /// A sentence for logs.
    package var description: String {
        switch self {
        case .unsupportedVersion(let version): "unsupported BGP version \(version)"
        case .badPeerAS(let received, let expected): "peer AS \(received) is not the configured \(expected)"
        case .badBGPIdentifier(let identifier): "unacceptable BGP identifier \(identifier)"
        case .unacceptableHoldTime(let holdTime): "unacceptable hold time \(holdTime) s"
        case .unsupportedFamilies(let families): "peer lacks \(families.map(\.description).joined(separator: ", "))"
        }
    }
}
