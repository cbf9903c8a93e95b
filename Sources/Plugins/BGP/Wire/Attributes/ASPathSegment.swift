/// One segment of an AS_PATH or AS4_PATH (RFC 4271 §4.3, RFC 5065 §3).
package struct ASPathSegment: Hashable, Sendable, CustomStringConvertible {
    /// The segment type.
    package enum Kind: UInt8, Hashable, Sendable {
        /// An unordered set of ASes an aggregate went through.
        case set = 1
        /// The ordered ASes the route went through, nearest first.
        case sequence = 2
        /// An ordered sequence of member ASes inside a confederation (RFC 5065).
        case confederationSequence = 3
        /// An unordered set of member ASes inside a confederation (RFC 5065).
        case confederationSet = 4

        /// Whether this is one of the RFC 5065 confederation kinds.
        package var isConfederation: Bool {
            self == .confederationSequence || self == .confederationSet
        }
    }

    /// The segment type.
    package var kind: Kind
    /// The AS numbers, as 4-octet values whatever the wire encoding.
    package var asns: [UInt32]

    /// Creates a segment.
    package init(_ kind: Kind, _ asns: [UInt32]) {
        self.kind = kind
        self.asns = asns
    }

    /// How much the segment adds to the path length of route selection: each AS of a sequence
    /// counts, a set counts once, confederation segments not at all (RFC 4271 §9.1.2.2, RFC 5065 §5.3).
    package var pathLength: Int {
        switch kind {
        case .sequence: asns.count
        case .set: 1
        case .confederationSequence, .confederationSet: 0
        }
    }

    /// BIRD-style text: "1 2" for a sequence, "{1 2}" for a set, "(1 2)" and "[1 2]" for
    /// confederation sequence and set.
    package var description: String {
        let numbers = asns.map(String.init).joined(separator: " ")
        switch kind {
        case .sequence: return numbers
        case .set: return "{\(numbers)}"
        case .confederationSequence: return "(\(numbers))"
        case .confederationSet: return "[\(numbers)]"
        }
    }
}
