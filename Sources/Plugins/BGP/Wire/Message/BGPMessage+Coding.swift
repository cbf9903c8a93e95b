package import NIOCore

extension BGPMessage {
    /// Decodes one whole message from the front of `buffer`, or returns `nil` and consumes
    /// nothing if the message has not fully arrived.
    ///
    /// - Throws: `BGPMessageError` with the NOTIFICATION to send when the message is so wrong
    ///   that the session must be reset. Once thrown, the stream is out of sync: close it.
    package static func decode(
        from buffer: inout ByteBuffer,
        context: BGPCodingContext = BGPCodingContext()
    ) throws(BGPMessageError) -> BGPMessage? {
        guard let header = try BGPMessageHeader.peek(in: buffer) else { return nil }
        guard buffer.readableBytes >= header.length else { return nil }
        var message = buffer.readSlice(length: header.length)!
        let whole = message
        message.moveReaderIndex(forwardBy: BGPWire.headerLength)
        switch header.type {
        case .open:
            return .open(try BGPOpen.decode(body: &message))
        case .update:
            return .update(try BGPUpdate.decode(body: &message, context: context))
        case .notification:
            return .notification(BGPNotification.decode(body: &message))
        case .keepalive:
            return .keepalive
        case .routeRefresh:
            return .routeRefresh(try BGPRouteRefresh.decode(body: &message, wholeMessage: whole))
        }
    }

    /// Appends the message, header included, to `buffer`.
    ///
    /// - Throws: `BGPEncodingError` if the message would exceed 4096 octets or a field cannot be
    ///   encoded; `buffer` is then left as it was.
    package func encode(
        into buffer: inout ByteBuffer,
        context: BGPCodingContext = BGPCodingContext()
    ) throws(BGPEncodingError) {
        let start = buffer.writerIndex
        do throws(BGPEncodingError) {
            let lengthIndex = BGPMessageHeader.begin(type, in: &buffer)
            switch self {
            case .open(let open): try open.encode(body: &buffer)
            case .update(let update): try update.encode(body: &buffer, context: context)
            case .notification(let notification): notification.encode(body: &buffer)
            case .keepalive: break
            case .routeRefresh(let refresh): refresh.encode(body: &buffer)
            }
            try BGPMessageHeader.finish(lengthIndex: lengthIndex, in: &buffer)
        } catch {
            buffer.moveWriterIndex(to: start)
            throw error
        }
    }

    /// The message encoded in a new buffer.
    package func encoded(context: BGPCodingContext = BGPCodingContext()) throws(BGPEncodingError) -> ByteBuffer {
        var buffer = ByteBuffer()
        try encode(into: &buffer, context: context)
        return buffer
    }
}
