package import IronLBPluginAPI

/// An OPEN message: the speaker's AS, hold time, identifier and capabilities (RFC 4271 §4.2).
///
/// Only the Capabilities optional parameter (type 2, RFC 5492) exists in practice; any other
/// parameter type is refused with 2/4 when decoded, so none is modelled.
package struct BGPOpen: Hashable, Sendable, CustomStringConvertible {
    /// The protocol version; always 4 once decoded.
    package var version: UInt8
    /// The My Autonomous System field: the AS, or AS_TRANS when it needs 4 octets (RFC 6793 §4.1).
    package var myAS: UInt16
    /// The proposed hold time in seconds: 0, or at least 3 (checked by the FSM, RFC 4271 §6.2).
    package var holdTime: UInt16
    /// The BGP identifier (router ID).
    package var bgpIdentifier: IPv4Address
    /// The capabilities, in the order they were (or will be) sent.
    package var capabilities: [BGPCapability]

    /// Creates an OPEN as sent on the wire.
    package init(version: UInt8 = BGPWire.version, myAS: UInt16, holdTime: UInt16, bgpIdentifier: IPv4Address, capabilities: [BGPCapability]) {
        self.version = version
        self.myAS = myAS
        self.holdTime = holdTime
        self.bgpIdentifier = bgpIdentifier
        self.capabilities = capabilities
    }

    /// Creates an OPEN for `autonomousSystem`, putting AS_TRANS in My AS when the AS needs
    /// 4 octets (RFC 6793 §4.1). The 4-octet AS capability is added if `capabilities` lacks it.
    package init(autonomousSystem: UInt32, holdTime: UInt16, bgpIdentifier: IPv4Address, capabilities: [BGPCapability]) {
        var capabilities = capabilities
        if !capabilities.contains(where: { $0.code == 65 }) {
            capabilities.append(.fourOctetAS(autonomousSystem))
        }
        self.init(
            myAS: autonomousSystem > UInt16.max ? BGPWire.asTrans : UInt16(autonomousSystem),
            holdTime: holdTime,
            bgpIdentifier: bgpIdentifier,
            capabilities: capabilities
        )
    }

    /// The AS of the 4-octet AS capability, if the speaker sent one.
    package var fourOctetASCapability: UInt32? {
        for case .fourOctetAS(let asn) in capabilities { return asn }
        return nil
    }

    /// The speaker's real AS: the 4-octet capability's when present, else My AS (RFC 6793 §4.1).
    package var autonomousSystem: UInt32 {
        fourOctetASCapability ?? UInt32(myAS)
    }

    /// The families offered with the multiprotocol capability (RFC 4760 §8).
    package var multiprotocolFamilies: [RouteFamily] {
        capabilities.compactMap { capability in
            if case .multiprotocol(let family) = capability { family } else { nil }
        }
    }

    /// Whether the route refresh capability was sent (RFC 2918 §2).
    package var supportsRouteRefresh: Bool {
        capabilities.contains(.routeRefresh)
    }

    /// The graceful restart capability, if any (RFC 4724 §3).
    package var gracefulRestart: GracefulRestartCapability? {
        for case .gracefulRestart(let restart) in capabilities { return restart }
        return nil
    }

    /// "AS 65001 hold 90 id 192.0.2.1 [mp(IPv4 unicast), …]".
    package var description: String {
        "AS \(autonomousSystem) hold \(holdTime) id \(bgpIdentifier) \(capabilities)"
    }
}
