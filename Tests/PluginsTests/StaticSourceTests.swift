import Logging
import Metrics
import ServiceLifecycle
import Testing
import IronLBPluginAPI
import IronLBStaticSource

/// Collects what a source delivers.
actor CollectingSink: ServiceIntentSink {
    private(set) var snapshots: [(String, [ServiceIntent])] = []
    func replaceServices(from source: String, with intents: [ServiceIntent]) { snapshots.append((source, intents)) }
    func upsert(_ intent: ServiceIntent) {}
    func remove(_ key: ServiceKey) {}
    var count: Int { snapshots.count }
}

@Suite("Static source")
struct StaticSourceTests {
    let context = PluginContext(logger: Logger(label: "test"), metrics: NOOPMetricsHandler.instance, node: NodeIdentity(name: "n", routerID: nil, labels: [:]))

    @Test("It delivers its services on start and again on reconfigure, then stops on graceful shutdown")
    func deliversAndStops() async throws {
        let sink = CollectingSink()
        let first = StaticServices(services: [ServiceDeclaration(name: "web", request: AddressRequest(pool: "p"))])
        let source = try StaticSourcePlugin.make(configuration: first, sink: sink, context: context)
        let group = ServiceGroup(configuration: .init(services: [.init(service: source)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while await sink.count < 1 { try await Task.sleep(for: .milliseconds(5)) }
            let second = StaticServices(services: [ServiceDeclaration(name: "api", request: AddressRequest())])
            #expect(await source.reconfigure(to: second) == .applied)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let snapshots = await sink.snapshots
        #expect(snapshots.map(\.0) == ["static", "static"])
        #expect(snapshots.map { $0.1.map(\.key.description) } == [["static/web"], ["static/api"]])
    }
}
