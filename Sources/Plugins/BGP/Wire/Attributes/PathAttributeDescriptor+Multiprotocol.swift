import IronLBPluginAPI
import NIOCore

extension PathAttributeDescriptor {
    /// MP_REACH_NLRI (14): family, next hop and announced NLRI (RFC 4760 §3).
    static let multiprotocolReach = PathAttributeDescriptor(
        code: .multiprotocolReach,
        name: "MP_REACH_NLRI",
        flags: .optionalNonTransitive,
        // RFC 7606 §7.11: the NLRI cannot be reliably located, so session reset (no AFI/SAFI disable).
        whenMalformed: .sessionReset(.optionalAttributeError),
        decode: { value, state throws(AttributeValueError) in
            guard let (afi, safi, nextHopLength) = value.readMultipleIntegers(as: (UInt16, UInt8, UInt8).self) else {
                throw AttributeValueError(.length, "\(value.readableBytes) octets cannot hold AFI, SAFI and next hop length",
                                          handling: .sessionReset(.attributeLengthError))
            }
            let family = try unicastFamily(afi: afi, safi: safi)
            guard value.readableBytes >= Int(nextHopLength) + 1 else {
                throw AttributeValueError(.length, "next hop of \(nextHopLength) octets and reserved octet overrun the attribute")
            }
            guard let nextHop = MultiprotocolNextHop.read(length: Int(nextHopLength), for: family, from: &value) else {
                throw AttributeValueError(.value, "next hop length \(nextHopLength) is invalid for \(RouteFamily(afi: afi, safi: safi))")
            }
            // RFC 4760 §3: the reserved octet is ignored on receipt.
            value.moveReaderIndex(forwardBy: 1)
            let nlri = try readNLRI(family, from: &value, notes: &state.notes)
            state.attributes.multiprotocolReach = MultiprotocolReach(family: RouteFamily(afi: afi, safi: safi), nextHop: nextHop, nlri: nlri)
        },
        encode: { attributes, _, value throws(BGPEncodingError) in
            guard let reach = attributes.multiprotocolReach else { return false }
            try checkFamily(of: reach.nlri, in: reach.family)
            value.writeMultipleIntegers(reach.family.afi, reach.family.safi, UInt8(reach.nextHop.encodedLength))
            reach.nextHop.write(into: &value)
            value.writeInteger(UInt8(0))
            for prefix in reach.nlri {
                PrefixCoding.write(prefix, into: &value)
            }
            return true
        }
    )

    /// MP_UNREACH_NLRI (15): family and withdrawn NLRI (RFC 4760 §4).
    static let multiprotocolUnreach = PathAttributeDescriptor(
        code: .multiprotocolUnreach,
        name: "MP_UNREACH_NLRI",
        flags: .optionalNonTransitive,
        // RFC 7606 §5.3: withdrawn NLRI that cannot be parsed mean session reset.
        whenMalformed: .sessionReset(.optionalAttributeError),
        decode: { value, state throws(AttributeValueError) in
            guard let (afi, safi) = value.readMultipleIntegers(as: (UInt16, UInt8).self) else {
                throw AttributeValueError(.length, "\(value.readableBytes) octets cannot hold AFI and SAFI",
                                          handling: .sessionReset(.attributeLengthError))
            }
            let family = try unicastFamily(afi: afi, safi: safi)
            let withdrawn = try readNLRI(family, from: &value, notes: &state.notes)
            state.attributes.multiprotocolUnreach = MultiprotocolUnreach(family: RouteFamily(afi: afi, safi: safi), withdrawn: withdrawn)
        },
        encode: { attributes, _, value throws(BGPEncodingError) in
            guard let unreach = attributes.multiprotocolUnreach else { return false }
            try checkFamily(of: unreach.withdrawn, in: unreach.family)
            value.writeMultipleIntegers(unreach.family.afi, unreach.family.safi)
            for prefix in unreach.withdrawn {
                PrefixCoding.write(prefix, into: &value)
            }
            return true
        }
    )

    /// The IP family of IPv4 or IPv6 unicast; any other family resets the session.
    private static func unicastFamily(afi: UInt16, safi: UInt8) throws(AttributeValueError) -> IPFamily {
        // RFC 4760 §7: an AFI/SAFI not negotiated may be treated as an error: 3/9 Optional Attribute Error.
        guard let family = RouteFamily(afi: afi, safi: safi).unicastIPFamily else {
            throw AttributeValueError(.value, "unsupported \(RouteFamily(afi: afi, safi: safi))")
        }
        return family
    }

    /// Reads NLRI; a syntax error resets the session with Invalid Network Field (RFC 7606 §5.3).
    private static func readNLRI(_ family: IPFamily, from value: inout ByteBuffer, notes: inout [UpdateNote]) throws(AttributeValueError) -> [IPPrefix] {
        do {
            return try PrefixCoding.readAll(family, from: &value, notes: &notes)
        } catch {
            throw AttributeValueError(.value, error.detail, handling: .sessionReset(.invalidNetworkField))
        }
    }

    /// Refuses to encode prefixes of another family than the attribute's.
    private static func checkFamily(of prefixes: [IPPrefix], in family: RouteFamily) throws(BGPEncodingError) {
        guard let ipFamily = family.unicastIPFamily else {
            throw .unencodable("cannot encode NLRI of \(family)")
        }
        if let stray = prefixes.first(where: { $0.family != ipFamily }) {
            throw .unencodable("\(stray) is not \(family)")
        }
    }
}
