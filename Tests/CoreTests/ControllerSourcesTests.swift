import Foundation
import Logging
import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI
import IronLBStaticSource

@Suite("Controller: sources that report late, and drains")
struct ControllerSourcesTests {
    let registry = ControllerDurabilityTests().registry

    func controller(_ directory: String, _ announcer: RecordingAnnouncer) throws -> Controller {
        try Controller(config: try ControllerDurabilityTests().config("203.0.113.0/29"), registry: registry, announcers: ["recording": announcer], logger: Logger(label: "t"), stateDirectory: directory)
    }

    @Test("After a restart, a source that has not reported keeps its assignments announced; its own report then decides")
    func lateSource() async throws {
        let directory = AllocatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let vm = ServiceKey(source: Controller.localSource, name: "vm1")
        let first = try controller(directory, RecordingAnnouncer())
        await first.upsert(ServiceIntent(key: ServiceKey(source: "static", name: "a"), request: AddressRequest()))
        await first.upsert(ServiceIntent(key: vm, request: AddressRequest()))
        let address = await first.assignments().first { $0.key == vm }?.addresses

        let announcer = RecordingAnnouncer()
        let second = try controller(directory, announcer)
        await second.replaceServices(from: "static", with: [ServiceIntent(key: ServiceKey(source: "static", name: "b"), request: AddressRequest())])
        #expect(await second.assignments().first { $0.key == vm }?.addresses == address, "another source's report releases nothing of the local source")
        #expect(await announcer.latest.contains { $0.services == [vm] }, "and the restored assignment is still announced")
        #expect(await second.explain(vm)?.announcement.first?.contains("has not reported since the start") == true)

        await second.replaceServices(from: Controller.localSource, with: [])
        #expect(await second.assignments().allSatisfy { $0.key != vm }, "once the source reports, what it no longer declares is released")
    }

    @Test("A drain tags, then withdraws; it is recorded, survives a restart, and undrain ends it")
    func drainIsDurable() async throws {
        let directory = AllocatorFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let announcer = RecordingAnnouncer()
        let first = try controller(directory, announcer)
        await first.upsert(ServiceIntent(key: ServiceKey(source: "static", name: "a"), request: AddressRequest()))
        let report = try await first.drain(wait: .milliseconds(10))
        #expect(report.maintenance == .withdrawn && report.routes == 1)
        #expect(await announcer.maintenanceHistory == [.gracefulShutdown, .withdrawn])
        #expect(FileManager.default.fileExists(atPath: directory + "/" + Controller.maintenanceFile))

        let restartedAnnouncer = RecordingAnnouncer()
        let second = try controller(directory, restartedAnnouncer)
        #expect(await second.currentMaintenance == .withdrawn)
        await second.replaceServices(from: "static", with: [ServiceIntent(key: ServiceKey(source: "static", name: "a"), request: AddressRequest())])
        #expect(await restartedAnnouncer.maintenanceHistory == [.withdrawn], "the new announcers hear of the drain before any route")

        _ = try await second.undrain()
        #expect(await restartedAnnouncer.maintenanceHistory == [.withdrawn, .normal])
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + Controller.maintenanceFile))
    }
}
