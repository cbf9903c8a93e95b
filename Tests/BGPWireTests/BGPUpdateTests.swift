@testable import BGPWire
import IronLBPluginAPI
import Testing

@Suite("BGPUpdate")
struct BGPUpdateTests {
    /// A BIRD-style IPv6 announcement, hand-assembled: MP_REACH_NLRI first, global and
    /// link-local next hop, 2001:db8:1::/48.
    static let ipv6Announcement = updateMessage(attributes: hex("""
        90 0e 002c                       -- MP_REACH_NLRI, optional, extended length, 44 octets
          0002 01 20                     -- AFI IPv6, SAFI unicast, next hop length 32
          20010db8000000000000000000000001   -- global 2001:db8::1
          fe800000000000000000000000000001   -- link-local fe80::1
          00                             -- reserved
          30 20010db80001                -- 2001:db8:1::/48
        40 01 01 00                      -- ORIGIN IGP
        40 02 0a 02 02 0000fde9 0000fdea -- AS_PATH 65001 65002
        """))

    @Test("The RFC 4271 §4.3 layout: withdrawn routes, attributes, NLRI")
    func ipv4Vector() throws {
        let bytes = updateMessage(withdrawn: hex("20 c0000263"), attributes: Wire.mandatory, nlri: Wire.nlri24 + hex("00"))
        let update = try decodeUpdate(bytes)
        #expect(update.withdrawnRoutes == [prefix("192.0.2.99/32")])
        #expect(update.nlri == [prefix("198.51.100.0/24"), prefix("0.0.0.0/0")])
        #expect(update.attributes == PathAttributes(origin: .igp, asPath: [65001], nextHop: ipv4("192.0.2.1")))
        #expect(update.errors.isEmpty)
        #expect(try encode(.update(update)) == bytes)
    }

    @Test("A BIRD-style IPv6 announcement decodes and re-encodes to the same octets")
    func ipv6Vector() throws {
        let update = try decodeUpdate(Self.ipv6Announcement)
        let reach = MultiprotocolReach(
            family: .ipv6Unicast,
            nextHop: MultiprotocolNextHop(global: .v6(ipv6("2001:db8::1")), linkLocal: ipv6("fe80::1")),
            nlri: [prefix("2001:db8:1::/48")]
        )
        #expect(update.attributes.multiprotocolReach == reach)
        #expect(update.announcedPrefixes == [prefix("2001:db8:1::/48")])
        #expect(update.attributes.nextHop == nil)
        #expect(update.errors.isEmpty)
        // The value is 44 octets, so this encoder uses a 1-octet length where BIRD used 2.
        let reencoded = try encode(.update(update))
        #expect(try decodeUpdate(reencoded) == update)
        #expect(reencoded.count == Self.ipv6Announcement.count - 1)
    }

    @Test("An UPDATE with every known attribute round-trips on an iBGP 4-octet session")
    func fullRoundTrip() throws {
        let context = BGPCodingContext(fourOctetAS: true, peerIsExternal: false)
        let update = BGPUpdate(
            withdrawnRoutes: [prefix("10.0.0.0/8")],
            attributes: PathAttributes(
                origin: .incomplete, asPath: ASPath([.init(.sequence, [4_200_000_001, 65002]), .init(.set, [1, 2])]),
                nextHop: ipv4("192.0.2.1"), multiExitDiscriminator: 50, localPreference: 200,
                atomicAggregate: true, aggregator: Aggregator(asn: 4_200_000_001, address: ipv4("192.0.2.9")),
                communities: [.noExport, Community(asn: 65000, value: 100)],
                largeCommunities: [LargeCommunity(4_200_000_001, 1, 2)],
                multiprotocolReach: MultiprotocolReach(family: .ipv6Unicast, nextHop: .init(global: .v6(ipv6("2001:db8::1"))), nlri: [prefix("2001:db8::/32")]),
                multiprotocolUnreach: MultiprotocolUnreach(family: .ipv6Unicast, withdrawn: [prefix("2001:db8:ffff::/48")]),
                unknown: [RawPathAttribute(flags: [.optional, .transitive, .partial], code: PathAttributeCode(rawValue: 99), value: [1, 2, 3])]
            ),
            nlri: [prefix("192.0.2.0/24")]
        )
        #expect(try roundTrip(.update(update), context: context) == .update(update))
    }

    @Test("The IPv4 End-of-RIB is an UPDATE of 23 octets")
    func ipv4EndOfRIB() throws {
        let bytes = try encode(.update(.endOfRIB(.ipv4Unicast)))
        #expect(bytes == message(type: 2, body: [0, 0, 0, 0]))
        #expect(try decodeUpdate(bytes).endOfRIBFamily == .ipv4Unicast)
    }

    @Test("The IPv6 End-of-RIB is an UPDATE with only an empty MP_UNREACH_NLRI")
    func ipv6EndOfRIB() throws {
        let bytes = try encode(.update(.endOfRIB(.ipv6Unicast)))
        #expect(bytes == updateMessage(attributes: hex("80 0f 03 0002 01")))
        #expect(try decodeUpdate(bytes).endOfRIBFamily == .ipv6Unicast)
    }

    @Test("Ordinary UPDATEs are not End-of-RIB markers")
    func notEndOfRIB() throws {
        #expect(try decodeUpdate(updateMessage(attributes: Wire.mandatory, nlri: Wire.nlri24)).endOfRIBFamily == nil)
        #expect(BGPUpdate(withdrawnRoutes: [prefix("10.0.0.0/8")]).endOfRIBFamily == nil)
        let withdrawal = BGPUpdate(attributes: PathAttributes(multiprotocolUnreach: .init(family: .ipv6Unicast, withdrawn: [prefix("2001:db8::/32")])))
        #expect(withdrawal.endOfRIBFamily == nil)
    }

    @Test("Host bits past the prefix length are ignored and noted (RFC 4271 §4.3)")
    func hostBits() throws {
        let update = try decodeUpdate(updateMessage(attributes: Wire.mandatory, nlri: hex("17 c63365 | 19 c63364ff | 18 c63364")))
        #expect(update.nlri == [prefix("198.51.100.0/23"), prefix("198.51.100.128/25"), prefix("198.51.100.0/24")])
        #expect(update.notes == [.hostBitsIgnored(prefix("198.51.100.0/23")), .hostBitsIgnored(prefix("198.51.100.128/25"))])
        #expect(update.errors.isEmpty)
    }

    @Test("Treat-as-withdraw turns the announced prefixes into removals")
    func treatAsWithdrawChanges() throws {
        let update = try decodeUpdate(updateMessage(withdrawn: hex("08 0a"), attributes: Wire.asPath65001 + Wire.nextHop, nlri: Wire.nlri24))
        #expect(update.isTreatAsWithdraw)
        let changes = update.effectiveChanges
        #expect(changes.install.isEmpty)
        #expect(changes.remove == [prefix("10.0.0.0/8"), prefix("198.51.100.0/24")])
    }

    @Test("IPv6 prefixes cannot be put in the IPv4 NLRI field")
    func ipv6InClassicField() {
        #expect(throws: BGPEncodingError.self) { try encode(.update(BGPUpdate(nlri: [prefix("2001:db8::/32")]))) }
    }
}
