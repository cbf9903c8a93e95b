import Foundation
import RouterLab

/// A lab with ironlbd in one namespace and a router in another, joined by one veth link, plus
/// the ironlbd configuration that peers with the router over IPv4 and IPv6.
struct InteropTopology {
    let lab: RouterLab
    let link: LabLink
    let speaker: String
    let router: String
    var configURL: URL { lab.directory.appendingPathComponent("ironlb.yaml") }

    init(routerRole: String) throws {
        lab = try RouterLab()
        speaker = try lab.addNamespace("ilb")
        router = try lab.addNamespace(routerRole)
        link = try lab.connect(speaker, router)
    }

    /// An ironlbd configuration; `peers` defaults to one IPv4 and one IPv6 session with AS 64500.
    func config(
        asn: UInt32 = 64512, peerASN: UInt32 = 64500, communities: String = "[65000:100, no-export]",
        extraAdvertisement: String = "", peerExtra: String = "", gracefulRestart: Bool = true, sectionExtra: String = "",
        services: String = "  - {name: web, pool: public, families: dual-stack}\n  - {name: api, pool: public}\n",
        ipv6: Bool = true
    ) -> String {
        var peers = "      - {name: r4, address: \(link.ipv4B), asn: \(peerASN), families: [ipv4]\(peerExtra)}\n"
        if ipv6 { peers += "      - {name: r6, address: \"\(link.ipv6B)\", asn: \(peerASN), families: [ipv6]\(peerExtra)}\n" }
        return """
        version: 1
        node: {name: lab, router-id: 192.0.2.100}
        state-directory: \(lab.directory.path)/state
        control: {socket: \(lab.directory.path)/control.sock}
        metrics: {enabled: false}
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
            graceful-restart: {enabled: \(gracefulRestart), restart-time: 60s}
        \(sectionExtra)
            peers:
        \(peers)
        advertisements:
          - name: pub
            announcer: bgp
            pools: [public]
            communities: \(communities)
            large-communities: [64512:1:2]
            med: 10
        \(extraAdvertisement)
        services:
        \(services)
        """
    }

    /// Writes `text` as the configuration and starts ironlbd in its namespace.
    func startDaemon(_ text: String, logLevel: String = "debug") throws -> LabProcess {
        try text.write(to: configURL, atomically: true, encoding: .utf8)
        return try lab.start("ironlbd-\(UInt32.random(in: 0..<UInt32.max))", in: speaker,
                             [RouterLab.builtExecutable("ironlbd"), "--config", configURL.path, "--log-level", logLevel])
    }

    /// Replaces the configuration the running daemon watches.
    func rewrite(_ text: String) throws {
        try text.write(to: configURL, atomically: true, encoding: .utf8)
    }

    /// The neighbors a router configures for ironlbd: one IPv4 and one IPv6 session.
    func neighbors(asn: UInt32 = 64512, password: String? = nil, gracefulRestart: Bool = false, ipv6: Bool = true) -> [LabNeighbor] {
        var result = [LabNeighbor(name: "ilb4", address: link.ipv4A, asn: asn, localAddress: link.ipv4B, password: password, gracefulRestart: gracefulRestart)]
        if ipv6 {
            result.append(LabNeighbor(name: "ilb6", address: link.ipv6A, asn: asn, localAddress: link.ipv6B, password: password, gracefulRestart: gracefulRestart, ipv6: true))
        }
        return result
    }
}
