/// Subcodes of UPDATE Message Error, code 3 (RFC 4271 §4.5).
package enum UpdateMessageErrorSubcode: UInt8, Sendable, CaseIterable {
    /// The lengths of the withdrawn routes or attribute block do not fit, or an attribute overruns.
    case malformedAttributeList = 1
    /// A well-known attribute is not recognized; the data is the attribute.
    case unrecognizedWellKnownAttribute = 2
    /// A well-known mandatory attribute is missing; the data is its type code.
    case missingWellKnownAttribute = 3
    /// An attribute's flags conflict with its type code; the data is the attribute.
    case attributeFlagsError = 4
    /// An attribute's length conflicts with its type code; the data is the attribute.
    case attributeLengthError = 5
    /// ORIGIN has an undefined value; the data is the attribute.
    case invalidOriginAttribute = 6
    /// NEXT_HOP is not a valid host address; the data is the attribute.
    case invalidNextHopAttribute = 8
    /// An optional attribute's value is wrong; the data is the attribute.
    case optionalAttributeError = 9
    /// The NLRI field (or withdrawn routes) is syntactically wrong.
    case invalidNetworkField = 10
    /// AS_PATH is syntactically wrong.
    case malformedASPath = 11
}
