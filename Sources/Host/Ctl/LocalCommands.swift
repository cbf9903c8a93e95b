import ArgumentParser
import Foundation
import IronLBCore
import IronLBPluginAPI

/// `ironlbctl assign NAME [options]`: an address for a workload outside Kubernetes.
struct Assign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give a named workload (a VM, a process) an address; it is kept across restarts until `release`.",
        discussion: "Running it again for the same name changes the request; the address stays when the new request allows it."
    )
    @OptionGroup var options: DaemonOptions
    @Argument(help: "The workload's name (letters, digits, '.', '-', '_').")
    var name: String
    @Option(help: "Take the address from this pool.")
    var pool: String?
    @Option(help: "Ask for this address (repeat for dual-stack).")
    var address: [String] = []
    @Option(help: "ipv4, ipv6, dual-stack or prefer-dual-stack.")
    var family: String = "ipv4"
    @Option(help: "Share the address with workloads or services that use the same key and other ports.")
    var sharingKey: String?
    @Option(help: "A port the workload uses, e.g. 443/tcp (repeat); needed to share an address.")
    var port: [String] = []

    func run() async throws {
        guard let families = FamilyPolicy(rawValue: family) else { throw ValidationError("--family: ipv4, ipv6, dual-stack or prefer-dual-stack") }
        var addresses: [IPAddress] = []
        for text in address {
            guard let parsed = IPAddress(text) else { throw ValidationError("--address \(text) is not an IP address") }
            addresses.append(parsed)
        }
        var ports: [ServicePort] = []
        for text in port {
            guard let parsed = ServicePort(parsing: text) else { throw ValidationError("--port \(text): use PORT or PORT/tcp|udp|sctp") }
            ports.append(parsed)
        }
        let request = AddressRequest(pool: pool, addresses: addresses, families: families, sharingKey: sharingKey, ports: ports)
        let body = Array(try JSONEncoder().encode(request))
        guard let report = try await options.fetch(ExplainReport.self, "/v1/local/\(Self.encoded(name))", method: .PUT, body: body) else { return }
        print(ExplainText.render(report))
    }

    /// `name` as one path segment (the daemon judges whether it is a valid workload name).
    static func encoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? name
    }
}

/// `ironlbctl release NAME`.
struct Release: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Release a workload's address and forget the workload.")
    @OptionGroup var options: DaemonOptions
    @Argument(help: "The workload's name.")
    var name: String

    func run() async throws {
        let response = try await options.call(.DELETE, "/v1/local/\(Assign.encoded(name))")
        try options.requireSuccess(response)
        if options.json { return options.printRaw(response) }
        print("released \(name)")
    }
}

/// `ironlbctl workloads`.
struct Workloads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Workloads assigned through the local API, with their requests.")
    @OptionGroup var options: DaemonOptions

    func run() async throws {
        guard let workloads = try await options.fetch([LocalSource.Workload].self, "/v1/local") else { return }
        let rows = workloads.map { workload in
            let request = workload.request
            return [workload.name, request.pool ?? "-", request.addresses.isEmpty ? "-" : request.addresses.map(\.description).joined(separator: ", "),
                    request.families.rawValue, request.sharingKey ?? "-", request.ports.map(\.description).joined(separator: " ")]
        }
        print(Table.render([["WORKLOAD", "POOL", "REQUESTED", "FAMILY", "SHARING KEY", "PORTS"]] + rows).joined(separator: "\n"))
    }
}
