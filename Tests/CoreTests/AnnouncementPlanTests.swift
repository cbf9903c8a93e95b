import Testing
@testable import IronLBCore
import IronLBPluginAPI

@Suite("Announcement plan")
struct AnnouncementPlanTests {
    func options() -> PluginSection { PluginSection(configuration: EmptyConfiguration()) }

    @Test("Shared addresses become one route listing every service; each advertisement gets its own route")
    func sharedAndMultipleAdvertisements() throws {
        let address = try IPAddress(parsing: "203.0.113.7")
        let a = ServiceKey(source: "static", name: "a"), b = ServiceKey(source: "static", name: "b")
        let plan = AnnouncementPlan.compute(
            assignments: [Assignment(key: b, pool: "p", addresses: [address]), Assignment(key: a, pool: "p", addresses: [address])],
            intents: [a: ServiceIntent(key: a, request: AddressRequest()), b: ServiceIntent(key: b, request: AddressRequest())],
            advertisements: [
                AdvertisementConfig(name: "x", announcer: "one", pools: ["p"], options: options()),
                AdvertisementConfig(name: "y", announcer: "two", pools: ["p", "q"], options: options()),
            ],
            announcers: ["one", "two", "idle"]
        )
        #expect(plan.routes["one"] == [DesiredRoute(prefix: .host(address), advertisement: "x", services: [a, b])])
        #expect(plan.routes["two"] == [DesiredRoute(prefix: .host(address), advertisement: "y", services: [a, b])])
        #expect(plan.routes["idle"] == [])
    }

    @Test("Pools in no advertisement produce no routes")
    func unadvertised() throws {
        let key = ServiceKey(source: "static", name: "a")
        let plan = AnnouncementPlan.compute(
            assignments: [Assignment(key: key, pool: "hidden", addresses: [try IPAddress(parsing: "192.0.2.1")])],
            intents: [key: ServiceIntent(key: key, request: AddressRequest())],
            advertisements: [AdvertisementConfig(name: "x", announcer: "one", pools: ["p"], options: options())],
            announcers: ["one"]
        )
        #expect(plan.routes == ["one": []])
    }
}
