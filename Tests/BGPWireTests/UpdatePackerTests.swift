@testable import BGPWire
import IronLBPluginAPI
import NIOCore
import Testing

@Suite("UpdatePacker")
struct UpdatePackerTests {
    static let attributes = PathAttributes(
        origin: .igp, asPath: [65001], nextHop: ipv4("192.0.2.1"),
        communities: [Community(asn: 65000, value: 100)], largeCommunities: [LargeCommunity(65000, 1, 1)]
    )
    static let ipv6NextHop = MultiprotocolNextHop(global: .v6(ipv6("2001:db8::1")), linkLocal: ipv6("fe80::1"))

    /// `count` distinct host prefixes of `family`.
    static func hosts(_ count: Int, _ family: IPFamily) -> [IPPrefix] {
        let base: IPAddress = family == .ipv4 ? .v4(ipv4("10.0.0.0")) : .v6(ipv6("2001:db8::"))
        return (0..<count).map { IPPrefix.host(base.advanced(by: UInt128($0))!) }
    }

    /// Encodes every UPDATE, checks the size limit, and returns the decoded messages.
    func encodeAll(_ updates: [BGPUpdate], limit: Int = 4096) throws -> [BGPUpdate] {
        try updates.map { update in
            let bytes = try encode(.update(update))
            #expect(bytes.count <= limit)
            return try decodeUpdate(bytes)
        }
    }

    /// The octets every UPDATE carrying `attributes` spends besides NLRI.
    func overhead(_ attributes: PathAttributes) throws -> Int {
        try encode(.update(BGPUpdate(attributes: attributes))).count
    }

    @Test("10,000 IPv4 /32s fill the fewest UPDATEs, each ≤ 4096 octets, every prefix exactly once")
    func ipv4Hosts() throws {
        let prefixes = Self.hosts(10_000, .ipv4)
        var rng = SplitMix64(state: 42)
        let updates = try UpdatePacker().announcements(of: prefixes.shuffled(using: &rng), attributes: Self.attributes)
        let perMessage = (4096 - (try overhead(Self.attributes))) / 5
        #expect(updates.count == (10_000 + perMessage - 1) / perMessage)
        let decoded = try encodeAll(updates)
        let announced = decoded.flatMap(\.nlri)
        #expect(announced.count == 10_000)
        #expect(Set(announced) == Set(prefixes))
        #expect(decoded.allSatisfy { $0.attributes == Self.attributes && $0.errors.isEmpty })
        // Every message but the last is full: one more prefix would not have fitted.
        for update in decoded.dropLast() {
            #expect(try encode(.update(update)).count + 5 > 4096)
        }
    }

    @Test("Sorted input (sliced in place) and the same prefixes shuffled and repeated pack alike")
    func sortedInPlace() throws {
        let prefixes = Self.hosts(3_000, .ipv4) + Self.hosts(500, .ipv6)
        var rng = SplitMix64(state: 7)
        let packer = UpdatePacker()
        let messy = (prefixes + prefixes.prefix(40)).shuffled(using: &rng)
        let inPlace = try packer.announcements(of: prefixes, attributes: Self.attributes, ipv6NextHop: Self.ipv6NextHop)
        #expect(inPlace == (try packer.announcements(of: messy, attributes: Self.attributes, ipv6NextHop: Self.ipv6NextHop)))
        #expect(inPlace.flatMap(\.announcedPrefixes) == prefixes)
        #expect(packer.withdrawals(of: prefixes) == packer.withdrawals(of: messy))
    }

    @Test("10,000 IPv6 /128s go in MP_REACH_NLRI without NEXT_HOP, in the fewest UPDATEs")
    func ipv6Hosts() throws {
        let prefixes = Self.hosts(10_000, .ipv6)
        let updates = try UpdatePacker().announcements(of: prefixes, attributes: Self.attributes, ipv6NextHop: Self.ipv6NextHop)
        var withoutNLRI = Self.attributes
        withoutNLRI.nextHop = nil
        withoutNLRI.multiprotocolReach = MultiprotocolReach(family: .ipv6Unicast, nextHop: Self.ipv6NextHop, nlri: [])
        // The attribute header grows to 4 octets once MP_REACH_NLRI passes 255 octets.
        let perMessage = (4096 - (try overhead(withoutNLRI)) - 1) / 17
        #expect(updates.count == (10_000 + perMessage - 1) / perMessage)
        let decoded = try encodeAll(updates)
        #expect(decoded.allSatisfy { $0.attributes.nextHop == nil && $0.nlri.isEmpty })
        let announced = decoded.flatMap(\.announcedPrefixes)
        #expect(announced.count == 10_000)
        #expect(Set(announced) == Set(prefixes))
    }

