import Logging
import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI
import IronLBStaticSource

/// The controller tells a source's observer its services' assignments and refusals: its own only,
/// once per change, and no more after it stops observing.
@Suite("Assignment observers")
struct AssignmentObserverTests {
    let registry = try! PluginRegistry(announcers: [], strategies: [SequentialStrategyPlugin.self], sources: [StaticSourcePlugin.self])

    actor Recorder: AssignmentObserver {
        private(set) var pictures: [([ServiceKey: [IPAddress]], [ServiceKey: String])] = []
        func assignmentsChanged(_ picture: AssignmentPicture) async {
            pictures.append((picture.addresses, picture.refusals))
        }
    }

    func controller() throws -> Controller {
        let text = "version: 1\npools:\n  - name: tiny\n    addresses: [192.0.2.0/31]\n"
        let config = try #require(ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "c.yaml").config)
        return try Controller(config: config, registry: registry, announcers: [:], logger: Logger(label: "test"))
    }

    func intent(_ source: String, _ name: String) -> ServiceIntent {
        ServiceIntent(key: ServiceKey(source: source, name: name), request: AddressRequest())
    }

    @Test("An observer hears its own source's assignments and refusals, once per change")
    func ownSourceOnly() async throws {
        let controller = try controller()
        let recorder = Recorder()
        await controller.observeAssignments(of: "kubernetes", by: recorder)
        #expect(await recorder.pictures.count == 1, "a new observer is told the current picture")
        await controller.replaceServices(from: "static", with: [intent("static", "other")])
        #expect(await recorder.pictures.count == 1, "another source's change is not reported")
        await controller.replaceServices(from: "kubernetes", with: [intent("kubernetes", "a/web"), intent("kubernetes", "a/api")])
        let pictures = await recorder.pictures
        #expect(pictures.count == 2)
        let web = ServiceKey(source: "kubernetes", name: "a/web"), api = ServiceKey(source: "kubernetes", name: "a/api")
        #expect(pictures.last?.0 == [api: [IPAddress("192.0.2.1")!]])
        #expect(pictures.last?.1[web]?.contains("full") == true)
        await controller.replaceServices(from: "kubernetes", with: [intent("kubernetes", "a/web"), intent("kubernetes", "a/api")])
        #expect(await recorder.pictures.count == 2, "an unchanged picture is not repeated")
    }

    @Test("After nil, the observer hears nothing more")
    func stopObserving() async throws {
        let controller = try controller()
        let recorder = Recorder()
        await controller.observeAssignments(of: "kubernetes", by: recorder)
        await controller.observeAssignments(of: "kubernetes", by: nil)
        await controller.replaceServices(from: "kubernetes", with: [intent("kubernetes", "a/web")])
        #expect(await recorder.pictures.count == 1)
    }
}
