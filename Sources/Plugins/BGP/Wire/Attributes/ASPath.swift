/// An AS_PATH or AS4_PATH: the ASes a route went through (RFC 4271 §5.1.2).
///
/// AS numbers are always held as 4-octet values; whether they go on the wire in 2 or 4
/// octets is decided when encoding, from `BGPCodingContext.fourOctetAS` (RFC 6793).
package struct ASPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The segments, nearest AS first.
    package var segments: [ASPathSegment]

    /// Creates a path from segments.
    package init(_ segments: [ASPathSegment]) {
        self.segments = segments
    }

    /// A path of one AS_SEQUENCE, or the empty path when `asns` is empty.
    package init(sequence asns: [UInt32]) {
        self.segments = asns.isEmpty ? [] : [ASPathSegment(.sequence, asns)]
    }

    /// A path of one AS_SEQUENCE, written as an array of AS numbers.
    package init(arrayLiteral asns: UInt32...) {
        self.init(sequence: asns)
    }

    /// The empty path, as originated routes carry towards iBGP peers (RFC 4271 §5.1.2).
    package static let empty = ASPath([])

    /// The path length used in route selection (RFC 4271 §9.1.2.2).
    package var pathLength: Int {
        segments.reduce(0) { $0 + $1.pathLength }
    }

    /// Every AS number in the path, in order, whatever its segment.
    package var allASNs: [UInt32] {
        segments.flatMap(\.asns)
    }

    /// Whether any AS number needs 4 octets (RFC 6793 §4.2.2).
    package var needsFourOctets: Bool {
        segments.contains { $0.asns.contains { $0 > UInt32(UInt16.max) } }
    }

    /// Whether any segment is a confederation segment (RFC 5065).
    package var hasConfederationSegments: Bool {
        segments.contains { $0.kind.isConfederation }
    }

    /// The path with `asn` put in front `count` times, as a speaker prepends its own AS (RFC 4271 §5.1.2).
    package func prepending(_ asn: UInt32, count: Int = 1) -> ASPath {
        guard count > 0 else { return self }
        var segments = segments
        if let first = segments.first, first.kind == .sequence {
            segments[0].asns.insert(contentsOf: repeatElement(asn, count: count), at: 0)
        } else {
            segments.insert(ASPathSegment(.sequence, Array(repeating: asn, count: count)), at: 0)
        }
        return ASPath(segments)
    }

    /// BIRD-style text, such as "65001 65002 {65003 65004}".
    package var description: String {
        segments.map(\.description).joined(separator: " ")
    }
}
