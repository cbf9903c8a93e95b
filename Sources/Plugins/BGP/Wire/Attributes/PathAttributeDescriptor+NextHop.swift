import IronLBPluginAPI
import NIOCore

extension PathAttributeDescriptor {
    /// NEXT_HOP (3): the IPv4 address to forward to for the NLRI field's prefixes (RFC 4271 §5.1.3).
    static let nextHop = PathAttributeDescriptor(
        code: .nextHop,
        name: "NEXT_HOP",
        flags: .wellKnown,
        // RFC 7606 §7.3: a malformed or semantically invalid NEXT_HOP is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            guard value.readableBytes == 4 else {
                throw AttributeValueError(.length, "length \(value.readableBytes), expected 4")
            }
            let address = IPv4Address(value.readInteger(as: UInt32.self)!)
            // RFC 4271 §6.3: the next hop must be a valid host address: not 0/8, multicast or broadcast.
            guard address.rawValue >> 24 != 0, address.rawValue >> 28 != 0xE, address.rawValue != .max else {
                throw AttributeValueError(.value, "\(address) is not a host address")
            }
            state.attributes.nextHop = address
        },
        encode: { attributes, _, value in
            guard let nextHop = attributes.nextHop else { return false }
            value.writeInteger(nextHop.rawValue)
            return true
        }
    )
}
