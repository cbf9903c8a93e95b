import Foundation
package import IronLBPluginAPI
package import Logging
import ServiceLifecycle

/// The local API's source: addresses for named workloads that are not Kubernetes Services (VMs,
/// bare processes), assigned and released with `ironlbctl assign` / `release`.
///
/// Workloads are kept in `local-workloads.json` in the state directory, replaced atomically and
/// synced before the controller hears of a change, so a workload survives a restart or a crash
/// with its request; its address survives through the allocation journal like every other.
package actor LocalSource: Service {
    /// The file in the state directory.
    package static let fileName = "local-workloads.json"

    /// One workload as the API takes and reports it.
    package struct Workload: Codable, Sendable, Equatable {
        package var name: String
        package var request: AddressRequest

        package init(name: String, request: AddressRequest) {
            self.name = name
            self.request = request
        }
    }

    /// Why an assignment or release was refused.
    package struct Refusal: Error, CustomStringConvertible {
        package var status: Int
        package var description: String
    }

    private struct Stored: Codable {
        var version = 1
        var workloads: [String: AddressRequest]
    }

    private let stateDirectory: String?
    private let sink: any ServiceIntentSink
    private let logger: Logger
    private var workloads: [String: AddressRequest] = [:]
    private var loaded = false

    /// A source that persists in `stateDirectory` (nil: in memory, for tests) and reports to `sink`.
    package init(stateDirectory: String?, sink: any ServiceIntentSink, logger: Logger) {
        self.stateDirectory = stateDirectory
        self.sink = sink
        self.logger = logger
    }

    /// Loads the workloads and hands them to the controller, then waits for shutdown.
    package func run() async throws {
        try await load()
        try? await gracefulShutdown()
    }

    /// Every workload, by name.
    package func list() async throws -> [Workload] {
        try await load()
        return workloads.sorted { $0.key < $1.key }.map { Workload(name: $0.key, request: $0.value) }
    }

    /// Records `request` for `name` (durably) and hands it to the controller.
    package func assign(_ name: String, _ request: AddressRequest) async throws -> AddressRequest? {
        try await load()
        guard Self.isValidName(name) else {
            throw Refusal(status: 400, description: "invalid workload name \"\(name)\": use 1 to 253 letters, digits, '.', '-' or '_'")
        }
        let previous = workloads[name]
        workloads[name] = request
        try save()
        await sink.upsert(intent(name, request))
        logger.info("local workload \(name) assigned", metadata: ["service": "\(Controller.localSource)/\(name)"])
        return previous
    }

    /// Puts back what `assign` replaced (nil: the workload did not exist), after the controller refused it.
    package func restore(_ name: String, _ previous: AddressRequest?) async throws {
        workloads[name] = previous
        try save()
        if let previous { await sink.upsert(intent(name, previous)) } else { await sink.remove(key(name)) }
    }

    /// Forgets `name` (durably) and releases its address.
    package func release(_ name: String) async throws {
        try await load()
        guard workloads[name] != nil else { throw Refusal(status: 404, description: "no local workload named \"\(name)\"") }
        workloads[name] = nil
        try save()
        await sink.remove(key(name))
        logger.info("local workload \(name) released", metadata: ["service": "\(Controller.localSource)/\(name)"])
    }

    /// The service key of workload `name`.
    package nonisolated func key(_ name: String) -> ServiceKey { ServiceKey(source: Controller.localSource, name: name) }

    private func intent(_ name: String, _ request: AddressRequest) -> ServiceIntent {
        ServiceIntent(key: key(name), request: request)
    }

    private func load() async throws {
        guard !loaded else { return }
        loaded = true
        if let stateDirectory, let bytes = try DurableFile.contents(of: Self.fileName, in: stateDirectory) {
            do {
                workloads = try JSONDecoder().decode(Stored.self, from: Data(bytes)).workloads
            } catch {
                // Refuse to run on a file we cannot read rather than releasing everyone's address.
                loaded = false
                throw Refusal(status: 500, description: "cannot read \(stateDirectory)/\(Self.fileName): \(error)")
            }
            logger.info("restored \(workloads.count) local workloads")
        }
        await sink.replaceServices(from: Controller.localSource, with: workloads.map { intent($0.key, $0.value) })
    }

    private func save() throws {
        guard let stateDirectory else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try DurableFile.replace(Self.fileName, in: stateDirectory, with: Array(try encoder.encode(Stored(workloads: workloads))))
    }

    private static func isValidName(_ name: String) -> Bool {
        (1...253).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2E || byte == 0x2D || byte == 0x5F
        }
    }
}
