import Foundation
import RouterLab
import Testing

extension RouterInterop {
/// The operator surface against a real router: `ironlbctl drain` observed at BIRD, and peers,
/// sent routes, explain and the BGP metrics while BIRD holds the routes.
@Suite("Operator surface at BIRD", .serialized, .enabled(if: RouterLab.unavailableReason == nil && RouterLab.has("bird"), "needs root and bird2"))
struct OperatorInteropTests {
    func ctl(_ topology: InteropTopology, _ arguments: [String]) throws -> LabCommand.Output {
        try LabCommand.run([RouterLab.builtExecutable("ironlbctl")] + arguments + ["--socket", "\(topology.lab.directory.path)/control.sock"], check: false)
    }

    @Test("ironlbctl drain: GRACEFUL_SHUTDOWN appears at BIRD, then the routes go, then the command returns; undrain restores them",
          .timeLimit(.minutes(2)))
    func drainAtBIRD() throws {
        let topology = try InteropTopology(routerRole: "bird")
        defer { topology.lab.shutdown() }
        let neighbors = topology.neighbors()
        let bird = try BIRDRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: neighbors)
        let daemon = try topology.startDaemon(topology.config())
        try topology.lab.wait(for: "routes", timeout: .seconds(30)) { try bird.routes().count == 3 }
        let generation = try bird.sessionGeneration(neighbors[0])

        let started = ContinuousClock.now
        let drain = try topology.lab.start("drain", in: nil, [RouterLab.builtExecutable("ironlbctl"), "drain", "--wait", "3s",
                                                              "--socket", "\(topology.lab.directory.path)/control.sock"])
        try topology.lab.wait(for: "GRACEFUL_SHUTDOWN on every route", timeout: .seconds(10)) {
            let routes = try bird.routes()
            return routes.count == 3 && routes.allSatisfy { $0.communities.contains("65535:0") }
        }
        let tagged = ContinuousClock.now - started
        #expect(drain.isRunning, "the command waits while the routers move traffic")
        try topology.lab.wait(for: "routes withdrawn", timeout: .seconds(15)) { try bird.routes().isEmpty }
        let withdrawn = ContinuousClock.now - started
        #expect(drain.waitForExit(timeout: .seconds(10)) == 0, "\(drain.log)")
        let returned = ContinuousClock.now - started
        #expect(drain.log.contains("drained: 3 routes withdrawn"), "\(drain.log)")
        #expect(withdrawn >= .seconds(3), "the routes stay for --wait")
        #expect(try bird.sessionGeneration(neighbors[0]) == generation, "sessions stay up through a drain")
        print("drain at BIRD: tagged after \(tagged), withdrawn after \(withdrawn), ironlbctl returned after \(returned) (--wait 3s)")

        let undrainStarted = ContinuousClock.now
        #expect(try ctl(topology, ["undrain"]).status == 0)
        try topology.lab.wait(for: "routes back without the community", timeout: .seconds(15)) {
            let routes = try bird.routes()
            return routes.count == 3 && routes.allSatisfy { !$0.communities.contains("65535:0") }
        }
        print("undrain at BIRD: routes back after \(ContinuousClock.now - undrainStarted)")
        _ = daemon
    }

    @Test("peers, routes --sent, explain and the BGP metrics show what BIRD holds", .timeLimit(.minutes(2)))
    func inspection() throws {
        let topology = try InteropTopology(routerRole: "bird")
        defer { topology.lab.shutdown() }
        let neighbors = topology.neighbors()
        let bird = try BIRDRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: neighbors)
        let config = topology.config().replacingOccurrences(of: "metrics: {enabled: false}", with: "metrics: {listen: 127.0.0.1:9473}")
        let daemon = try topology.startDaemon(config)
        try topology.lab.wait(for: "routes", timeout: .seconds(30)) { try bird.routes().count == 3 }

        let peers = try ctl(topology, ["peers"]).stdout
        #expect(peers.contains("bgp        r4    \(topology.link.ipv4B)"), "\(peers)")
        #expect(peers.split(separator: "\n").filter { $0.contains("Established") }.count == 2, "\(peers)")
        let json = try ctl(topology, ["peers", "--json"]).stdout
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        let r4 = decoded?.first { ($0["peer"] as? [String: Any])?["name"] as? String == "r4" }?["peer"] as? [String: Any]
        #expect(r4?["prefixesSent"] as? Int == 2 && r4?["up"] as? Bool == true, "\(json)")

        let sent = try ctl(topology, ["routes", "--sent"]).stdout
        #expect(sent.contains("r4    203.0.113.1/32") && sent.contains("as-path 64512, med 10, communities 65000:100 NO_EXPORT, large-communities 64512:1:2"),
                "\(sent)")
        let explain = try ctl(topology, ["explain", "static/web"]).stdout
        #expect(explain.contains("sent to") && explain.contains("r6    2001:db8:100::1/128"), "\(explain)")

        let metrics = try topology.lab.exec(in: topology.speaker, ["curl", "-s", "http://127.0.0.1:9473/metrics"]).stdout
        #expect(metrics.contains("ironlb_bgp_session_up{peer=\"r4\"} 1"), "\(metrics)")
        #expect(metrics.contains("ironlb_bgp_prefixes_announced{peer=\"r4\"} 2"), "\(metrics)")
        #expect(metrics.contains("ironlb_bgp_messages_sent_total{peer=\"r6\",type=\"update\"}"), "\(metrics)")
        _ = daemon
    }
}
}
