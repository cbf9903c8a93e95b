@testable import BGPWire
import IronLBPluginAPI
import NIOCore
import Testing

@Suite("PathAttributes")
struct PathAttributesTests {
    static let ibgp = BGPCodingContext(fourOctetAS: true, peerIsExternal: false)
    static let oldPeer = BGPCodingContext(fourOctetAS: false, peerIsExternal: true)

    /// The octets of `attributes` encoded alone.
    func encoded(_ attributes: PathAttributes, _ context: BGPCodingContext = BGPCodingContext()) throws -> [UInt8] {
        var buffer = ByteBuffer()
        try attributes.encode(into: &buffer, context: context)
        return Array(buffer: buffer)
    }

    /// Decodes an attribute block alone.
    func decoded(_ bytes: [UInt8], _ context: BGPCodingContext = BGPCodingContext(), hasNLRI: Bool = false) throws -> PathAttributes.Decoded {
        var buffer = ByteBuffer(bytes: bytes)
        return try PathAttributes.decode(block: &buffer, context: context, hasNLRIField: hasNLRI)
    }

    static let singles: [(String, PathAttributes, String)] = [
        ("ORIGIN EGP", PathAttributes(origin: .egp), "40 01 01 01"),
        ("AS_PATH sequence and set", PathAttributes(asPath: ASPath([.init(.sequence, [65001]), .init(.set, [7, 8])])), "40 02 10 02 01 0000fde9 01 02 00000007 00000008"),
        ("NEXT_HOP", PathAttributes(nextHop: ipv4("203.0.113.7")), "40 03 04 cb007107"),
        ("MULTI_EXIT_DISC", PathAttributes(multiExitDiscriminator: 100), "80 04 04 00000064"),
        ("ATOMIC_AGGREGATE", PathAttributes(atomicAggregate: true), "40 06 00"),
        ("AGGREGATOR", PathAttributes(aggregator: Aggregator(asn: 65010, address: ipv4("192.0.2.3"))), "c0 07 08 0000fdf2 c0000203"),
        ("COMMUNITIES", PathAttributes(communities: [Community(asn: 65000, value: 100), .gracefulShutdown]), "c0 08 08 fde80064 ffff0000"),
        ("LARGE_COMMUNITY", PathAttributes(largeCommunities: [LargeCommunity(65000, 1, 2)]), "c0 20 0c 0000fde8 00000001 00000002"),
        ("MP_UNREACH_NLRI", PathAttributes(multiprotocolUnreach: .init(family: .ipv6Unicast, withdrawn: [prefix("2001:db8::/32")])), "80 0f 08 0002 01 20 20010db8"),
    ]

    @Test("Each attribute encodes to its RFC layout and decodes back", arguments: 0..<singles.count)
    func singleAttribute(index: Int) throws {
        let (_, attributes, wire) = Self.singles[index]
        #expect(try encoded(attributes) == hex(wire))
        let result = try decoded(hex(wire))
        #expect(result.attributes == attributes)
        #expect(result.actions.isEmpty)
    }

    @Test("LOCAL_PREF is sent to and read from internal peers only")
    func localPreference() throws {
        let attributes = PathAttributes(localPreference: 300)
        #expect(try encoded(attributes, Self.ibgp) == hex("40 05 04 0000012c"))
        #expect(try encoded(attributes).isEmpty)
        #expect(try decoded(hex("40 05 04 0000012c"), Self.ibgp).attributes == attributes)
    }

