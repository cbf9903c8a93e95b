import Foundation

/// BIRD 2 in a lab namespace, configured with one BGP protocol per neighbor (import all; export as
/// `export` says: `none`, `all`, or `filter { ... }`), queried through its control socket.
public final class BIRDRouter: LabRouter {
    public let process: LabProcess
    private let socket: String

    /// Starts BIRD in `namespace`. `extraConfig` is appended verbatim (static routes for export, filters).
    public init(lab: RouterLab, namespace: String, name: String = "bird", routerID: String, asn: UInt32, neighbors: [LabNeighbor], export: String = "none", extraConfig: String = "") throws {
        let configURL = lab.directory.appendingPathComponent("\(name).conf")
        socket = lab.directory.appendingPathComponent("\(name).ctl").path
        var config = """
        router id \(routerID);
        log stderr all;
        protocol device {}
        \(extraConfig)

        """
        for neighbor in neighbors {
            let channel = neighbor.ipv6 ? "ipv6" : "ipv4"
            var lines = [
                "  local \(neighbor.localAddress) as \(asn);",
                "  neighbor \(neighbor.address) as \(neighbor.asn);",
                neighbor.bothFamilies ? "  ipv4 { import all; export \(export); };\n  ipv6 { import all; export \(export); };" : "  \(channel) { import all; export \(export); };",
            ]
            lines.append("  connect retry time 2; connect delay time 1; error wait time 1, 5;")  // lab speed
            if neighbor.asn == asn { lines.append("  direct;") }  // iBGP peers are on the link; no IGP to resolve next hops
            if neighbor.passive { lines.append("  passive on;") }
            if let password = neighbor.password { lines.append("  password \"\(password)\";") }
            if let hold = neighbor.holdTime { lines.append("  hold time \(hold);") }
            if neighbor.gracefulRestart { lines.append("  graceful restart on;") }
            config += "protocol bgp \(neighbor.name) {\n\(lines.joined(separator: "\n"))\n}\n"
        }
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        process = try lab.start(name, in: namespace, ["bird", "-f", "-c", configURL.path, "-s", socket, "-P", lab.directory.appendingPathComponent("\(name).pid").path])
        try lab.wait(for: "BIRD control socket", timeout: .seconds(15)) { FileManager.default.fileExists(atPath: self.socket) }
    }

    /// Runs a birdc command.
    public func command(_ words: String...) throws -> String {
        try LabCommand.run(["birdc", "-s", socket] + words).stdout
    }

    public func routes() throws -> [LabRoute] {
        Self.parseRoutes(try command("show", "route", "all", "where", "source = RTS_BGP"))
    }

    /// How many BGP routes BIRD holds, without listing them (`show route count`).
    public func routeCount() throws -> Int {
        // "10000 of 10000 routes for 10000 networks in table master4", one line per table.
        try command("show", "route", "count", "where", "source = RTS_BGP").split(separator: "\n")
            .filter { $0.contains("routes for") }
            .compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).first.flatMap { Int($0) } }
            .reduce(0, +)
    }

    public func isEstablished(_ neighbor: LabNeighbor) throws -> Bool {
        try command("show", "protocols", neighbor.name).contains("Established")
    }

    public func sessionGeneration(_ neighbor: LabNeighbor) throws -> String? {
        // The "Since" column: the time of the last state change, which only moves on a reset. BIRD
        // moves it more than once while a session comes up (a millisecond apart, with "Established"
        // already shown), so read until two reads 200 ms apart agree.
        var last = try since(neighbor)
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            let next = try since(neighbor)
            if next == last { return next }
            last = next
        }
        return last
    }

    private func since(_ neighbor: LabNeighbor) throws -> String? {
        let line = try command("show", "protocols", neighbor.name).split(separator: "\n").first { $0.hasPrefix(neighbor.name) }
        return line.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).first.map(String.init) ?? "" }
    }

    /// Parses `show route all` output into routes.
    static func parseRoutes(_ text: String) -> [LabRoute] {
        var routes: [LabRoute] = []
        var prefix = ""
        var current: LabRoute?
        func flush() { if let current { routes.append(current) } }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            if line.hasPrefix("BIRD ") || line.hasPrefix("Table ") || line.hasPrefix("Access restricted") { continue }
            if let first = line.first, !first.isWhitespace {
                flush()
                prefix = String(line.split(separator: " ").first ?? "")
                current = LabRoute(prefix: prefix)
            } else if line.trimmingCharacters(in: .whitespaces).hasPrefix("unicast [") {
                flush()
                current = LabRoute(prefix: prefix)
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch key {
                case "BGP.next_hop": current?.nextHop = value.split(separator: " ").first.map(String.init)
                case "BGP.as_path": current?.asPath = value.split(separator: " ").compactMap { UInt32($0) }
                case "BGP.local_pref": current?.localPref = UInt32(value)
                case "BGP.med": current?.med = UInt32(value)
                case "BGP.community":
                    current?.communities = Self.tuples(value).map { $0.joined(separator: ":") }.sorted()
                case "BGP.large_community":
                    current?.largeCommunities = Self.tuples(value).map { $0.joined(separator: ":") }.sorted()
                default: break
                }
            }
        }
        flush()
        return routes
    }

    /// `(65000,100) (65535,0)` → [["65000","100"], ["65535","0"]].
    private static func tuples(_ value: String) -> [[String]] {
        value.split(separator: ")").compactMap { part in
            guard let open = part.firstIndex(of: "(") else { return nil }
            return part[part.index(after: open)...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}
