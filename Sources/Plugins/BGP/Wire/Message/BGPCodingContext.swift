/// What the codec must know about the session to read and write UPDATEs.
///
/// Set from the two OPENs once the session reaches OpenConfirm (`negotiated(local:peer:)`);
/// before that only OPEN, NOTIFICATION and KEEPALIVE flow, and they need no context.
package struct BGPCodingContext: Hashable, Sendable {
    /// Whether both speakers advertised 4-octet AS support: AS_PATH and AGGREGATOR then carry
    /// 4-octet AS numbers and AS4_PATH / AS4_AGGREGATOR are not used (RFC 6793 §4.1).
    package var fourOctetAS: Bool
    /// Whether the peer is in another AS (eBGP): LOCAL_PREF and confederation segments
    /// from it are errors (RFC 7606 §7.2, §7.5).
    package var peerIsExternal: Bool

    /// Creates a context; the defaults describe a modern eBGP session.
    package init(fourOctetAS: Bool = true, peerIsExternal: Bool = true) {
        self.fourOctetAS = fourOctetAS
        self.peerIsExternal = peerIsExternal
    }

    /// The context both speakers agree on after exchanging `local` and `peer` OPENs.
    package static func negotiated(local: BGPOpen, peer: BGPOpen) -> BGPCodingContext {
        BGPCodingContext(
            fourOctetAS: local.fourOctetASCapability != nil && peer.fourOctetASCapability != nil,
            peerIsExternal: local.autonomousSystem != peer.autonomousSystem
        )
    }
}
