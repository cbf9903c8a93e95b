/// BGPWire: the BGP-4 message codec, bytes ⇄ `BGPMessage`, with no I/O, clock or logging.
///
/// The codec frames messages (`BGPMessageDecoder`, `BGPMessageEncoder`), encodes and decodes
/// OPEN with capabilities, UPDATE with table-driven path attributes, NOTIFICATION, KEEPALIVE and
/// ROUTE-REFRESH, judges received UPDATEs with RFC 7606's error classes, and packs prefixes into
/// as few UPDATEs as fit (`UpdatePacker`). The state machine and the driver live in other targets.
///
/// RFCs implemented:
/// - RFC 4271 BGP-4: message formats (§4), path attributes (§5), error handling (§6).
/// - RFC 5492 capabilities advertisement; RFC 9072 extended optional parameters length (decoded
///   always, encoded only when the parameters do not fit in 255 octets).
/// - RFC 4760 multiprotocol: MP_REACH_NLRI / MP_UNREACH_NLRI for IPv4 and IPv6 unicast.
/// - RFC 6793 4-octet AS numbers: AS_TRANS, AS4_PATH / AS4_AGGREGATOR and the §4.2.3
///   reconstruction (`PathAttributes.reconstructingFourOctetPath()`).
/// - RFC 2918 route refresh (RFC 7313 subtypes are carried, not interpreted).
/// - RFC 4724 graceful restart capability and End-of-RIB markers.
/// - RFC 1997 communities, with the well-known values of RFC 3765, 7611, 7999, 8326 and 9494;
///   RFC 8092 large communities.
/// - RFC 7606 revised UPDATE error handling; RFC 4486 Cease subcodes; RFC 9003 shutdown
///   communication; RFC 6608 FSM error subcodes; RFC 7313 ROUTE-REFRESH error subcode.
/// - RFC 5065 confederation segments are parsed; RFC 8950 extended next hop and RFC 7911 ADD-PATH
///   capabilities are parsed and encoded.
///
/// Deviations and limits:
/// - RFC 8654 extended messages are not supported: every message is at most 4096 octets.
/// - ADD-PATH path identifiers in NLRI are not supported: the capability is understood, but NLRI
///   are always read without path identifiers, so the FSM must not negotiate ADD-PATH receive.
/// - Only IPv4 and IPv6 unicast NLRI are decoded. An MP_REACH_NLRI / MP_UNREACH_NLRI for any other
///   AFI/SAFI resets the session (3/9); RFC 7606's "AFI/SAFI disable" is not implemented.
/// - RFC 7606 §4 asks for treat-as-withdraw when an attribute overruns the attribute block. The tail
///   past the overrun may hold an MP_REACH_NLRI or MP_UNREACH_NLRI whose NLRI then cannot be
///   located (§5.1 requires session reset in that case), so an overrun always resets the session
///   with Malformed Attribute List (3/1).
/// - AS4_PATH / AS4_AGGREGATOR are decoded as received; merging them into AS_PATH / AGGREGATOR is
///   left to the caller (`reconstructingFourOctetPath()`), so decoding round-trips exactly.
/// - Semantic checks that need session knowledge beyond `BGPCodingContext` (the leftmost AS of an
///   eBGP AS_PATH, a NEXT_HOP equal to the receiving speaker's address) are left to the FSM.
package enum BGPWire {
    /// The BGP version this codec speaks (RFC 4271 §4.2).
    package static let version: UInt8 = 4
    /// The length of the fixed message header: marker, length and type (RFC 4271 §4.1).
    package static let headerLength = 19
    /// The largest message, header included (RFC 4271 §4.1; RFC 8654 is not supported).
    package static let maximumMessageLength = 4096
    /// The 2-octet AS number that stands in for a 4-octet one towards old speakers (RFC 6793 §9).
    package static let asTrans: UInt16 = 23456
}
