import Foundation
import RouterLab
import Testing

extension RouterInterop {
/// ironlbd's BGP speaker against FRR's bgpd.
@Suite("BGP interop: FRR", .serialized, .enabled(if: RouterLab.unavailableReason == nil && RouterLab.has("bgpd") && RouterLab.has("vtysh"), "needs root and frr"))
struct FRRInteropTests {
    @Test("eBGP over IPv4 and IPv6 with communities, large communities and MED; a removed service is withdrawn", .timeLimit(.minutes(2)))
    func ebgp() throws {
        let topology = try InteropTopology(routerRole: "frr")
        defer { topology.lab.shutdown() }
        let neighbors = topology.neighbors()
        let frr = try FRRRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: neighbors)
        let daemon = try topology.startDaemon(topology.config())
        try topology.lab.wait(for: "three routes at FRR", timeout: .seconds(40)) { try frr.routes().count == 3 }
        let routes = try frr.routes().sorted { $0.prefix < $1.prefix }
        #expect(routes.map(\.prefix) == ["2001:db8:100::1/128", "203.0.113.1/32", "203.0.113.2/32"], "\(daemon.log)")
        for route in routes {
            #expect(route.asPath == [64512])
            #expect(route.communities == ["65000:100", "65535:65281"])
            #expect(route.largeCommunities == ["64512:1:2"])
            #expect(route.med == 10)
        }
        let generation = try frr.sessionGeneration(neighbors[0])
        try topology.rewrite(topology.config(services: "  - {name: web, pool: public, families: dual-stack}\n"))
        try topology.lab.wait(for: "api withdrawn", timeout: .seconds(15)) { try frr.routes().count == 2 }
        #expect(try frr.sessionGeneration(neighbors[0]) == generation)
    }

    @Test("An ironlbd restart with graceful restart keeps the routes at FRR", .timeLimit(.minutes(2)))
    func gracefulRestart() throws {
        let topology = try InteropTopology(routerRole: "frr")
        defer { topology.lab.shutdown() }
        let frr = try FRRRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: topology.neighbors(gracefulRestart: true))
        let first = try topology.startDaemon(topology.config())
        try topology.lab.wait(for: "routes", timeout: .seconds(40)) { try frr.routes().count == 3 }
        first.signal(SIGTERM)
        #expect(first.waitForExit(timeout: .seconds(15)) == 0)
        Thread.sleep(forTimeInterval: 2)
        #expect(try frr.routes().count == 3, "FRR keeps the routes while ironlbd restarts")
        _ = try topology.startDaemon(topology.config())
        try topology.lab.wait(for: "sessions back", timeout: .seconds(40)) { try topology.neighbors().allSatisfy(frr.isEstablished) }
    }
}

/// ironlbd's BGP speaker against GoBGP.
@Suite("BGP interop: GoBGP", .serialized, .enabled(if: RouterLab.unavailableReason == nil && RouterLab.has("gobgpd"), "needs root and gobgpd"))
struct GoBGPInteropTests {
    @Test("eBGP over IPv4 with communities, large communities and MED", .timeLimit(.minutes(2)))
    func ebgp() throws {
        let topology = try InteropTopology(routerRole: "gobgp")
        defer { topology.lab.shutdown() }
        let gobgp = try GoBGPRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: topology.neighbors(ipv6: false))
        let daemon = try topology.startDaemon(topology.config(ipv6: false))
        try topology.lab.wait(for: "two IPv4 routes at GoBGP", timeout: .seconds(40)) { try gobgp.routes().count == 2 }
        let routes = try gobgp.routes().sorted { $0.prefix < $1.prefix }
        #expect(routes.map(\.prefix) == ["203.0.113.1/32", "203.0.113.2/32"], "\(daemon.log)")
        for route in routes {
            #expect(route.asPath == [64512])
            #expect(route.communities == ["65000:100", "65535:65281"])
            #expect(route.largeCommunities == ["64512:1:2"])
            #expect(route.med == 10)
            #expect(route.nextHop == topology.link.ipv4A)
        }
    }
}
}
