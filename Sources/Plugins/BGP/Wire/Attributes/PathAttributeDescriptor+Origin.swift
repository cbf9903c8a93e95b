import NIOCore

extension PathAttributeDescriptor {
    /// ORIGIN (1): one octet, IGP, EGP or incomplete (RFC 4271 §5.1.1).
    static let origin = PathAttributeDescriptor(
        code: .origin,
        name: "ORIGIN",
        flags: .wellKnown,
        // RFC 7606 §7.1: a malformed ORIGIN (length not 1, undefined value) is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            guard value.readableBytes == 1 else {
                throw AttributeValueError(.length, "length \(value.readableBytes), expected 1")
            }
            let raw = value.readInteger(as: UInt8.self)!
            guard let origin = Origin(rawValue: raw) else {
                throw AttributeValueError(.value, "value \(raw) is undefined")
            }
            state.attributes.origin = origin
        },
        encode: { attributes, _, value in
            guard let origin = attributes.origin else { return false }
            value.writeInteger(origin.rawValue)
            return true
        }
    )
}
