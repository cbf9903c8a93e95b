/// Subcodes of Message Header Error, code 1 (RFC 4271 §4.5).
package enum MessageHeaderErrorSubcode: UInt8, Sendable, CaseIterable {
    /// The marker is not all ones (RFC 4271 §6.1).
    case connectionNotSynchronized = 1
    /// The length is out of range or wrong for the type; the data is the length (RFC 4271 §6.1).
    case badMessageLength = 2
    /// The type is unknown; the data is the type (RFC 4271 §6.1).
    case badMessageType = 3
}
