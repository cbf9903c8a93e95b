import Logging
import Metrics
import Testing
import IronLBDryRun
import IronLBPluginAPI

@Suite("Dry-run announcer")
struct DryRunAnnouncerTests {
    func context() -> PluginContext {
        PluginContext(logger: Logger(label: "test"), metrics: NOOPMetricsHandler.instance, node: NodeIdentity(name: "n", routerID: nil, labels: [:]))
    }

    func route(_ prefix: String, _ advertisement: String = "ad") throws -> DesiredRoute {
        DesiredRoute(prefix: try IPPrefix(parsing: prefix), advertisement: advertisement, services: [ServiceKey(source: "static", name: "s")])
    }

    @Test("It reports exactly the routes it was last given")
    func reportsRoutes() async throws {
        let announcer = try DryRunAnnouncerPlugin.make(
            setup: AnnouncerSetup(section: DryRunConfiguration(logRoutes: true), advertisements: [:]), context: context()
        )
        await announcer.announce([try route("203.0.113.5/32"), try route("192.0.2.1/32")])
        var status = await announcer.status()
        #expect(status.announced.map(\.prefix.description) == ["192.0.2.1/32", "203.0.113.5/32"])
        #expect(status.summary == "2 routes (dry run: nothing sent)")
        await announcer.announce([try route("203.0.113.5/32")])
        status = await announcer.status()
        #expect(status.announced.map(\.prefix.description) == ["203.0.113.5/32"])
    }

    @Test("Reconfigure applies in place")
    func reconfigure() async throws {
        let announcer = try DryRunAnnouncerPlugin.make(setup: AnnouncerSetup(section: DryRunConfiguration(logRoutes: true), advertisements: [:]), context: context())
        let outcome = await announcer.reconfigure(to: AnnouncerSetup(section: DryRunConfiguration(logRoutes: false), advertisements: [:]))
        #expect(outcome == .applied)
    }
}
