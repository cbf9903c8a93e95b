/// A path attribute this codec does not know, kept as received (RFC 4271 §5, §9.1.2).
///
/// Only optional transitive ones are kept; they are sent on with the Partial bit set
/// because this speaker did not understand them (RFC 4271 §5).
package struct RawPathAttribute: Hashable, Sendable {
    /// The flags as received, less Extended Length, which is chosen again when encoding.
    package var flags: PathAttributeFlags
    /// The type code.
    package var code: PathAttributeCode
    /// The value octets.
    package var value: [UInt8]

    /// Creates an attribute.
    package init(flags: PathAttributeFlags, code: PathAttributeCode, value: [UInt8]) {
        self.flags = flags
        self.code = code
        self.value = value
    }
}
