import ArgumentParser
import Foundation
import IronLBCore
import IronLBPluginAPI

/// `ironlbctl drain [--wait DURATION]`.
struct Drain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move traffic off this node: re-announce with GRACEFUL_SHUTDOWN, wait, withdraw everything; returns when done.",
        discussion: "The drain is recorded in the state directory: the node stays drained across restarts until `ironlbctl undrain`."
    )
    @OptionGroup var options: DaemonOptions
    @Option(help: "How long the routers get to move traffic before the routes are withdrawn (e.g. 30s, 2m).")
    var wait: String = "0s"

    func validate() throws {
        guard ConfigDuration.parse(wait) != nil else { throw ValidationError("--wait takes a duration such as 30s or 2m") }
    }

    func run() async throws {
        try await Maintaining.run(options, "/v1/drain?wait=\(wait)")
    }
}

/// `ironlbctl undrain`.
struct Undrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "End a drain: announce the routes again.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        try await Maintaining.run(options, "/v1/undrain")
    }
}

enum Maintaining {
    static func run(_ options: DaemonOptions, _ path: String) async throws {
        guard let report = try await options.fetch(MaintenanceReport.self, path, method: .POST) else { return }
        let what = switch report.maintenance {
        case .normal: "announcing \(report.routes) routes again"
        case .withdrawn: "drained: \(report.routes) routes withdrawn from every neighbour"
        case .gracefulShutdown: "draining was interrupted; routes are still announced with GRACEFUL_SHUTDOWN"
        }
        print("\(what) (\(String(format: "%.2f", report.seconds)) s)")
    }
}
