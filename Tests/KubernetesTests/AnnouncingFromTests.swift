import IronLBPluginAPI
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// Each node that announces a Service's address says so in an `AnnouncingFrom` Event, once per change.
@Suite("Kubernetes AnnouncingFrom events", .timeLimit(.minutes(2)))
struct AnnouncingFromTests {
    static func announcing(_ server: FakeAPIServer) -> [JSONValue] {
        server.store.events.filter { $0["reason"] == .string("AnnouncingFrom") }
    }

    @Test("Starting to announce records one Event naming the node and the announcer; nothing more until it changes")
    func oncePerChange() async throws {
        let harness = try await KubernetesHarness(announce: true)
        let server = harness.server
        server.store.put(.nodes, Fixtures.node("node-a"))
        server.store.put(.endpointslices, Fixtures.endpointSlice(service: "web", endpoints: [("node-a", true)]))
        server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually(timeout: .seconds(60)) { Self.announcing(server).count == 1 }, "\(harness.logs.all.suffix(20))")
            let event = try #require(Self.announcing(server).first)
            #expect(event["type"] == .string("Normal") && event["involvedObject"]["name"] == .string("web"))
            #expect(event["message"] == .string(#"announcing 192.0.2.0 from node "node-a" with announcer "dry-run""#))
            #expect(event["source"]["host"] == .string("node-a"))

            // Changes that do not change what this node announces record nothing.
            var relabelled = try #require(server.store.object(.services, key: "default/web"))
            relabelled["metadata"]["labels"]["tier"] = .string("front")
            server.store.put(.services, relabelled)
            server.store.put(.nodes, Fixtures.node("node-a", labels: ["zone": "b"]))
            try await Task.sleep(for: .milliseconds(500))
            #expect(Self.announcing(server).count == 1)

            // No ready endpoint: the node stops announcing; ready again: it starts again.
            server.store.put(.endpointslices, Fixtures.endpointSlice(service: "web", endpoints: [("node-a", false)]))
            #expect(await eventually(timeout: .seconds(60)) { await harness.controller.currentPlan().routes["dry-run"]?.isEmpty == true })
            #expect(Self.announcing(server).count == 1, "stopping records nothing")
            server.store.put(.endpointslices, Fixtures.endpointSlice(service: "web", endpoints: [("node-a", true)]))
            #expect(await eventually(timeout: .seconds(60)) { Self.announcing(server).count == 2 })
        }
    }

    @Test("Only services whose announcers changed are reported, in key order")
    func changes() {
        let web = ServiceKey(source: "kubernetes", name: "default/web"), api = ServiceKey(source: "kubernetes", name: "default/api")
        #expect(AnnouncementEvents.changes(from: [:], to: [web: ["bgp"], api: ["bgp"]]).map(\.0) == [api, web])
        #expect(AnnouncementEvents.changes(from: [web: ["bgp"]], to: [web: ["bgp"]]).isEmpty)
        #expect(AnnouncementEvents.changes(from: [web: ["bgp"]], to: [web: ["bgp", "l2"]]).map(\.1) == [["bgp", "l2"]])
        #expect(AnnouncementEvents.changes(from: [web: ["bgp"]], to: [:]).isEmpty)
        #expect(AnnouncementEvents.message(node: "n1", addresses: [IPAddress("2001:db8::1")!], announcers: ["bgp", "l2"])
            == #"announcing 2001:db8::1 from node "n1" with announcers "bgp", "l2""#)
    }
}
