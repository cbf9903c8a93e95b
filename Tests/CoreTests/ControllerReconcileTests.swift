import Foundation
import Logging
import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI
import IronLBStaticSource

/// The first time the controller hears of a service, what its source records (a Service's status)
/// is reconciled with the store: adopted into an empty store, overruled by a store that holds
/// something else, and every disagreement reported.
@Suite("Controller reconciles recorded addresses")
struct ControllerReconcileTests {
    let registry = try! PluginRegistry(announcers: [], strategies: [SequentialStrategyPlugin.self], sources: [StaticSourcePlugin.self])
    let key = ServiceKey(source: "kubernetes", name: "default/web")

    func controller(_ state: String) throws -> Controller {
        let text = "version: 1\npools:\n  - name: p\n    addresses: [192.0.2.0/29]\n"
        let config = try #require(ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "c.yaml").config)
        return try Controller(config: config, registry: registry, announcers: [:], logger: Logger(label: "test"), stateDirectory: state)
    }

    func state() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-reconcile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func intent(recorded: String...) -> ServiceIntent {
        ServiceIntent(key: key, request: AddressRequest(), recordedAddresses: recorded.map { IPAddress($0)! })
    }

    func addresses(_ controller: Controller) async -> [String] {
        await controller.assignments().first { $0.key == key }?.addresses.map(\.description) ?? []
    }

    @Test("An empty store adopts the recorded address, and keeps it when the intent later records nothing")
    func adopts() async throws {
        let controller = try controller(try state())
        await controller.replaceServices(from: "kubernetes", with: [intent(recorded: "192.0.2.5")])
        #expect(await addresses(controller) == ["192.0.2.5"])
        #expect(await controller.currentConflicts().isEmpty)
        await controller.replaceServices(from: "kubernetes", with: [intent()])
        #expect(await addresses(controller) == ["192.0.2.5"], "adopted under the intent's own request: nothing moves")
    }

    @Test("A recorded address outside every pool is replaced, and the conflict says so")
    func unadoptable() async throws {
        let controller = try controller(try state())
        await controller.replaceServices(from: "kubernetes", with: [intent(recorded: "203.0.113.9")])
        #expect(await addresses(controller) == ["192.0.2.0"])
        let conflict = try #require(await controller.currentConflicts()[key])
        #expect(conflict.contains("203.0.113.9") && conflict.contains("allocated 192.0.2.0 instead"), "\(conflict)")
    }

    @Test("After a restart the store wins over a different recorded address; later differences are not conflicts")
    func storeWins() async throws {
        let directory = try state()
        let first = try controller(directory)
        await first.replaceServices(from: "kubernetes", with: [intent()])
        #expect(await addresses(first) == ["192.0.2.0"])

        let second = try controller(directory)
        await second.replaceServices(from: "kubernetes", with: [intent(recorded: "192.0.2.6")])
        #expect(await addresses(second) == ["192.0.2.0"])
        let conflict = try #require(await second.currentConflicts()[key])
        #expect(conflict.contains("holds 192.0.2.0") && conflict.contains("records 192.0.2.6") && conflict.contains("source of truth"), "\(conflict)")
        #expect(await second.explain(key)?.allocation.contains("conflict: \(conflict)") == true)

        // A status that lags behind (the service was heard of before) is no conflict.
        let third = try controller(directory)
        await third.replaceServices(from: "kubernetes", with: [intent(recorded: "192.0.2.0")])
        await third.replaceServices(from: "kubernetes", with: [intent(recorded: "192.0.2.7")])
        #expect(await third.currentConflicts().isEmpty)
        #expect(await addresses(third) == ["192.0.2.0"])
        await third.replaceServices(from: "kubernetes", with: [])
        #expect(await third.currentConflicts().isEmpty)
        #expect(await addresses(third).isEmpty)
    }
}
