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

    @Test("An announcer's routes come sorted by prefix, then advertisement name")
    func sortedRoutes() throws {
        let one = try IPAddress(parsing: "192.0.2.1"), two = try IPAddress(parsing: "192.0.2.2")
        let a = ServiceKey(source: "static", name: "a"), b = ServiceKey(source: "static", name: "b")
        let plan = AnnouncementPlan.compute(
            assignments: [Assignment(key: b, pool: "p", addresses: [two]), Assignment(key: a, pool: "p", addresses: [one])],
            intents: [a: ServiceIntent(key: a, request: AddressRequest()), b: ServiceIntent(key: b, request: AddressRequest())],
            advertisements: [
                AdvertisementConfig(name: "z-second", announcer: "one", pools: ["p"], options: options()),
                AdvertisementConfig(name: "a-first", announcer: "one", pools: ["p"], options: options()),
            ],
            announcers: ["one"]
        )
        #expect(plan.routes["one"] == [
            DesiredRoute(prefix: .host(one), advertisement: "a-first", services: [a]),
            DesiredRoute(prefix: .host(one), advertisement: "z-second", services: [a]),
            DesiredRoute(prefix: .host(two), advertisement: "a-first", services: [b]),
            DesiredRoute(prefix: .host(two), advertisement: "z-second", services: [b]),
        ])
    }
}
