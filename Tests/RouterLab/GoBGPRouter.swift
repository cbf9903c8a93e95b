import Foundation

/// gobgpd in a lab namespace, queried with the gobgp CLI's JSON output over its gRPC API on loopback.
public final class GoBGPRouter: LabRouter {
    public let process: LabProcess
    private let namespace: String
    private let lab: RouterLab
    private let apiPort = 50051

    /// Starts gobgpd in `namespace`.
    public init(lab: RouterLab, namespace: String, name: String = "gobgp", routerID: String, asn: UInt32, neighbors: [LabNeighbor]) throws {
        self.lab = lab
        self.namespace = namespace
        let configURL = lab.directory.appendingPathComponent("\(name).toml")
        var config = "[global.config]\n  as = \(asn)\n  router-id = \"\(routerID)\"\n  port = 179\n"
        for neighbor in neighbors {
            config += "\n[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"\(neighbor.address)\"\n    peer-as = \(neighbor.asn)\n"
            if let password = neighbor.password { config += "    auth-password = \"\(password)\"\n" }
            if neighbor.passive { config += "  [neighbors.transport.config]\n    passive-mode = true\n" }
            config += "  [neighbors.timers.config]\n    connect-retry = 2\n"  // lab speed
            if let hold = neighbor.holdTime { config += "    hold-time = \(hold)\n    keepalive-interval = \(max(1, hold / 3))\n" }
            if neighbor.gracefulRestart { config += "  [neighbors.graceful-restart.config]\n    enabled = true\n" }
            config += "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"\(neighbor.ipv6 ? "ipv6-unicast" : "ipv4-unicast")\"\n"
            if neighbor.gracefulRestart { config += "    [neighbors.afi-safis.mp-graceful-restart.config]\n      enabled = true\n" }
        }
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        process = try lab.start(name, in: namespace, ["gobgpd", "-f", configURL.path, "--api-hosts", "127.0.0.1:\(apiPort)", "-p"])
        try lab.wait(for: "gobgpd API", timeout: .seconds(15)) { (try? self.cli(["global"])) != nil }
    }

    /// Runs the gobgp CLI against this router.
    public func cli(_ arguments: [String]) throws -> String {
        try lab.exec(in: namespace, ["gobgp", "-u", "127.0.0.1", "-p", String(apiPort)] + arguments).stdout
    }

    public func routes() throws -> [LabRoute] {
        var result: [LabRoute] = []
        for family in ["ipv4", "ipv6"] {
            let output = try cli(["global", "rib", "-a", family, "-j"])
            guard let table = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else { continue }
            for prefix in table.keys.sorted() {
                for path in table[prefix] as? [[String: Any]] ?? [] {
                    var route = LabRoute(prefix: prefix)
                    for attribute in path["attrs"] as? [[String: Any]] ?? [] {
                        switch attribute["type"] as? Int {
                        case 2:
                            let segments = attribute["as_paths"] as? [[String: Any]] ?? []
                            route.asPath = segments.flatMap { ($0["asns"] as? [Int] ?? []).map(UInt32.init) }
                        case 3: route.nextHop = attribute["nexthop"] as? String
                        case 4: route.med = (attribute["metric"] as? Int).map(UInt32.init)
                        case 5: route.localPref = (attribute["value"] as? Int).map(UInt32.init)
                        case 8:
                            route.communities = (attribute["communities"] as? [Int] ?? []).map { "\($0 >> 16):\($0 & 0xFFFF)" }.sorted()
                        case 14:
                            route.nextHop = (attribute["nexthop"] as? String) ?? route.nextHop
                        case 32:
                            let values = attribute["value"] as? [[String: Any]] ?? []
                            route.largeCommunities = values.map { "\($0["ASN"] ?? 0):\($0["LocalData1"] ?? 0):\($0["LocalData2"] ?? 0)" }.sorted()
                        default: break
                        }
                    }
                    result.append(route)
                }
            }
        }
        return result
    }

    private func neighborState(_ neighbor: LabNeighbor) throws -> [String: Any] {
        let output = try cli(["neighbor", neighbor.address, "-j"])
        return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?["state"] as? [String: Any] ?? [:]
    }

    public func isEstablished(_ neighbor: LabNeighbor) throws -> Bool {
        let state = try neighborState(neighbor)
        return (state["session_state"] as? Int) == 6 || (state["session_state"] as? String)?.lowercased() == "established"
    }

    public func sessionGeneration(_ neighbor: LabNeighbor) throws -> String? {
        let state = try neighborState(neighbor)
        return (state["flops"] as? Int).map(String.init) ?? "0"
    }
}
