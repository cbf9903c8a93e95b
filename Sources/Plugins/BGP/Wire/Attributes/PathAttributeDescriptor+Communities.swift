import NIOCore

extension PathAttributeDescriptor {
    /// COMMUNITIES (8): 4-octet communities (RFC 1997).
    static let communities = PathAttributeDescriptor(
        code: .communities,
        name: "COMMUNITIES",
        flags: .optionalTransitive,
        // RFC 7606 §7.8: a COMMUNITIES whose length is not a non-zero multiple of 4 is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            let length = value.readableBytes
            guard length > 0, length % 4 == 0 else {
                throw AttributeValueError(.length, "length \(length) is not a non-zero multiple of 4")
            }
            var communities: [Community] = []
            communities.reserveCapacity(length / 4)
            while let raw = value.readInteger(as: UInt32.self) {
                communities.append(Community(rawValue: raw))
            }
            state.attributes.communities = communities
        },
        encode: { attributes, _, value in
            guard !attributes.communities.isEmpty else { return false }
            for community in attributes.communities {
                value.writeInteger(community.rawValue)
            }
            return true
        }
    )

    /// LARGE_COMMUNITY (32): 12-octet communities (RFC 8092).
    static let largeCommunities = PathAttributeDescriptor(
        code: .largeCommunities,
        name: "LARGE_COMMUNITY",
        flags: .optionalTransitive,
        // RFC 8092 §6: a LARGE_COMMUNITY whose length is not a non-zero multiple of 12 is treat-as-withdraw.
        whenMalformed: .treatAsWithdraw,
        decode: { value, state throws(AttributeValueError) in
            let length = value.readableBytes
            guard length > 0, length % 12 == 0 else {
                throw AttributeValueError(.length, "length \(length) is not a non-zero multiple of 12")
            }
            var communities: [LargeCommunity] = []
            communities.reserveCapacity(length / 12)
            while let (global, local1, local2) = value.readMultipleIntegers(as: (UInt32, UInt32, UInt32).self) {
                communities.append(LargeCommunity(global, local1, local2))
            }
            state.attributes.largeCommunities = communities
        },
        encode: { attributes, _, value in
            guard !attributes.largeCommunities.isEmpty else { return false }
            for community in attributes.largeCommunities {
                value.writeMultipleIntegers(community.globalAdministrator, community.localData1, community.localData2)
            }
            return true
        }
    )
}
