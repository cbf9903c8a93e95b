import Foundation
import RouterLab
import Testing

/// The lab itself works: BIRD, FRR and GoBGP peer with each other in namespaces, and each one's RIB
/// reads back the attributes BIRD sent. Later interop tests rely on exactly these parsers.
@Suite("RouterLab", .serialized, .ownThreads, .enabled(if: RouterLab.unavailableReason == nil, "\(RouterLab.unavailableReason ?? "")"))
struct RouterLabTests {
    static let routersInstalled = ["bird", "birdc", "bgpd", "vtysh", "gobgpd", "gobgp"].allSatisfy(RouterLab.has)

    @Test("BIRD's routes with communities, large communities and MED arrive at FRR and GoBGP over IPv4 and IPv6",
          .enabled(if: routersInstalled, "needs bird2, frr and gobgpd"), .timeLimit(.minutes(3)))
    func threeRouters() throws {
        let lab = try RouterLab()
        defer { lab.shutdown() }
        let bird = try lab.addNamespace("bird"), frr = try lab.addNamespace("frr"), gobgp = try lab.addNamespace("gobgp")
        // bgpd runs without zebra (-Z), so it knows no interfaces and withdraws every IPv6 route whose
        // next hop carries a link-local address ("sent a v6 LL next-hop and there's no peer interface
        // information"). BIRD adds its link-local address when the kernel has one ready as the session
        // starts, which depended on timing. The link to FRR has none, so BIRD sends global next hops.
        let toFRR = try lab.connect(bird, frr, linkLocal: false), toGoBGP = try lab.connect(bird, gobgp)

        let birdToFRR = LabNeighbor(name: "frr4", address: toFRR.ipv4B, asn: 64501, localAddress: toFRR.ipv4A)
        let birdToFRR6 = LabNeighbor(name: "frr6", address: toFRR.ipv6B, asn: 64501, localAddress: toFRR.ipv6A, ipv6: true)
        let birdToGoBGP = LabNeighbor(name: "gobgp4", address: toGoBGP.ipv4B, asn: 64502, localAddress: toGoBGP.ipv4A)
        let export = "filter { bgp_community.add((65000,100)); bgp_community.add((65535,0)); bgp_large_community.add((64500,1,2)); bgp_med = 10; accept; }"
        let birdRouter = try BIRDRouter(
            lab: lab, namespace: bird, routerID: "192.0.2.1", asn: 64500, neighbors: [birdToFRR, birdToFRR6, birdToGoBGP],
            export: export, extraConfig: """
            protocol static s4 { ipv4; route 203.0.113.0/24 blackhole; }
            protocol static s6 { ipv6; route 2001:db8:abcd::/48 blackhole; }
            """
        )
        let frrRouter = try FRRRouter(lab: lab, namespace: frr, routerID: "192.0.2.2", asn: 64501, neighbors: [
            LabNeighbor(name: "bird4", address: toFRR.ipv4A, asn: 64500, localAddress: toFRR.ipv4B),
            LabNeighbor(name: "bird6", address: toFRR.ipv6A, asn: 64500, localAddress: toFRR.ipv6B, ipv6: true),
        ])
        let goRouter = try GoBGPRouter(lab: lab, namespace: gobgp, routerID: "192.0.2.3", asn: 64502, neighbors: [
            LabNeighbor(name: "bird4", address: toGoBGP.ipv4A, asn: 64500, localAddress: toGoBGP.ipv4B),
        ])

        try lab.wait(for: "sessions established") {
            try birdRouter.isEstablished(birdToFRR) && birdRouter.isEstablished(birdToFRR6) && birdRouter.isEstablished(birdToGoBGP)
        }
        let expected4 = LabRoute(prefix: "203.0.113.0/24", nextHop: nil, asPath: [64500], communities: ["65000:100", "65535:0"], largeCommunities: ["64500:1:2"], med: 10)
        do {
            try lab.wait(for: "routes at FRR") { try frrRouter.routes().count == 2 }
        } catch {
            Issue.record("\(error)\nFRR:\n\((try? frrRouter.command("show bgp summary")) ?? "")\n\(frrRouter.process.log.suffix(3000))")
            return
        }
        let atFRR = try frrRouter.routes()
        #expect(atFRR.map { LabRoute(prefix: $0.prefix, asPath: $0.asPath, communities: $0.communities, largeCommunities: $0.largeCommunities, med: $0.med) }
            == [expected4, LabRoute(prefix: "2001:db8:abcd::/48", asPath: [64500], communities: ["65000:100", "65535:0"], largeCommunities: ["64500:1:2"], med: 10)])
        #expect(atFRR.first?.nextHop == toFRR.ipv4A)
        try lab.wait(for: "routes at GoBGP") { try goRouter.routes().count == 1 }
        let atGoBGP = try goRouter.routes()
        #expect(atGoBGP.first.map { LabRoute(prefix: $0.prefix, asPath: $0.asPath, communities: $0.communities, largeCommunities: $0.largeCommunities, med: $0.med) } == expected4)
        #expect(atGoBGP.first?.nextHop == toGoBGP.ipv4A)

        let generation = try frrRouter.sessionGeneration(LabNeighbor(name: "bird4", address: toFRR.ipv4A, asn: 64500, localAddress: toFRR.ipv4B))
        #expect(generation == "1")
        #expect(try birdRouter.sessionGeneration(birdToFRR) != nil)
        #expect(try birdRouter.routes().isEmpty, "nobody exports to BIRD")
    }

    @Test("Teardown leaves no namespace and no process behind")
    func teardown() throws {
        let lab = try RouterLab()
        let namespace = try lab.addNamespace("x")
        let sleeper = try lab.start("sleep", in: namespace, ["sleep", "600"])
        let pid = sleeper.pid
        lab.shutdown()
        #expect(kill(pid, 0) != 0, "the process is gone")
        let namespaces = try LabCommand.run(["ip", "netns", "list"]).stdout
        #expect(!namespaces.contains(namespace))
    }
}
