import Foundation

/// FRR's bgpd in a lab namespace, without zebra (`-Z`), queried with vtysh's JSON output.
public final class FRRRouter: LabRouter {
    public let process: LabProcess
    private let vtyDirectory: String

    /// Starts bgpd in `namespace`. `extraConfig` goes inside `router bgp` (e.g. `network` statements).
    public init(lab: RouterLab, namespace: String, name: String = "frr", routerID: String, asn: UInt32, neighbors: [LabNeighbor], extraConfig: String = "") throws {
        let configURL = lab.directory.appendingPathComponent("\(name).conf")
        vtyDirectory = lab.directory.appendingPathComponent("\(name)-vty").path
        try FileManager.default.createDirectory(atPath: vtyDirectory, withIntermediateDirectories: true)
        var lines = [
            "frr defaults traditional", "hostname \(name)", "log stdout",
            "router bgp \(asn)", " bgp router-id \(routerID)", " no bgp ebgp-requires-policy", " no bgp default ipv4-unicast",
        ]
        if neighbors.contains(where: \.gracefulRestart) { lines.append(" bgp graceful-restart") }
        for neighbor in neighbors {
            lines.append(" neighbor \(neighbor.address) remote-as \(neighbor.asn)")
            lines.append(" neighbor \(neighbor.address) timers connect 2")  // lab speed
            if neighbor.passive { lines.append(" neighbor \(neighbor.address) passive") }
            if let password = neighbor.password { lines.append(" neighbor \(neighbor.address) password \(password)") }
            if let hold = neighbor.holdTime { lines.append(" neighbor \(neighbor.address) timers \(max(1, hold / 3)) \(hold)") }
        }
        lines.append(extraConfig)
        for (family, v6) in [("ipv4", false), ("ipv6", true)] {
            let members = neighbors.filter { $0.ipv6 == v6 }
            guard !members.isEmpty else { continue }
            lines.append(" address-family \(family) unicast")
            for neighbor in members { lines.append("  neighbor \(neighbor.address) activate") }
            lines.append(" exit-address-family")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: configURL, atomically: true, encoding: .utf8)
        process = try lab.start(name, in: namespace, [
            "/usr/lib/frr/bgpd", "-f", configURL.path, "-i", lab.directory.appendingPathComponent("\(name).pid").path,
            "--vty_socket", vtyDirectory, "-Z", "--skip_runas",
        ])
        try lab.wait(for: "FRR vty socket", timeout: .seconds(15)) { FileManager.default.fileExists(atPath: self.vtyDirectory + "/bgpd.vty") }
    }

    /// Runs a vtysh command and returns its output.
    public func command(_ text: String) throws -> String {
        try LabCommand.run(["vtysh", "--vty_socket", vtyDirectory, "-c", text]).stdout
    }

    func json(_ text: String) throws -> [String: Any] {
        let output = try command(text)
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw LabCommand.Failure(description: "vtysh '\(text)' did not return a JSON object: \(output.prefix(200))")
        }
        return object
    }

    public func routes() throws -> [LabRoute] {
        var result: [LabRoute] = []
        for family in ["ipv4", "ipv6"] {
            let table = try json("show bgp \(family) unicast json")
            let routes = table["routes"] as? [String: Any] ?? [:]
            for prefix in routes.keys.sorted() {
                // The table view has no communities; the per-prefix view has everything.
                let detail = try json("show bgp \(family) unicast \(prefix) json")
                for path in detail["paths"] as? [[String: Any]] ?? [] {
                    var route = LabRoute(prefix: prefix)
                    route.nextHop = (path["nexthops"] as? [[String: Any]])?.first?["ip"] as? String
                    let asPath = (path["aspath"] as? [String: Any])?["string"] as? String ?? ""
                    route.asPath = asPath.split(separator: " ").compactMap { UInt32($0) }
                    route.communities = (((path["community"] as? [String: Any])?["string"] as? String) ?? "").split(separator: " ")
                        .map { Self.wellKnownCommunities[String($0)] ?? String($0) }.sorted()
                    route.largeCommunities = (((path["largeCommunity"] as? [String: Any])?["string"] as? String) ?? "").split(separator: " ").map(String.init).sorted()
                    route.localPref = (path["locPrf"] as? Int).map(UInt32.init)
                    route.med = (path["metric"] as? Int).map(UInt32.init)
                    result.append(route)
                }
            }
        }
        return result
    }

    /// The number of prefixes received from `neighbor` (cheap, for large tables).
    public func receivedCount(_ neighbor: LabNeighbor) throws -> Int {
        let state = try json("show bgp neighbors \(neighbor.address) json")[neighbor.address] as? [String: Any]
        let families = state?["addressFamilyInfo"] as? [String: Any] ?? [:]
        return families.values.compactMap { ($0 as? [String: Any])?["acceptedPrefixCounter"] as? Int }.reduce(0, +)
    }

    /// FRR prints well-known communities by name; the lab compares numbers.
    static let wellKnownCommunities = [
        "graceful-shutdown": "65535:0", "accept-own": "65535:1", "llgr-stale": "65535:6", "no-llgr": "65535:7",
        "blackhole": "65535:666", "no-export": "65535:65281", "no-advertise": "65535:65282",
        "local-AS": "65535:65283", "no-peer": "65535:65284",
    ]

    public func isEstablished(_ neighbor: LabNeighbor) throws -> Bool {
        let state = try json("show bgp neighbors \(neighbor.address) json")[neighbor.address] as? [String: Any]
        return state?["bgpState"] as? String == "Established"
    }

    public func sessionGeneration(_ neighbor: LabNeighbor) throws -> String? {
        let state = try json("show bgp neighbors \(neighbor.address) json")[neighbor.address] as? [String: Any]
        return (state?["connectionsEstablished"] as? Int).map(String.init)
    }
}