    @Test("Withdrawals of 10,000 IPv4 /32s use the Withdrawn Routes field, 814 per UPDATE")
    func ipv4Withdrawals() throws {
        let prefixes = Self.hosts(10_000, .ipv4)
        let updates = UpdatePacker().withdrawals(of: prefixes)
        #expect(updates.count == (10_000 + 813) / 814)
        let decoded = try encodeAll(updates)
        #expect(Set(decoded.flatMap(\.withdrawnRoutes)) == Set(prefixes))
        #expect(decoded.flatMap(\.withdrawnRoutes).count == 10_000)
        #expect(decoded.allSatisfy { $0.attributes.isEmpty && $0.nlri.isEmpty })
    }

    @Test("Withdrawals of IPv6 /128s use MP_UNREACH_NLRI, 239 per UPDATE")
    func ipv6Withdrawals() throws {
        let prefixes = Self.hosts(1000, .ipv6)
        let updates = UpdatePacker().withdrawals(of: prefixes)
        // 4096 − 23 (UPDATE) − 4 (attribute header) − 3 (AFI, SAFI) = 4066 octets = 239 × 17.
        #expect(updates.count == (1000 + 238) / 239)
        let decoded = try encodeAll(updates)
        #expect(Set(decoded.flatMap(\.withdrawnPrefixes)) == Set(prefixes))
        #expect(decoded.flatMap(\.withdrawnPrefixes).count == 1000)
    }

    @Test("Mixed families and lengths, with duplicates: each prefix exactly once, within the limit")
    func mixed() throws {
        var prefixes = Self.hosts(3000, .ipv4) + Self.hosts(500, .ipv6)
        prefixes += (0..<200).map { prefix("172.16.\($0).0/24") } + (0..<100).map { prefix("2001:db8:\($0)::/48") }
        let packer = UpdatePacker()
        let updates = try packer.announcements(of: prefixes + prefixes.prefix(100), attributes: Self.attributes, ipv6NextHop: Self.ipv6NextHop)
        let decoded = try encodeAll(updates)
        let announced = decoded.flatMap(\.announcedPrefixes)
        #expect(announced.count == prefixes.count)
        #expect(Set(announced) == Set(prefixes))
        let withdrawn = try encodeAll(packer.withdrawals(of: prefixes)).flatMap(\.withdrawnPrefixes)
        #expect(withdrawn.count == prefixes.count)
    }

    @Test("A smaller message limit is honoured")
    func smallerLimit() throws {
        let updates = try UpdatePacker(maximumMessageLength: 200).announcements(of: Self.hosts(100, .ipv4), attributes: Self.attributes)
        #expect(updates.count > 1)
        _ = try encodeAll(updates, limit: 200)
    }

    @Test("Missing next hops and oversized attributes are reported, not packed")
    func errors() {
        var noNextHop = Self.attributes
        noNextHop.nextHop = nil
        #expect(throws: UpdatePackingError.missingNextHop(.ipv4)) {
            try UpdatePacker().announcements(of: [prefix("10.0.0.0/8")], attributes: noNextHop)
        }
        #expect(throws: UpdatePackingError.missingNextHop(.ipv6)) {
            try UpdatePacker().announcements(of: [prefix("2001:db8::/32")], attributes: Self.attributes)
        }
        var huge = Self.attributes
        huge.communities = (0..<1020).map { Community(rawValue: UInt32($0)) }
        #expect(throws: UpdatePackingError.self) {
            try UpdatePacker().announcements(of: [prefix("10.0.0.0/8")], attributes: huge)
        }
    }

    @Test("No prefixes, no UPDATEs")
    func empty() throws {
        #expect(try UpdatePacker().announcements(of: [], attributes: Self.attributes).isEmpty)
        #expect(UpdatePacker().withdrawals(of: []).isEmpty)
    }
}
