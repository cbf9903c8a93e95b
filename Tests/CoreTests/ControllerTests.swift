import Foundation
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

@Suite("Controller durability")
struct ControllerDurabilityTests {
    let registry = try! PluginRegistry(
        announcers: [RecordingAnnouncerPlugin.self], strategies: [SequentialStrategyPlugin.self], sources: [StaticSourcePlugin.self]
    )

    func config(_ addresses: String) throws -> IronLBConfig {
        let text = """
        version: 1
        pools:
          - name: public
            addresses: [\(addresses)]
        announcers:
          recording: {}
        advertisements:
          - name: pub
            announcer: recording
            pools: [public]
        """
        let result = ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "c.yaml")
        return try #require(result.config, "\(result.diagnostics.all)")
    }

    func intent(_ name: String) -> ServiceIntent { ServiceIntent(key: ServiceKey(source: "static", name: name), request: AddressRequest()) }

    @Test("A restarted controller gives every service the address it had, whatever order services arrive in")
    func restartKeepsAddresses() async throws {
        let directory = AllocatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try Controller(config: try config("203.0.113.0/29"), registry: registry, announcers: ["recording": RecordingAnnouncer()], logger: Logger(label: "t"), stateDirectory: directory)
        await first.replaceServices(from: "static", with: ["a", "b", "c"].map(intent))
        await first.remove(ServiceKey(source: "static", name: "a"))
        let before = await first.assignments()
        let second = try Controller(config: try config("203.0.113.0/29"), registry: registry, announcers: ["recording": RecordingAnnouncer()], logger: Logger(label: "t"), stateDirectory: directory)
        #expect(await second.assignments() == before)
        await second.replaceServices(from: "static", with: ["d", "c", "b"].map(intent))
        let after = await second.assignments()
        #expect(after.filter { $0.key.name != "d" } == before)
        #expect(after.first { $0.key.name == "d" }?.addresses.map(\.description) == ["203.0.113.0"])
    }

    @Test("A pool edit that leaves an address outside every pool keeps the service there, flagged orphaned")
    func orphanKept() async throws {
        let directory = AllocatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try Controller(config: try config("203.0.113.0/31, 198.51.100.0/31"), registry: registry, announcers: ["recording": RecordingAnnouncer()], logger: Logger(label: "t"), stateDirectory: directory)
        await controller.replaceServices(from: "static", with: ["a", "b", "c"].map(intent))
        let before = await controller.assignments()
        try await controller.reconfigure(to: try config("198.51.100.0/31"), announcers: ["recording": RecordingAnnouncer()])
        #expect(await controller.assignments() == before)
        let orphans = await controller.orphanedAssignments()
        #expect(orphans.keys.sorted().map(\.name) == ["a", "b"])
        #expect(orphans[ServiceKey(source: "static", name: "a")]?.contains("203.0.113.0 of static/a is outside every pool") == true)
        let restarted = try Controller(config: try config("198.51.100.0/31"), registry: registry, announcers: ["recording": RecordingAnnouncer()], logger: Logger(label: "t"), stateDirectory: directory)
        #expect(await restarted.assignments() == before)
        #expect(await restarted.orphanedAssignments().count == 2)
    }
}
