package import NIOCore

/// The fixed 19-octet header of every message: marker, length, type (RFC 4271 §4.1).
package struct BGPMessageHeader: Hashable, Sendable {
    /// The whole message's length, header included: 19...4096.
    package var length: Int
    /// The message type.
    package var type: BGPMessageType

    /// Reads and checks the header at the start of `buffer` without consuming anything.
    ///
    /// Returns `nil` while fewer than 19 octets are readable. The length is checked against the
    /// limits and the type before anything else trusts it.
    package static func peek(in buffer: ByteBuffer) throws(BGPMessageError) -> BGPMessageHeader? {
        guard buffer.readableBytes >= BGPWire.headerLength else { return nil }
        let start = buffer.readerIndex
        // RFC 4271 §6.1: a marker that is not all ones means the connection is not synchronized.
        for offset in 0..<16 where buffer.getInteger(at: start + offset, as: UInt8.self) != 0xFF {
            throw .header(.connectionNotSynchronized, "marker is not all ones")
        }
        let rawLength = buffer.getInteger(at: start + 16, as: UInt16.self)!
        let rawType = buffer.getInteger(at: start + 18, as: UInt8.self)!
        let length = Int(rawLength)
        let lengthData = [UInt8(truncatingIfNeeded: rawLength >> 8), UInt8(truncatingIfNeeded: rawLength)]
        // RFC 4271 §6.1: a length below 19 or above 4096 is a Bad Message Length, with the length as data.
        guard (BGPWire.headerLength...BGPWire.maximumMessageLength).contains(length) else {
            throw .header(.badMessageLength, data: lengthData, "length \(length) is outside 19...4096")
        }
        // RFC 4271 §6.1: an unrecognized type is a Bad Message Type, with the type as data.
        guard let type = BGPMessageType(rawValue: rawType) else {
            throw .header(.badMessageType, data: [rawType], "unknown message type \(rawType)")
        }
        // RFC 4271 §6.1: a length too short (or, for KEEPALIVE, not 19) for the type is a Bad Message Length.
        guard (type.minimumLength...type.maximumLength).contains(length) else {
            throw .header(.badMessageLength, data: lengthData, "length \(length) is invalid for \(type)")
        }
        return BGPMessageHeader(length: length, type: type)
    }

    /// Writes a header with a placeholder length; returns the index to patch with `finish`.
    static func begin(_ type: BGPMessageType, in buffer: inout ByteBuffer) -> Int {
        buffer.writeRepeatingByte(0xFF, count: 16)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt16(0))
        buffer.writeInteger(type.rawValue)
        return lengthIndex
    }

    /// Patches the length of the message begun at `lengthIndex`, refusing one over 4096 octets.
    static func finish(lengthIndex: Int, in buffer: inout ByteBuffer) throws(BGPEncodingError) {
        let length = buffer.writerIndex - (lengthIndex - 16)
        guard length <= BGPWire.maximumMessageLength else { throw .messageTooLong(length: length) }
        buffer.setInteger(UInt16(length), at: lengthIndex)
    }
}
