import NIOCore

extension PathAttributeDescriptor {
    /// MULTI_EXIT_DISC (4): a 4-octet metric for the neighbouring AS (RFC 4271 §5.1.4).
    static let multiExitDiscriminator = PathAttributeDescriptor(
        code: .multiExitDiscriminator,
        name: "MULTI_EXIT_DISC",
        flags: .optionalNonTransitive,
        // RFC 7606 §7.4: a MULTI_EXIT_DISC whose length is not 4 is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            state.attributes.multiExitDiscriminator = try readFourOctets(&value)
        },
        encode: { attributes, _, value in
            guard let metric = attributes.multiExitDiscriminator else { return false }
            value.writeInteger(metric)
            return true
        }
    )

    /// LOCAL_PREF (5): a 4-octet preference inside the AS (RFC 4271 §5.1.5).
    static let localPreference = PathAttributeDescriptor(
        code: .localPreference,
        name: "LOCAL_PREF",
        flags: .wellKnown,
        // RFC 7606 §7.5: a LOCAL_PREF whose length is not 4 is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            let preference = try readFourOctets(&value)
            // RFC 7606 §7.5: LOCAL_PREF from an external peer is attribute-discard.
            if state.context.peerIsExternal {
                throw AttributeValueError(.unexpected, "received from an external peer", handling: .attributeDiscard)
            }
            state.attributes.localPreference = preference
        },
        encode: { attributes, context, value in
            // RFC 4271 §5.1.5: LOCAL_PREF is never sent to an external peer.
            guard let preference = attributes.localPreference, !context.peerIsExternal else { return false }
            value.writeInteger(preference)
            return true
        }
    )

    /// Reads a value that must be exactly one 4-octet integer.
    static func readFourOctets(_ value: inout ByteBuffer) throws(AttributeValueError) -> UInt32 {
        guard value.readableBytes == 4 else {
            throw AttributeValueError(.length, "length \(value.readableBytes), expected 4")
        }
        return value.readInteger(as: UInt32.self)!
    }
}
