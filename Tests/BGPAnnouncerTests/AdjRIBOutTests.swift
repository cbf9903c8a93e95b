import Testing
@testable import BGPAnnouncer
import BGPWire
import IronLBPluginAPI

@Suite("Adj-RIB-Out and export policy")
struct AdjRIBOutTests {
    func prefix(_ text: String) -> IPPrefix { try! IPPrefix(parsing: text) }
    func route(_ text: String, _ advertisement: String = "ad") -> DesiredRoute {
        DesiredRoute(prefix: prefix(text), advertisement: advertisement, services: [ServiceKey(source: "static", name: text)])
    }

    func peer(asn: UInt32, families: [IPFamily] = [.ipv4, .ipv6]) -> BGPPeerConfiguration {
        BGPPeerConfiguration(name: "tor", address: try! IPAddress(parsing: "198.51.100.1"), asn: asn, timers: BGPTimers(), families: families)
    }

    var options: BGPAdvertisementOptions {
        var options = BGPAdvertisementOptions()
        options.communities = [Community(asn: 65000, value: 100)]
        options.largeCommunities = [LargeCommunity(64512, 1, 2)]
        options.med = 10
        options.localPref = 200
        options.asPathPrepend = 2
        return options
    }

    @Test("eBGP: own AS prepended as configured, MED and communities, no LOCAL_PREF, next hop self")
    func external() throws {
        let export = PeerExport(peer: peer(asn: 64500), localASN: 64512, advertisements: ["ad": options], localIPv4: try IPv4Address(parsing: "198.51.100.2"))
        let table = export.desired(from: [route("203.0.113.5/32")])
        let attributes = try #require(table[prefix("203.0.113.5/32")])
        #expect(attributes.path.asPath == ASPath(sequence: [64512, 64512, 64512]))
        #expect(attributes.path.localPreference == nil)
        #expect(attributes.path.multiExitDiscriminator == 10)
        #expect(attributes.path.nextHop?.description == "198.51.100.2")
        #expect(attributes.path.communities == [Community(asn: 65000, value: 100)])
        #expect(attributes.path.largeCommunities == [LargeCommunity(64512, 1, 2)])
    }

    @Test("iBGP: empty AS path and LOCAL_PREF; graceful shutdown adds the community and LOCAL_PREF 0")
    func internalAndGracefulShutdown() throws {
        var export = PeerExport(peer: peer(asn: 64512), localASN: 64512, advertisements: ["ad": options], localIPv4: try IPv4Address(parsing: "198.51.100.2"))
        var attributes = try #require(export.desired(from: [route("203.0.113.5/32")]).attributeSets.first)
        #expect(attributes.path.asPath == .empty)
        #expect(attributes.path.localPreference == 200)
        export.gracefulShutdown = true
        attributes = try #require(export.desired(from: [route("203.0.113.5/32")]).attributeSets.first)
        #expect(attributes.path.communities.contains(.gracefulShutdown))
        #expect(attributes.path.localPreference == 0)
    }

    @Test("Peers and families filter, aggregation covers, IPv6 over IPv4 uses a mapped next hop")
    func filteringAndAggregation() throws {
        var aggregated = options
        aggregated.aggregationLength = 24
        var onlyOther = options
        onlyOther.peers = ["other"]
        let export = PeerExport(peer: peer(asn: 64500), localASN: 64512,
                                advertisements: ["agg": aggregated, "other": onlyOther, "ad": options],
                                localIPv4: try IPv4Address(parsing: "198.51.100.2"))
        let table = export.desired(from: [route("203.0.113.5/32", "agg"), route("203.0.113.9/32", "agg"), route("192.0.2.1/32", "other"), route("2001:db8::1/128")])
        #expect(Set(table.prefixes) == [prefix("203.0.113.0/24"), prefix("2001:db8::1/128")])
        #expect(table[prefix("2001:db8::1/128")]?.ipv6NextHop?.global.description == "::ffff:198.51.100.2")
        let v4only = PeerExport(peer: peer(asn: 64500, families: [.ipv4]), localASN: 64512, advertisements: ["ad": options], localIPv4: try IPv4Address(parsing: "198.51.100.2"))
        #expect(v4only.desired(from: [route("2001:db8::1/128")]).count == 0)
    }

    @Test("Only differences are sent; changed attributes re-announce, removed prefixes are withdrawn")
    func differences() throws {
        let export = PeerExport(peer: peer(asn: 64500), localASN: 64512, advertisements: ["ad": options, "plain": BGPAdvertisementOptions()], localIPv4: try IPv4Address(parsing: "198.51.100.2"))
        let packer = UpdatePacker()
        var rib = AdjRIBOut()
        var updates = try rib.transition(to: export.desired(from: [route("203.0.113.1/32"), route("203.0.113.2/32")]), packer: packer)
        #expect(updates.count == 1)
        #expect(updates.first?.nlri == [prefix("203.0.113.1/32"), prefix("203.0.113.2/32")])
        updates = try rib.transition(to: export.desired(from: [route("203.0.113.1/32"), route("203.0.113.2/32")]), packer: packer)
        #expect(updates.isEmpty, "nothing changed, nothing sent")
        updates = try rib.transition(to: export.desired(from: [route("203.0.113.1/32", "plain")]), packer: packer)
        #expect(updates.flatMap(\.withdrawnRoutes) == [prefix("203.0.113.2/32")])
        #expect(updates.flatMap(\.nlri) == [prefix("203.0.113.1/32")])
        #expect(try rib.fullTable(packer: packer).flatMap(\.nlri) == [prefix("203.0.113.1/32")])
    }

    @Test("100,000 host routes pack into the minimum number of 4096-byte UPDATEs")
    func packing() throws {
        let export = PeerExport(peer: peer(asn: 64500), localASN: 64512, advertisements: ["ad": BGPAdvertisementOptions()], localIPv4: try IPv4Address(parsing: "198.51.100.2"))
        let routes = (0..<100_000).map { index in
            DesiredRoute(prefix: .host(.v4(IPv4Address(0x0A00_0000 + UInt32(index)))), advertisement: "ad", services: [])
        }
        var rib = AdjRIBOut()
        let updates = try rib.transition(to: export.desired(from: routes), packer: UpdatePacker())
        #expect(updates.reduce(0) { $0 + $1.nlri.count } == 100_000)
        // Each /32 takes 5 octets; 4096 − 23 fixed − attributes leaves room for ~800 per UPDATE.
        #expect(updates.count <= 130)
    }
}
