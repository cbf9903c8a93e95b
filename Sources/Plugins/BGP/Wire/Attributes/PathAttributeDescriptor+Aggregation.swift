import IronLBPluginAPI
import NIOCore

extension PathAttributeDescriptor {
    /// ATOMIC_AGGREGATE (6): no value; the route is a less specific aggregate (RFC 4271 §5.1.6).
    static let atomicAggregate = PathAttributeDescriptor(
        code: .atomicAggregate,
        name: "ATOMIC_AGGREGATE",
        flags: .wellKnown,
        // RFC 7606 §7.6: an ATOMIC_AGGREGATE whose length is not 0 is attribute-discard.
        whenMalformed: .attributeDiscard,
        decode: { value, state throws(AttributeValueError) in
            guard value.readableBytes == 0 else {
                throw AttributeValueError(.length, "length \(value.readableBytes), expected 0")
            }
            state.attributes.atomicAggregate = true
        },
        encode: { attributes, _, _ in attributes.atomicAggregate }
    )

    /// AGGREGATOR (7): AS (2 or 4 octets, as negotiated) and address of the aggregating speaker
    /// (RFC 4271 §5.1.7, RFC 6793 §4).
    static let aggregator = PathAttributeDescriptor(
        code: .aggregator,
        name: "AGGREGATOR",
        flags: .optionalTransitive,
        // RFC 7606 §7.7: an AGGREGATOR of the wrong length (6 or 8 octets expected) is attribute-discard.
        whenMalformed: .attributeDiscard,
        decode: { value, state throws(AttributeValueError) in
            state.attributes.aggregator = try readAggregator(&value, fourOctet: state.context.fourOctetAS)
        },
        encode: { attributes, context, value in
            guard let aggregator = attributes.aggregator else { return false }
            writeAggregator(aggregator, into: &value, fourOctet: context.fourOctetAS)
            return true
        }
    )

    /// AS4_AGGREGATOR (18): the 4-octet AGGREGATOR alongside a 2-octet one (RFC 6793 §3).
    static let as4Aggregator = PathAttributeDescriptor(
        code: .as4Aggregator,
        name: "AS4_AGGREGATOR",
        flags: .optionalTransitive,
        // RFC 6793 §6: a malformed AS4_AGGREGATOR is discarded, not fatal.
        whenMalformed: .attributeDiscard,
        decode: { value, state throws(AttributeValueError) in
            // RFC 6793 §4.1: AS4_AGGREGATOR between two 4-octet speakers is discarded.
            guard !state.context.fourOctetAS else {
                throw AttributeValueError(.unexpected, "received from a 4-octet AS speaker")
            }
            state.attributes.as4Aggregator = try readAggregator(&value, fourOctet: true)
        },
        encode: { attributes, context, value in
            // RFC 6793 §4.1: a 4-octet speaker never sends AS4_AGGREGATOR to another one.
            guard !context.fourOctetAS else { return false }
            // RFC 6793 §4.2.2: towards a 2-octet speaker, send it when AGGREGATOR needed AS_TRANS.
            let needed = attributes.aggregator.flatMap { $0.asn > UInt32(UInt16.max) ? $0 : nil }
            guard let aggregator = attributes.as4Aggregator ?? needed else { return false }
            writeAggregator(aggregator, into: &value, fourOctet: true)
            return true
        }
    )

    /// Reads an AS of 2 or 4 octets and an IPv4 address.
    static func readAggregator(_ value: inout ByteBuffer, fourOctet: Bool) throws(AttributeValueError) -> Aggregator {
        let expected = fourOctet ? 8 : 6
        guard value.readableBytes == expected else {
            throw AttributeValueError(.length, "length \(value.readableBytes), expected \(expected)")
        }
        let asn = fourOctet ? value.readInteger(as: UInt32.self)! : UInt32(value.readInteger(as: UInt16.self)!)
        return Aggregator(asn: asn, address: IPv4Address(value.readInteger(as: UInt32.self)!))
    }

    /// Writes an AS of 4 octets, or of 2 with AS_TRANS standing in (RFC 6793 §4.2.2), and the address.
    static func writeAggregator(_ aggregator: Aggregator, into value: inout ByteBuffer, fourOctet: Bool) {
        if fourOctet {
            value.writeInteger(aggregator.asn)
        } else {
            value.writeInteger(aggregator.asn > UInt32(UInt16.max) ? BGPWire.asTrans : UInt16(aggregator.asn))
        }
        value.writeInteger(aggregator.address.rawValue)
    }
}
