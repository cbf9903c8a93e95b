import ArgumentParser
import Foundation
import IronLBCore
import IronLBPluginAPI

/// `ironlbctl status`.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Health, configuration generation, last reload, announcers.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        let response = try await options.call(.GET, "/v1/status")
        if options.json { return options.printRaw(response) }
        let status = try options.decode(StatusReport.self, from: response)
        var lines = [
            "ironlbd \(status.version): \(status.health)",
            "config     \(status.configFile) (generation \(status.generation))",
            "reload     \(status.lastReload)",
        ]
        lines += status.lastReloadDetails.map { "           \($0)" }
        lines.append("services   \(status.services) in \(status.pools) pools, \(status.refusals) without an address")
        if status.maintenance != .normal { lines.append("drain      \(status.maintenance.rawValue) (`ironlbctl undrain` ends it)") }
        lines.append("announcers")
        lines += Table.render([["NAME", "HEALTH", "SUMMARY"]] + status.announcers.map { [$0.name, $0.healthy ? "ok" : "unhealthy", $0.summary] }, indent: 2)
        print(lines.joined(separator: "\n"))
        if status.health != "ok" { throw ExitCode(1) }
    }
}

/// `ironlbctl services`.
struct Services: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Services with their addresses, pools and announcers, or why they have none.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        let response = try await options.call(.GET, "/v1/services")
        if options.json { return options.printRaw(response) }
        let services = try options.decode([ServiceReport].self, from: response)
        let rows = services.map { service in
            [service.service, service.pool ?? "-", service.addresses.isEmpty ? "-" : service.addresses.joined(separator: ", "),
             service.refusal.map { "no address: \($0)" } ?? (service.announcedBy.isEmpty ? "not announced" : service.announcedBy.joined(separator: ", ")),
             service.sharedWith.isEmpty ? "" : "\(service.sharingKey ?? "-"): \(service.sharedWith.joined(separator: ", "))"]
        }
        print(Table.render([["SERVICE", "POOL", "ADDRESSES", "ANNOUNCED BY", "SHARED (KEY: WITH)"]] + rows).joined(separator: "\n"))
        for service in services { if let conflict = service.conflict { print("conflict: \(service.service): \(conflict)") } }
    }
}

/// `ironlbctl routes [--sent]`.
struct Routes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The routes each announcer is asked to announce, or (--sent) what each peer holds from us.")
    @OptionGroup var options: DaemonOptions
    @Flag(help: "Show each peer's Adj-RIB-Out: the routes sent to it, with next hop and attributes.")
    var sent = false

    func run() async throws {
        if sent { return try await printSent() }
        let response = try await options.call(.GET, "/v1/routes")
        if options.json { return options.printRaw(response) }
        let report = try options.decode(RoutesReport.self, from: response)
        var rows = [["ANNOUNCER", "PREFIX", "ADVERTISEMENT", "SERVICES"]]
        for (announcer, routes) in report.routes.sorted(by: { $0.key < $1.key }) {
            for route in routes {
                rows.append([announcer, route.prefix.description, route.advertisement, route.services.map(\.description).joined(separator: ", ")])
            }
        }
        print(Table.render(rows).joined(separator: "\n"))
    }
}

extension Routes {
    private func printSent() async throws {
        guard let routes = try await options.fetch([ExportedRoute].self, "/v1/routes/sent") else { return }
        print(Table.render([["PEER", "PREFIX", "NEXT HOP", "ATTRIBUTES"]] + routes.map {
            [$0.peer, $0.prefix.description, $0.nextHop ?? "-", $0.attributes.joined(separator: ", ")]
        }).joined(separator: "\n"))
    }
}

/// `ironlbctl config`.
struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The running configuration, normalized.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        options.printRaw(try await options.call(.GET, "/v1/config"))
    }
}

/// `ironlbctl reload`.
struct Reload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reload the configuration file now; print what changed or why it was rejected.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        let response = try await options.call(.POST, "/v1/reload")
        let report = try options.decode(ReloadReport.self, from: response)
        if options.json {
            options.printRaw(response)
        } else {
            print("reload \(report.outcome) (generation \(report.generation))")
            for detail in report.details { print("  \(detail)") }
        }
        if report.outcome == "rejected" { throw ExitCode(1) }
    }
}

/// Aligned text tables.
enum Table {
    static func render(_ rows: [[String]], indent: Int = 0) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            String(repeating: " ", count: indent) + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
    }
}
