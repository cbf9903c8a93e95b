/// The one table of known path attributes, in the order they are encoded.
///
/// MP_REACH_NLRI and MP_UNREACH_NLRI come first so that a receiver meets the NLRI before any
/// attribute error (RFC 7606 §5.1); the rest follow in type code order.
enum PathAttributeTable {
    /// Every known attribute, in encoding order.
    static let descriptors: [PathAttributeDescriptor] = [
        .multiprotocolReach, .multiprotocolUnreach,
        .origin, .asPath, .nextHop, .multiExitDiscriminator, .localPreference,
        .atomicAggregate, .aggregator, .communities, .as4Path, .as4Aggregator, .largeCommunities,
    ]

    /// The descriptors indexed by type code, for a lookup without hashing.
    private static let byCode: [PathAttributeDescriptor?] = {
        var table = [PathAttributeDescriptor?](repeating: nil, count: 256)
        for descriptor in descriptors {
            table[Int(descriptor.code.rawValue)] = descriptor
        }
        return table
    }()

    /// The descriptor of `code`, or `nil` if the attribute is unknown.
    static func descriptor(for code: PathAttributeCode) -> PathAttributeDescriptor? {
        byCode[Int(code.rawValue)]
    }
}
