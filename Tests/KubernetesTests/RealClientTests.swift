import Foundation
import RouterLab
import Testing
import KubernetesLab

/// The fake API server against a real client, the official Python one from Debian
/// (python3-kubernetes): it must create, list, watch, read, replace, patch status and delete on it,
/// while ironlbd's source allocates for the Service the client created.
@Suite("Kubernetes fake API server with real clients", .timeLimit(.minutes(2)))
struct RealClientTests {
    static let python = "/usr/bin/python3"
    static let pythonClientAvailable: Bool = {
        (try? LabCommand.run([python, "-c", "import kubernetes"], timeout: .seconds(30), check: false))?.status == 0
    }()

    @Test("The Python client creates, lists, watches, replaces, patches and deletes; IronLB allocates for it",
          .enabled(if: pythonClientAvailable, "needs python3-kubernetes (apt install python3-kubernetes)"))
    func pythonClient() async throws {
        let harness = try await KubernetesHarness()
        let caFile = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-ca-\(UUID().uuidString).crt").path
        try harness.server.pki.caPEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        harness.server.store.put(.services, Fixtures.service("existing", className: "example.com/other-lb"))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/python_client.py").path
        let arguments = [Self.python, script, harness.server.url, caFile, harness.server.token]
        try await harness.run {
            let output = try await Self.runOffThePool(arguments)
            #expect(output.status == 0, "\(output.stderr)")
            let report = try JSONValue.parse(Data(output.stdout.utf8))
            #expect(report["listed"] == .parse(#"["existing", "from-python"]"#))
            #expect(report["list_resource_version"].string != nil)
            #expect(report["first_ip"] == .string("192.0.2.0") && report["first_event"] == .string("MODIFIED"))
            #expect(report["second_ip"] == .string("192.0.2.5"))
            #expect(report["patched_ip"] == .string("192.0.2.6"))
            #expect(report["restored_ip"] == .string("192.0.2.5"), "IronLB puts its address back over a foreign write")
            #expect(report["remaining"] == .parse(#"["existing"]"#))
        }
    }

    /// Runs a command on a thread of its own, so waiting for it does not hold a cooperative thread.
    static func runOffThePool(_ arguments: [String]) async throws -> LabCommand.Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try LabCommand.run(arguments, timeout: .seconds(90), check: false) })
            }
        }
    }
}
