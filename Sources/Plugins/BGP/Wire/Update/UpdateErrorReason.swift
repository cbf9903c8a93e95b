/// Why a received UPDATE (or one of its attributes) was judged erroneous.
package struct UpdateErrorReason: Hashable, Sendable, CustomStringConvertible {
    /// The class of problem, matching the RFC 4271 §6.3 subcode it would once have caused.
    package enum Kind: Hashable, Sendable {
        /// The Optional or Transitive flag conflicts with the type code.
        case flags
        /// The length conflicts with the type code.
        case length
        /// The value is malformed or out of range.
        case value
        /// A well-known mandatory attribute is missing.
        case missing
        /// The attribute appeared more than once; later copies were dropped.
        case duplicate
        /// The attribute is well-formed but not allowed from this peer.
        case unexpected
    }

    /// The attribute concerned.
    package var attribute: PathAttributeCode
    /// The class of problem.
    package var kind: Kind
    /// A human-readable account for logs.
    package var detail: String

    /// Creates a reason.
    package init(attribute: PathAttributeCode, kind: Kind, detail: String) {
        self.attribute = attribute
        self.kind = kind
        self.detail = detail
    }

    /// "ORIGIN: value 3 is undefined".
    package var description: String {
        "\(attribute): \(detail)"
    }
}
