import NIOCore

/// Everything the codec knows about one path attribute: its code, name, flags, what a
/// malformed value costs, and how its value is read and written (after BIRD's `attrs.c`).
///
/// Descriptors only read and write values; the header, lengths, flags, duplicates and unknown
/// attributes are handled once for all in `PathAttributes.decode` and `PathAttributes.encode`.
struct PathAttributeDescriptor: Sendable {
    /// Reads a value, which is exactly the attribute's value octets, into `state`; throws
    /// without touching `state.attributes` when the value is malformed.
    typealias Decode = @Sendable (inout ByteBuffer, inout AttributeDecodingState) throws(AttributeValueError) -> Void
    /// Writes the value for `attributes` and returns `true`, or returns `false` when the attribute
    /// is absent or must not be sent in `context`.
    typealias Encode = @Sendable (PathAttributes, BGPCodingContext, inout ByteBuffer) throws(BGPEncodingError) -> Bool

    /// The type code.
    let code: PathAttributeCode
    /// The RFC name, such as "AS_PATH".
    let name: String
    /// The Optional and Transitive bits the code requires.
    let flags: PathAttributeFlags
    /// What the RFCs prescribe when the value is malformed.
    let whenMalformed: MalformedAttributeHandling
    /// Reads the value.
    let decode: Decode
    /// Writes the value.
    let encode: Encode
}

/// The running result of the validation loop, handed to each descriptor's `decode`.
struct AttributeDecodingState {
    /// The session's coding context.
    let context: BGPCodingContext
    /// The attributes decoded so far.
    var attributes = PathAttributes()
    /// Harmless oddities found so far.
    var notes: [UpdateNote] = []
}
