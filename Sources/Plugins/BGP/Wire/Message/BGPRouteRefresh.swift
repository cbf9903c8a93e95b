import NIOCore

/// A ROUTE-REFRESH message: a request to resend the routes of one family (RFC 2918 §3).
package struct BGPRouteRefresh: Hashable, Sendable {
    /// The family whose routes are asked for.
    package var family: RouteFamily
    /// The RFC 7313 subtype (0 request, 1 BoRR, 2 EoRR); the octet RFC 2918 calls Reserved.
    package var subtype: UInt8

    /// Creates a request for `family`.
    package init(family: RouteFamily, subtype: UInt8 = 0) {
        self.family = family
        self.subtype = subtype
    }

    /// Reads the body: AFI (2), subtype (1), SAFI (1).
    static func decode(body: inout ByteBuffer, wholeMessage: ByteBuffer) throws(BGPMessageError) -> BGPRouteRefresh {
        // RFC 7313 §5: a body that is not 4 octets is an Invalid Message Length, with the message as data.
        guard body.readableBytes == 4,
            let afi = body.readInteger(as: UInt16.self),
            let subtype = body.readInteger(as: UInt8.self),
            let safi = body.readInteger(as: UInt8.self)
        else {
            let data = wholeMessage.getBytes(at: wholeMessage.readerIndex, length: wholeMessage.readableBytes) ?? []
            throw BGPMessageError(
                .routeRefreshMessageError(.invalidMessageLength, data: data),
                reason: "ROUTE-REFRESH body is \(body.readableBytes) octets, not 4"
            )
        }
        return BGPRouteRefresh(family: RouteFamily(afi: afi, safi: safi), subtype: subtype)
    }

    /// Writes the body.
    func encode(body: inout ByteBuffer) {
        body.writeInteger(family.afi)
        body.writeInteger(subtype)
        body.writeInteger(family.safi)
    }
}
