import ArgumentParser
import Foundation
import IronLBCore
import IronLBPluginAPI

/// `ironlbctl explain SERVICE`.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Why a service has its address (or none), and where and why it is announced.")
    @OptionGroup var options: DaemonOptions
    @Argument(help: "The service as SOURCE/NAME, e.g. static/web, local/vm1, kubernetes/default/web.")
    var service: String

    func run() async throws {
        guard service.contains("/") else { throw ValidationError("name the service as SOURCE/NAME (see `ironlbctl services`)") }
        let path = "/v1/services/" + service.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }.joined(separator: "/")
        guard let report = try await options.fetch(ExplainReport.self, path) else { return }
        print(ExplainText.render(report))
    }
}

/// The human form of an `ExplainReport`, shared by `explain` and `assign`.
enum ExplainText {
    static func render(_ report: ExplainReport) -> String {
        var lines = ["service    \(report.service)" + (report.declared ? "" : " (not declared by its source)")]
        lines.append("pool       \(report.pool ?? "-")")
        lines.append("addresses  \(report.addresses.isEmpty ? "-" : report.addresses.joined(separator: ", "))")
        lines.append("allocation")
        lines += report.allocation.map { "  \($0)" }
        lines.append("announcement")
        lines += report.announcement.map { "  \($0)" }
        let routes = report.routes.sorted { $0.key < $1.key }.flatMap { announcer, routes in routes.map { [announcer, $0.prefix.description, $0.advertisement] } }
        if !routes.isEmpty { lines += Table.render([["ANNOUNCER", "PREFIX", "ADVERTISEMENT"]] + routes, indent: 2) }
        if !report.sent.isEmpty {
            lines.append("sent to")
            lines += Table.render([["PEER", "PREFIX", "NEXT HOP", "ATTRIBUTES"]] + report.sent.map {
                [$0.peer, $0.prefix.description, $0.nextHop ?? "-", $0.attributes.joined(separator: ", ")]
            }, indent: 2)
        }
        return lines.joined(separator: "\n")
    }
}

/// `ironlbctl pools`.
struct Pools: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pools: strategy, capacity and use per family and per block, orphans.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        guard let pools = try await options.fetch([PoolReport].self, "/v1/pools") else { return }
        var rows = [["POOL", "STRATEGY", "BLOCK", "IN USE", "CAPACITY", "FLAGS"]]
        for pool in pools {
            var flags: [String] = []
            if !pool.autoAssign { flags.append("on-request") }
            if pool.draining { flags.append("draining") }
            if !pool.orphans.isEmpty { flags.append("\(pool.orphans.count) orphans") }
            for (index, usage) in (pool.families + pool.blocks).enumerated() {
                rows.append([index == 0 ? pool.name : "", index == 0 ? pool.strategy : "", usage.name, "\(usage.inUse)", "\(usage.capacity)",
                             index == 0 ? flags.joined(separator: ",") : ""])
            }
        }
        print(Table.render(rows).joined(separator: "\n"))
    }
}

/// `ironlbctl peers`.
struct Peers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Neighbours of every announcer: state, uptime, prefixes, messages, last error.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        guard let reports = try await options.fetch([PeerReport].self, "/v1/peers") else { return }
        let now = Date().timeIntervalSince1970
        var rows = [["ANNOUNCER", "PEER", "ADDRESS", "AS", "STATE", "UP FOR", "SENT", "RECEIVED", "MSGS OUT/IN", "LAST ERROR"]]
        for report in reports {
            let peer = report.peer
            let asn: String = peer.asn.map { String($0) } ?? "-"
            let upFor: String = peer.upSince.map { Self.duration(now - $0) } ?? "-"
            let messages = "\(peer.messagesSent)/\(peer.messagesReceived)"
            rows.append([report.announcer, peer.name, peer.address, asn, peer.state, upFor, String(peer.prefixesSent),
                         String(peer.prefixesReceived), messages, peer.lastError ?? ""])
        }
        print(Table.render(rows).joined(separator: "\n"))
    }

    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let (days, hours, minutes, rest) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60)
        return days > 0 ? "\(days)d\(hours)h" : hours > 0 ? "\(hours)h\(minutes)m" : minutes > 0 ? "\(minutes)m\(rest)s" : "\(rest)s"
    }
}
