package import NIOCore

/// Frames a TCP byte stream into `BGPMessage`s (RFC 4271 §4.1).
///
/// A partial message consumes nothing. Every length is checked before it is trusted; a
/// message that must reset the session throws `BGPMessageError`, after which the stream is
/// out of sync and the driver sends `error.notification` and closes the connection.
///
/// Built with the local OPEN, the decoder adopts the negotiated `BGPCodingContext` as soon as
/// it decodes the peer's OPEN, so UPDATEs that follow are read correctly without the driver
/// reaching into a `ByteToMessageHandler`.
package struct BGPMessageDecoder: NIOSingleStepByteToMessageDecoder {
    /// The decoded message type.
    package typealias InboundOut = BGPMessage

    /// How UPDATEs are read.
    package var context: BGPCodingContext
    /// The OPEN this speaker sent, used to negotiate `context` from the peer's OPEN.
    package var localOpen: BGPOpen?

    /// Creates a decoder with a fixed context.
    package init(context: BGPCodingContext = BGPCodingContext()) {
        self.context = context
        self.localOpen = nil
    }

    /// Creates a decoder that negotiates its context from `localOpen` and the peer's OPEN.
    package init(localOpen: BGPOpen) {
        self.context = BGPCodingContext()
        self.localOpen = localOpen
    }

    /// Decodes the next whole message, or returns `nil` without consuming a partial one.
    package mutating func decode(buffer: inout ByteBuffer) throws -> BGPMessage? {
        let message = try BGPMessage.decode(from: &buffer, context: context)
        if case .open(let peerOpen) = message, let localOpen {
            context = .negotiated(local: localOpen, peer: peerOpen)
        }
        return message
    }

    /// Decodes what is left at end of stream; a trailing partial message is left in `buffer`.
    package mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> BGPMessage? {
        try decode(buffer: &buffer)
    }
}
