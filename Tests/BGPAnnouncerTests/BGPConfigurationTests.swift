import Testing
@testable import BGPAnnouncer
import BGPWire
@testable import IronLBCore
import IronLBPluginAPI

@Suite("BGP configuration")
struct BGPConfigurationTests {
    let node = NodeIdentity(name: "node-a", routerID: try! IPv4Address(parsing: "192.0.2.1"), labels: ["rack": "r1"])

    func decode(_ text: String, node: NodeIdentity? = nil) throws -> (BGPConfiguration?, [String]) {
        let document = try ConfigDocument.parse(text, file: "b.yaml").get()
        var diagnostics = Diagnostics()
        let context = ConfigContext(pools: [:], node: node ?? self.node)
        let configuration = BGPConfiguration.decode(section: document.root, context: context, &diagnostics)
        return (configuration, diagnostics.sorted.map(\.description))
    }

    @Test("A full section decodes with defaults filled in, and peers for other nodes are left out")
    func fullSection() throws {
        let (configuration, diagnostics) = try decode("""
        local-asn: 64512
        hold-time: 9s
        graceful-restart: {restart-time: 60s}
        listen: {address: "::", port: 1179}
        peers:
          - name: tor-a
            address: 198.51.100.1
            asn: 64500
            passive: true
            gtsm: true
            password-file: /etc/ironlb/tor-a.password
          - name: tor-b
            address: 2001:db8::1
            asn: 64512
            families: [ipv4, ipv6]
            hold-time: 30s
          - name: elsewhere
            address: 198.51.100.9
            asn: 64500
            nodes: [node-b]
        """)
        #expect(diagnostics.isEmpty)
        let bgp = try #require(configuration)
        #expect(bgp.localASN == 64512)
        #expect(bgp.routerID.description == "192.0.2.1")
        #expect(bgp.timers.holdTime == .seconds(9))
        #expect(bgp.gracefulRestart == .init(enabled: true, restartTime: .seconds(60)))
        #expect(bgp.peers.map(\.name) == ["tor-a", "tor-b"])
        #expect(bgp.peers[0].timers.holdTime == .seconds(9), "peers inherit the section's timers")
        #expect(bgp.peers[1].timers.holdTime == .seconds(30))
        #expect(bgp.peers[1].isInternal(localASN: 64512))
        #expect(bgp.peers[1].families == [.ipv4, .ipv6])
        #expect(bgp.peers[0].families == [.ipv4])
    }

