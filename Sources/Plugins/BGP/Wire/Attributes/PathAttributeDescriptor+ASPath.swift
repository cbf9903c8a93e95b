import NIOCore

extension PathAttributeDescriptor {
    /// AS_PATH (2): segments of 2- or 4-octet AS numbers, as negotiated (RFC 4271 §5.1.2, RFC 6793).
    static let asPath = PathAttributeDescriptor(
        code: .asPath,
        name: "AS_PATH",
        flags: .wellKnown,
        // RFC 7606 §7.2: a malformed AS_PATH is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            let path = try ASPath.decode(from: &value, asnWidth: state.context.fourOctetAS ? 4 : 2)
            // RFC 7606 §7.2: confederation segments from an external peer are treat-as-withdraw.
            if state.context.peerIsExternal && path.hasConfederationSegments {
                throw AttributeValueError(.unexpected, "confederation segment from an external peer")
            }
            state.attributes.asPath = path
        },
        encode: { attributes, context, value in
            guard let path = attributes.asPath else { return false }
            path.encode(into: &value, fourOctet: context.fourOctetAS)
            return true
        }
    )

    /// AS4_PATH (17): the true 4-octet path alongside a 2-octet AS_PATH (RFC 6793 §3).
    static let as4Path = PathAttributeDescriptor(
        code: .as4Path,
        name: "AS4_PATH",
        flags: .optionalTransitive,
        // RFC 6793 §6: a malformed AS4_PATH is discarded, not fatal.
        whenMalformed: .attributeDiscard,
        decode: { value, state throws(AttributeValueError) in
            // RFC 6793 §4.1: AS4_PATH between two 4-octet speakers is discarded.
            guard !state.context.fourOctetAS else {
                throw AttributeValueError(.unexpected, "received from a 4-octet AS speaker")
            }
            let path = try ASPath.decode(from: &value, asnWidth: 4)
            // RFC 6793 §6: confederation segments in AS4_PATH are discarded.
            state.attributes.as4Path = path.withoutConfederationSegments
        },
        encode: { attributes, context, value in
            // RFC 6793 §4.1: a 4-octet speaker never sends AS4_PATH to another one.
            guard !context.fourOctetAS else { return false }
            // RFC 6793 §4.2.2: towards a 2-octet speaker, send AS4_PATH when AS_PATH needed AS_TRANS.
            guard let path = attributes.as4Path ?? attributes.asPath.flatMap({ $0.needsFourOctets ? $0 : nil }) else {
                return false
            }
            path.withoutConfederationSegments.encode(into: &value, fourOctet: true)
            return true
        }
    )
}
