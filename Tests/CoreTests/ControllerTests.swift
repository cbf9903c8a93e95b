import Logging
import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI
import IronLBStaticSource

@Suite("Controller")
struct ControllerTests {
    let registry = try! PluginRegistry(
        announcers: [RecordingAnnouncerPlugin.self], strategies: [SequentialStrategyPlugin.self], sources: [StaticSourcePlugin.self]
    )

    func config(_ text: String) throws -> IronLBConfig {
        let result = ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "c.yaml")
        return try #require(result.config, "\(result.diagnostics.all)")
    }

    let text = """
    version: 1
    pools:
      - name: public
        addresses: [203.0.113.0/30, 2001:db8::/126]
      - name: private
        addresses: [192.0.2.0/30]
        auto-assign: false
    announcers:
      recording: {}
    advertisements:
      - name: pub
        announcer: recording
        pools: [public]
    """

    func key(_ name: String) -> ServiceKey { ServiceKey(source: "static", name: name) }

    @Test("Services get addresses and only advertised pools become routes")
    func routesFollowAssignments() async throws {
        let announcer = RecordingAnnouncer()
        let controller = try Controller(config: try config(text), registry: registry, announcers: ["recording": announcer], logger: Logger(label: "test"))
        var privateRequest = AddressRequest()
        privateRequest.pool = "private"
        await controller.replaceServices(from: "static", with: [
            ServiceIntent(key: key("web"), request: AddressRequest(families: .dualStack)),
            ServiceIntent(key: key("db"), request: privateRequest),
        ])
        let assignments = await controller.assignments()
        #expect(assignments.map(\.key) == [key("db"), key("web")])
        let routes = await announcer.latest
        #expect(routes.map(\.prefix.description) == ["203.0.113.0/32", "2001:db8::/128"])
        #expect(routes.allSatisfy { $0.advertisement == "pub" && $0.services == [key("web")] })
    }

    @Test("A removed service is released and its route withdrawn")
    func removal() async throws {
        let announcer = RecordingAnnouncer()
        let controller = try Controller(config: try config(text), registry: registry, announcers: ["recording": announcer], logger: Logger(label: "test"))
        await controller.replaceServices(from: "static", with: [ServiceIntent(key: key("web"), request: AddressRequest())])
        #expect(await announcer.latest.count == 1)
        await controller.replaceServices(from: "static", with: [])
        #expect(await announcer.latest.isEmpty)
        #expect(await controller.assignments().isEmpty)
    }

    @Test("A service that is not to be announced from this node gets an address but no route")
    func notEligible() async throws {
        let announcer = RecordingAnnouncer()
        let controller = try Controller(config: try config(text), registry: registry, announcers: ["recording": announcer], logger: Logger(label: "test"))
        await controller.upsert(ServiceIntent(key: key("web"), request: AddressRequest(), announceFromThisNode: false))
        #expect(await controller.assignments().count == 1)
        #expect(await announcer.latest.isEmpty)
    }

    @Test("A refusal is recorded with its reason and cleared when the service goes")
    func refusal() async throws {
        let announcer = RecordingAnnouncer()
        let controller = try Controller(config: try config(text), registry: registry, announcers: ["recording": announcer], logger: Logger(label: "test"))
        let intents = (0..<5).map { ServiceIntent(key: key("s\($0)"), request: AddressRequest()) }
        await controller.replaceServices(from: "static", with: intents)
        let refusals = await controller.currentRefusals()
        #expect(refusals[key("s4")]?.message == "pool public is full (4 of 4 IPv4 addresses in use)")
        await controller.remove(key("s4"))
        #expect(await controller.currentRefusals().isEmpty)
    }
}
