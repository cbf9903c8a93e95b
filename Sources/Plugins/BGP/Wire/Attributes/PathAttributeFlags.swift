/// The Attribute Flags octet of a path attribute (RFC 4271 §4.3).
package struct PathAttributeFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The octet as it is on the wire.
    package var rawValue: UInt8

    /// Wraps an octet from the wire.
    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Set for optional attributes, clear for well-known ones.
    package static let optional = Self(rawValue: 0x80)
    /// Set for transitive attributes; always set on well-known ones.
    package static let transitive = Self(rawValue: 0x40)
    /// Set when some speaker on the path passed an optional transitive attribute on unrecognized.
    package static let partial = Self(rawValue: 0x20)
    /// Set when the length field is two octets.
    package static let extendedLength = Self(rawValue: 0x10)

    /// Well-known attributes: not optional, transitive.
    package static let wellKnown: Self = [.transitive]
    /// Optional transitive attributes.
    package static let optionalTransitive: Self = [.optional, .transitive]
    /// Optional non-transitive attributes.
    package static let optionalNonTransitive: Self = [.optional]

    /// The Optional and Transitive bits, the two whose conflict with the code is an error (RFC 7606 §3).
    package var category: Self {
        intersection([.optional, .transitive])
    }

    /// Letters for the set bits, as in "OT-E" for optional transitive with extended length.
    package var description: String {
        (contains(.optional) ? "O" : "-") + (contains(.transitive) ? "T" : "-")
            + (contains(.partial) ? "P" : "-") + (contains(.extendedLength) ? "E" : "-")
    }
}
