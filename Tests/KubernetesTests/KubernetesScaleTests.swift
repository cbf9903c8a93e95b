import Foundation
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// How long N Services take from a cold start to all having status: a measurement, run on demand
/// with IRONLB_K8S_SCALE=N (it asserts only that every Service got its status).
@Suite("Kubernetes scale")
struct KubernetesScaleTests {
    static let count = Int(ProcessInfo.processInfo.environment["IRONLB_K8S_SCALE"] ?? "") ?? 0

    @Test("N Services get addresses and status", .enabled(if: count > 0), .timeLimit(.minutes(10)))
    func scale() async throws {
        var harness = try await KubernetesHarness(pools: "10.128.0.0/16")
        harness.settings.leaderElection = false
        for index in 0..<Self.count { harness.server.store.put(.services, Fixtures.service("svc-\(index)")) }
        let clock = ContinuousClock()
        let start = clock.now
        try await harness.run {
            _ = await eventually(timeout: .seconds(540)) { await harness.controller.assignments().count >= Self.count }
            let allocatedAfter = start.duration(to: clock.now)
            let allWritten = await eventually(timeout: .seconds(540)) { harness.server.store.statusWrites.count >= Self.count }
            #expect(allWritten)
            let elapsed = start.duration(to: clock.now)
            let allocated = await harness.controller.assignments().count
            print("kubernetes scale: \(Self.count) services, \(allocated) allocated, all allocated after \(allocatedAfter), all statuses written after \(elapsed)")
        }
    }
}
