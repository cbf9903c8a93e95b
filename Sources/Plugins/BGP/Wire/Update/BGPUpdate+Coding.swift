import IronLBPluginAPI
import NIOCore

extension BGPUpdate {
    /// Reads an UPDATE body, judging it with RFC 7606.
    ///
    /// - Throws: `BGPMessageError` for errors that reset the session.
    static func decode(body: inout ByteBuffer, context: BGPCodingContext) throws(BGPMessageError) -> BGPUpdate {
        // The header check guarantees 4 octets (RFC 4271 §6.1: an UPDATE is at least 23).
        let withdrawnLength = Int(body.readInteger(as: UInt16.self)!)
        // RFC 4271 §6.3: Withdrawn Routes Length + Total Attribute Length + 23 > message length is 3/1.
        guard var withdrawnField = body.readSlice(length: withdrawnLength), body.readableBytes >= 2 else {
            throw .update(.malformedAttributeList, "withdrawn routes length \(withdrawnLength) overruns the message")
        }
        let attributesLength = Int(body.readInteger(as: UInt16.self)!)
        guard var attributeBlock = body.readSlice(length: attributesLength) else {
            throw .update(.malformedAttributeList, "total path attribute length \(attributesLength) overruns the message")
        }
        var nlriField = body

        // RFC 4271 §6.3: error checking begins with the path attributes.
        let decoded = try PathAttributes.decode(block: &attributeBlock, context: context, hasNLRIField: nlriField.readableBytes > 0)
        var notes = decoded.notes
        let withdrawn = try readPrefixes(&withdrawnField, field: "withdrawn routes", notes: &notes)
        let nlri = try readPrefixes(&nlriField, field: "NLRI", notes: &notes)
        return BGPUpdate(withdrawnRoutes: withdrawn, attributes: decoded.attributes, nlri: nlri,
                         errors: decoded.actions, notes: notes)
    }

    /// Reads IPv4 prefixes; RFC 7606 §5.3 makes a syntax error a session reset, sent as
    /// Invalid Network Field (RFC 4271 §6.3).
    private static func readPrefixes(_ field: inout ByteBuffer, field name: String, notes: inout [UpdateNote]) throws(BGPMessageError) -> [IPPrefix] {
        do {
            return try PrefixCoding.readAll(.ipv4, from: &field, notes: &notes)
        } catch {
            throw .update(.invalidNetworkField, "\(name): \(error.detail)")
        }
    }

    /// Writes an UPDATE body.
    func encode(body: inout ByteBuffer, context: BGPCodingContext) throws(BGPEncodingError) {
        if let stray = (withdrawnRoutes + nlri).first(where: { $0.family != .ipv4 }) {
            throw .unencodable("\(stray) cannot go in the IPv4 withdrawn routes or NLRI field; use MP_(UN)REACH_NLRI")
        }
        try Self.writeLengthPrefixed(into: &body) { buffer in
            for prefix in withdrawnRoutes { PrefixCoding.write(prefix, into: &buffer) }
        }
        try Self.writeLengthPrefixed(into: &body) { buffer throws(BGPEncodingError) in
            try attributes.encode(into: &buffer, context: context)
        }
        for prefix in nlri { PrefixCoding.write(prefix, into: &body) }
    }

    /// Writes a 2-octet length followed by what `write` appends.
    private static func writeLengthPrefixed(
        into buffer: inout ByteBuffer,
        _ write: (inout ByteBuffer) throws(BGPEncodingError) -> Void
    ) throws(BGPEncodingError) {
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt16(0))
        try write(&buffer)
        let length = buffer.writerIndex - lengthIndex - 2
        guard length <= Int(UInt16.max) else { throw .messageTooLong(length: length) }
        buffer.setInteger(UInt16(length), at: lengthIndex)
    }
}
