import Foundation
import RouterLab
import Testing

/// ironlbd's BGP speaker against BIRD 2, each in its own network namespace.
@Suite("BGP interop: BIRD", .serialized, .enabled(if: RouterLab.unavailableReason == nil && RouterLab.has("bird"), "needs root and bird2"))
struct BIRDInteropTests {
    /// A lab with ironlbd in one namespace and BIRD in another, joined by one veth link.
    struct Topology {
        let lab: RouterLab
        let link: LabLink
        let speaker: String
        let router: String
        var configURL: URL { lab.directory.appendingPathComponent("ironlb.yaml") }

        init() throws {
            lab = try RouterLab()
            speaker = try lab.addNamespace("ilb")
            router = try lab.addNamespace("bird")
            link = try lab.connect(speaker, router)
        }

        /// An ironlbd configuration peering with BIRD over IPv4 and IPv6 sessions.
        func config(asn: UInt32 = 64512, communities: String = "[65000:100, no-export]", services: String = "  - {name: web, pool: public, families: dual-stack}\n  - {name: api, pool: public}\n") -> String {
            """
            version: 1
            node: {name: lab, router-id: 192.0.2.100}
            state-directory: \(lab.directory.path)/state
            reload: {debounce: 50ms}
            pools:
              - name: public
                addresses: [203.0.113.0/28, 2001:db8:100::/64]
                avoid-buggy-ips: true
            announcers:
              bgp:
                local-asn: \(asn)
                hold-time: 9s
                connect-retry: 1s
                connect-retry-max: 4s
                peers:
                  - {name: bird4, address: \(link.ipv4B), asn: 64500, families: [ipv4]}
                  - {name: bird6, address: "\(link.ipv6B)", asn: 64500, families: [ipv6]}
            advertisements:
              - name: pub
                announcer: bgp
                pools: [public]
                communities: \(communities)
                large-communities: [64512:1:2]
                med: 10
            services:
            \(services)
            """
        }

        func startDaemon(_ text: String) throws -> LabProcess {
            try text.write(to: configURL, atomically: true, encoding: .utf8)
            return try lab.start("ironlbd", in: speaker, [RouterLab.builtExecutable("ironlbd"), "--config", configURL.path, "--log-level", "debug"])
        }

        func startBIRD(asn: UInt32 = 64512, gracefulRestart: Bool = false) throws -> (BIRDRouter, LabNeighbor, LabNeighbor) {
            let v4 = LabNeighbor(name: "ilb4", address: link.ipv4A, asn: asn, localAddress: link.ipv4B, gracefulRestart: gracefulRestart)
            let v6 = LabNeighbor(name: "ilb6", address: link.ipv6A, asn: asn, localAddress: link.ipv6B, gracefulRestart: gracefulRestart, ipv6: true)
            let bird = try BIRDRouter(lab: lab, namespace: router, routerID: "192.0.2.200", asn: 64500, neighbors: [v4, v6])
            return (bird, v4, v6)
        }
    }

    @Test("eBGP over IPv4 and IPv6: service prefixes arrive with communities, large communities and MED; a removed service is withdrawn",
          .timeLimit(.minutes(2)))
    func ebgpRoutes() throws {
        let topology = try Topology()
        defer { topology.lab.shutdown() }
        let (bird, v4, v6) = try topology.startBIRD()
        let daemon = try topology.startDaemon(topology.config())
        try topology.lab.wait(for: "both sessions established", timeout: .seconds(30)) {
            try bird.isEstablished(v4) && bird.isEstablished(v6)
        }
        try topology.lab.wait(for: "three routes at BIRD", timeout: .seconds(15)) { try bird.routes().count == 3 }
        let routes = try bird.routes().sorted { $0.prefix < $1.prefix }
        #expect(routes.map(\.prefix) == ["2001:db8:100::1/128", "203.0.113.1/32", "203.0.113.2/32"], "\(daemon.log)")
        for route in routes {
            #expect(route.asPath == [64512])
            #expect(route.communities == ["65000:100", "65535:65281"])
            #expect(route.largeCommunities == ["64512:1:2"])
            #expect(route.med == 10)
        }
        #expect(routes.first { $0.prefix == "203.0.113.1/32" }?.nextHop == topology.link.ipv4A)
        #expect(routes.first { $0.prefix == "2001:db8:100::1/128" }?.nextHop == topology.link.ipv6A)

        // Remove a service: its route is withdrawn, the session stays up.
        let generation = try bird.sessionGeneration(v4)
        try topology.config(services: "  - {name: web, pool: public, families: dual-stack}\n").write(to: topology.configURL, atomically: true, encoding: .utf8)
        try topology.lab.wait(for: "api withdrawn", timeout: .seconds(15)) { try bird.routes().count == 2 }
        #expect(try bird.sessionGeneration(v4) == generation, "no session reset for a service change")

        // Change the communities: an UPDATE, no reset.
        try topology.config(communities: "[65000:200]", services: "  - {name: web, pool: public, families: dual-stack}\n").write(to: topology.configURL, atomically: true, encoding: .utf8)
        try topology.lab.wait(for: "new community", timeout: .seconds(15)) { try bird.routes().allSatisfy { $0.communities == ["65000:200"] } }
        #expect(try bird.sessionGeneration(v4) == generation, "no session reset for an attribute change")

        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: .seconds(15)) == 0, "\(daemon.log)")
    }
}
