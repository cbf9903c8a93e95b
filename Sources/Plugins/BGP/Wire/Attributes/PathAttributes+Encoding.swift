import NIOCore

extension PathAttributes {
    /// Appends every present attribute, header included, in `PathAttributeTable` order, then the
    /// kept unknown ones with the Partial bit set (RFC 4271 §5).
    func encode(into buffer: inout ByteBuffer, context: BGPCodingContext) throws(BGPEncodingError) {
        var value = ByteBuffer()
        for descriptor in PathAttributeTable.descriptors {
            value.clear()
            guard try descriptor.encode(self, context, &value) else { continue }
            Self.writeAttribute(flags: descriptor.flags, code: descriptor.code, value: &value, into: &buffer)
        }
        for attribute in unknown {
            value.clear()
            value.writeBytes(attribute.value)
            let flags = attribute.flags.union(.partial).subtracting(.extendedLength)
            Self.writeAttribute(flags: flags, code: attribute.code, value: &value, into: &buffer)
        }
    }

    /// Writes flags, code, a 1-octet length or — past 255 octets — a 2-octet one, and the value.
    static func writeAttribute(flags: PathAttributeFlags, code: PathAttributeCode, value: inout ByteBuffer, into buffer: inout ByteBuffer) {
        let length = value.readableBytes
        if length > Int(UInt8.max) {
            buffer.writeMultipleIntegers(flags.union(.extendedLength).rawValue, code.rawValue, UInt16(length))
        } else {
            buffer.writeMultipleIntegers(flags.rawValue, code.rawValue, UInt8(length))
        }
        buffer.writeBuffer(&value)
    }

    /// The octets an attribute header takes for a value of `length` octets.
    static func headerLength(forValueLength length: Int) -> Int {
        length > Int(UInt8.max) ? 4 : 3
    }
}