    @Test("Every problem of a section is reported at once")
    func problems() throws {
        let (configuration, diagnostics) = try decode("""
        local-asn: 23456
        hold-time: 2s
        keepalive-time: 1m
        peers:
          - name: a
            address: 198.51.100.1
            asn: 64500
            ebgp-multihop: 2
            gtsm: true
            passive: true
          - name: a
            address: 198.51.100.2
            asn: 64501
            source-address: 2001:db8::5
            password-file: tor.password
          - name: c
            adress: 198.51.100.3
            asn: 64502
        """, node: NodeIdentity(name: "n", routerID: nil, labels: [:]))
        #expect(configuration == nil)
        #expect(diagnostics == [
            "b.yaml:1:1: error: (root): a BGP router ID is required: set announcers.bgp.router-id or node.router-id",
            "b.yaml:1:12: error: local-asn: AS 23456 is AS_TRANS (RFC 6793) and cannot be configured",
            "b.yaml:2:12: error: hold-time: a hold time must be 0 or at least 3s (RFC 4271 §4.2)",
            "b.yaml:5:5: error: peers[0]: peer 'a' is passive, so announcers.bgp.listen must be set",
            "b.yaml:9:11: error: peers[0].gtsm: gtsm and ebgp-multihop cannot both be set (GTSM sends TTL 255 and expects at most one hop, RFC 5082)",
            "b.yaml:11:5: error: peers[1]: duplicate peer name 'a' (first defined at b.yaml:5:5)",
            "b.yaml:14:21: error: peers[1].source-address: the source address 2001:db8::5 is IPv6 but the peer address 198.51.100.2 is IPv4",
            "b.yaml:15:20: error: peers[1].password-file: expected an absolute path, found \"tor.password\"",
            "b.yaml:16:5: error: peers[2]: missing required key 'address'",
            "b.yaml:17:5: error: peers[2].adress: unknown key 'adress'; did you mean 'address'?",
        ])
    }

    @Test("Advertisement options: communities by number or name, peers checked, local-pref warned about on eBGP-only")
    func advertisementOptions() throws {
        let (section, _) = try decode("""
        local-asn: 64512
        peers:
          - {name: tor-a, address: 198.51.100.1, asn: 64500}
        """)
        let text = """
        name: ad
        peers: [tor-a, tor-x]
        communities: [65000:100, no-export, GRACEFUL_SHUTDOWN, 70000:1]
        large-communities: [64512:1:2, 1:2]
        local-pref: 200
        med: 10
        as-path-prepend: 2
        next-hop-ipv4: 192.0.2.10
        aggregation-length: 24
        """
        let document = try ConfigDocument.parse(text, file: "a.yaml").get()
        var diagnostics = Diagnostics()
        var mapping = try #require(ConfigMapping(document.root, &diagnostics))
        mapping.declare("name")
        let options = BGPAdvertisementOptions.decode(&mapping, announcer: section, &diagnostics)
        mapping.finish(&diagnostics)
        #expect(diagnostics.sorted.map(\.description) == [
            "a.yaml:2:16: error: peers[1]: unknown BGP peer 'tor-x'; did you mean 'tor-a'?",
            "a.yaml:3:56: error: communities[3]: \"70000:1\" is not a community: write ASN:VALUE (each 0...65535) or a well-known name such as no-export or graceful-shutdown",
            "a.yaml:4:32: error: large-communities[1]: \"1:2\" is not a large community: write GLOBAL:LOCAL1:LOCAL2, each 0...4294967295 (RFC 8092)",
            "a.yaml:5:13: warning: local-pref: local-pref is sent to iBGP peers only, and none of this advertisement's peers is iBGP",
        ])
        let decoded = try #require(options)
        #expect(decoded.communities == [Community(asn: 65000, value: 100), .noExport, .gracefulShutdown])
        #expect(decoded.largeCommunities == [LargeCommunity(64512, 1, 2)])
        #expect(decoded.med == 10 && decoded.asPathPrepend == 2 && decoded.aggregationLength == 24)
        #expect(decoded.nextHopIPv4?.description == "192.0.2.10")
    }

    @Test("IPv6 over an IPv4 session without next-hop-ipv6 is warned about; with it, not")
    func mappedNextHopWarning() throws {
        let (section, _) = try decode("""
        local-asn: 64512
        peers:
          - {name: tor-a, address: 198.51.100.1, asn: 64500, families: [ipv4, ipv6]}
          - {name: tor-b, address: "2001:db8::1", asn: 64500, families: [ipv4, ipv6]}
        """)
        func warnings(_ text: String) throws -> [String] {
            let document = try ConfigDocument.parse(text, file: "a.yaml").get()
            var diagnostics = Diagnostics()
            var mapping = try #require(ConfigMapping(document.root, &diagnostics))
            mapping.declare("name")
            _ = BGPAdvertisementOptions.decode(&mapping, announcer: section, &diagnostics)
            mapping.finish(&diagnostics)
            return diagnostics.sorted.map(\.description)
        }
        let warned = try warnings("name: ad\n")
        #expect(warned.count == 1 && warned[0].hasPrefix("a.yaml:1:1: warning: (root): IPv6 routes to tor-a go over an IPv4 session"), "\(warned)")
        #expect(try warnings("name: ad\npeers: [tor-b]\n").isEmpty)
        #expect(try warnings("name: ad\nnext-hop-ipv6: \"2001:db8::10\"\n").isEmpty)
    }
}
