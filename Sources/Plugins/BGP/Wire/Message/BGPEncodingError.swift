/// A message that cannot be put on the wire as given.
package enum BGPEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The encoded message would be longer than 4096 octets (RFC 4271 §4.1).
    case messageTooLong(length: Int)
    /// A field holds a value its wire format cannot carry.
    case unencodable(String)

    /// What went wrong, for logs.
    package var description: String {
        switch self {
        case .messageTooLong(let length):
            "message of \(length) octets exceeds the \(BGPWire.maximumMessageLength)-octet limit"
        case .unencodable(let reason):
            reason
        }
    }
}
