import Foundation
import Logging
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// After a burst the statuses go out first: Events wait while the status writer writes.
@Suite("Kubernetes statuses before Events", .timeLimit(.minutes(2)))
struct StatusFirstTests {
    @Test("An Event recorded while the writer writes is sent only once it stops")
    func eventsWaitForTheWriter() async throws {
        let harness = try await KubernetesHarness()
        let server = harness.server
        let (client, recorder) = try Self.recorder(for: harness)
        let sender = Task { await recorder.run() }

        let service = ObjectMeta(name: "web", namespace: "default", uid: "u-1", resourceVersion: "1")
        await recorder.holdWhile(writing: true)
        await recorder.record(service, type: "Normal", reason: "IPAllocated", message: "Assigned IP [\"192.0.2.1\"]")
        // Nothing to wait for but time: the Event must not leave while the writer writes.
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.store.events.isEmpty)

        await recorder.holdWhile(writing: false)
        #expect(await eventually { server.store.events.count == 1 })
        #expect(server.store.events.first?["reason"] == .string("IPAllocated"))
        sender.cancel()
        await sender.value
        await client.shutdown()
        await server.shutdown()
    }

    @Test("A recorder cancelled while it waits for the writer stops")
    func cancelledWhileHeld() async throws {
        let harness = try await KubernetesHarness()
        let (client, recorder) = try Self.recorder(for: harness)
        await recorder.holdWhile(writing: true)
        await recorder.record(ObjectMeta(name: "web", namespace: "default"), type: "Normal", reason: "IPAllocated", message: "m")
        let sender = Task { await recorder.run() }
        try await Task.sleep(for: .milliseconds(100))
        sender.cancel()
        await sender.value  // returns: the wait ends with the task
        await client.shutdown()
        await harness.server.shutdown()
    }

    /// A client of the harness's API server and an Event recorder on it (the caller shuts the client down).
    static func recorder(for harness: KubernetesHarness) throws -> (APIClient, EventRecorder) {
        let connection = try ClusterConnection.fromKubeconfig(path: harness.kubeconfigPath, context: nil)
        let client = APIClient(connection: connection, timing: harness.settings.timing, logger: Logger(label: "test"))
        return (client, EventRecorder(client: client, instance: "node-a", logger: Logger(label: "test")))
    }

    @Test("A Service whose status is always refused does not keep the others' annotations back")
    func refusedStatusDoesNotStarveAnnotations() async throws {
        let harness = try await KubernetesHarness()
        let server = harness.server
        server.refuseStatus(of: ["default/denied"])
        server.store.put(.services, Fixtures.service("denied"))
        server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web").count == 1 && harness.poolAnnotation("default/web") == "default" },
                    "\(harness.logs.all.suffix(20))")
            #expect(harness.statusIPs("default/denied").isEmpty)
            #expect(harness.logs.contains("cannot write the status of default/denied"))
        }
    }

    @Test("Names that need no escaping pass unchanged; others are percent-escaped")
    func escaping() {
        #expect(APIClient.escape("web-1.example") == "web-1.example")
        #expect(APIClient.escape("12345") == "12345")
        #expect(APIClient.escape("a b/c&d") == "a%20b%2Fc%26d")
        #expect(APIClient.escape("ü") == "%C3%BC")
    }
}
