/// Subcodes of OPEN Message Error, code 2 (RFC 4271 §4.5, RFC 5492, RFC 9234).
package enum OpenMessageErrorSubcode: UInt8, Sendable, CaseIterable {
    /// A recognized optional parameter is malformed (RFC 4271 §6.2).
    case unspecific = 0
    /// The version is not 4; the data is the largest version supported (RFC 4271 §6.2).
    case unsupportedVersionNumber = 1
    /// The peer's AS is not the configured one (RFC 4271 §6.2).
    case badPeerAS = 2
    /// The BGP identifier is not a valid unicast address (RFC 4271 §6.2, RFC 6286).
    case badBGPIdentifier = 3
    /// An optional parameter type is not recognized (RFC 4271 §6.2).
    case unsupportedOptionalParameter = 4
    /// The hold time is 1 or 2 seconds or otherwise refused (RFC 4271 §6.2).
    case unacceptableHoldTime = 6
    /// A required capability is missing; the data lists it (RFC 5492 §5).
    case unsupportedCapability = 7
    /// The BGP roles do not match (RFC 9234 §4.2).
    case roleMismatch = 11
}