    @Test("Towards a 2-octet peer, 4-octet ASNs become AS_TRANS and AS4_PATH / AS4_AGGREGATOR carry the truth")
    func towardsOldPeer() throws {
        let attributes = PathAttributes(
            asPath: [4_200_000_001, 65002],
            aggregator: Aggregator(asn: 4_200_000_001, address: ipv4("192.0.2.3"))
        )
        #expect(try encoded(attributes, Self.oldPeer) == hex("""
            40 02 06 02 02 5ba0 fdea
            c0 07 06 5ba0 c0000203
            c0 11 0a 02 02 fa56ea01 0000fdea
            c0 12 08 fa56ea01 c0000203
            """))
        let received = try decoded(try encoded(attributes, Self.oldPeer), Self.oldPeer)
        #expect(received.actions.isEmpty)
        #expect(received.attributes.asPath == [UInt32(BGPWire.asTrans), 65002])
        #expect(received.attributes.reconstructingFourOctetPath() == attributes)
    }

    @Test("A path of 2-octet ASNs towards a 2-octet peer needs no AS4_PATH")
    func oldPeerSmallASNs() throws {
        #expect(try encoded(PathAttributes(asPath: [65001]), Self.oldPeer) == hex("40 02 04 02 01 fde9"))
    }

    @Test("Unknown optional transitive attributes are kept and sent on with the Partial bit")
    func unknownTransitive() throws {
        let result = try decoded(hex("c0 63 02 abcd"))
        #expect(result.attributes.unknown == [RawPathAttribute(flags: .optionalTransitive, code: PathAttributeCode(rawValue: 99), value: [0xab, 0xcd])])
        #expect(try encoded(result.attributes) == hex("e0 63 02 abcd"))
    }

    @Test("Unknown optional non-transitive attributes are dropped quietly, with a note")
    func unknownNonTransitive() throws {
        let result = try decoded(hex("80 63 02 abcd"))
        #expect(result.attributes.isEmpty)
        #expect(result.actions.isEmpty)
        #expect(result.notes == [.unrecognizedNonTransitiveDropped(PathAttributeCode(rawValue: 99))])
    }

    @Test("The Extended Length bit is accepted on short attributes (RFC 7606 §3)")
    func extendedLengthAccepted() throws {
        #expect(try decoded(hex("50 01 0001 02")).attributes.origin == .incomplete)
    }

    @Test("Values over 255 octets get the Extended Length bit")
    func extendedLengthWritten() throws {
        let communities = (0..<70).map { Community(rawValue: UInt32($0)) }
        let bytes = try encoded(PathAttributes(communities: communities))
        #expect(Array(bytes.prefix(4)) == hex("d0 08 0118"))
        #expect(try decoded(bytes).attributes.communities == communities)
    }

    @Test("MP_REACH_NLRI and MP_UNREACH_NLRI are encoded before the other attributes (RFC 7606 §5.1)")
    func multiprotocolFirst() throws {
        let attributes = PathAttributes(
            origin: .igp,
            multiprotocolReach: .init(family: .ipv6Unicast, nextHop: .init(global: .v6(ipv6("2001:db8::1"))), nlri: [])
        )
        #expect(try encoded(attributes).first == 0x80)
        #expect(try encoded(attributes)[1] == 14)
    }

    @Test("IPv4 NLRI in MP_REACH_NLRI with an IPv6 next hop (RFC 8950) round-trips")
    func extendedNextHop() throws {
        let attributes = PathAttributes(multiprotocolReach: .init(
            family: .ipv4Unicast, nextHop: .init(global: .v6(ipv6("2001:db8::1"))), nlri: [prefix("192.0.2.0/24")]
        ))
        #expect(try decoded(try encoded(attributes)).attributes == attributes)
    }

    @Test("The attribute table has one descriptor per code, with unique names")
    func tableIsConsistent() {
        let codes = PathAttributeTable.descriptors.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(Set(PathAttributeTable.descriptors.map(\.name)).count == codes.count)
        for descriptor in PathAttributeTable.descriptors {
            #expect(PathAttributeTable.descriptor(for: descriptor.code)?.name == descriptor.name)
        }
        #expect("\(PathAttributeCode.asPath)" == "AS_PATH")
        #expect("\(PathAttributeCode(rawValue: 200))" == "attribute 200")
    }
}
