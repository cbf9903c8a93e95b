package import NIOCore

/// Writes `BGPMessage`s to a byte stream (RFC 4271 §4).
package struct BGPMessageEncoder: MessageToByteEncoder {
    /// The message type written.
    package typealias OutboundIn = BGPMessage

    /// How UPDATEs are written; the driver sets it once both OPENs are known.
    package var context: BGPCodingContext

    /// Creates an encoder with the given context.
    package init(context: BGPCodingContext = BGPCodingContext()) {
        self.context = context
    }

    /// Appends `data` to `out`; throws `BGPEncodingError` for a message over 4096 octets.
    package func encode(data: BGPMessage, out: inout ByteBuffer) throws {
        try data.encode(into: &out, context: context)
    }
}
