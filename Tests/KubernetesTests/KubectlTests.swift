import Foundation
import RouterLab
import Testing
import KubernetesLab
@testable import IronLBKubernetes

/// The fake API server against kubectl: create, get (list), watch, replace and delete a Service.
/// The server publishes no OpenAPI schema, so client-side validation is off (`--validate=false`).
@Suite("Kubernetes fake API server with kubectl", .timeLimit(.minutes(2)))
struct KubectlTests {
    static let kubectl: String? = try? LabCommand.resolve("kubectl")

    @Test("kubectl creates, lists, watches, replaces and deletes; IronLB allocates for the Service it created",
          .enabled(if: kubectl != nil, "needs kubectl (apt install kubernetes-client)"))
    func kubectlRoundTrip() async throws {
        let harness = try await KubernetesHarness()
        let directory = URL(fileURLWithPath: harness.kubeconfigPath).deletingLastPathComponent().path
        let manifest = "\(directory)/service.json"
        var service = Fixtures.service("from-kubectl")
        service["metadata"] = .object(["name": .string("from-kubectl"), "namespace": .string("default")])
        service["status"] = .null
        try service.text.write(toFile: manifest, atomically: true, encoding: .utf8)
        func kubectl(_ arguments: String...) async throws -> LabCommand.Output {
            try await RealClientTests.runOffThePool(
                [Self.kubectl!, "--kubeconfig", harness.kubeconfigPath, "--cache-dir", "\(directory)/cache", "--request-timeout", "20s"] + arguments
            )
        }
        try await harness.run {
            let created = try await kubectl("create", "--validate=false", "-f", manifest)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(await eventually { harness.statusIPs("default/from-kubectl") == ["192.0.2.0"] })
            let listed = try await kubectl("get", "services", "--all-namespaces", "-o", "json")
            #expect(listed.status == 0, "\(listed.stderr)")
            let list = try JSONValue.parse(Data(listed.stdout.utf8))
            guard case .array(let items) = list["items"] else { Issue.record("no items: \(listed.stdout)"); return }
            #expect(items.map { $0["metadata"]["name"] } == [.string("from-kubectl")])
            #expect(items.first?["status"]["loadBalancer"]["ingress"] == .parse(#"[{"ip": "192.0.2.0", "ipMode": "VIP"}]"#))
            let watched = try await kubectl("get", "services", "--all-namespaces", "--watch-only", "-o", "json", "--request-timeout", "3s")
            #expect(harness.server.requestLog.contains { $0.hasPrefix("GET /api/v1/services?") && $0.contains("watch=true") }, "\(watched.stderr)")
            // IronLB writes the pool annotation after the status; read the Service once it has, so the
            // replace below carries the current resourceVersion.
            #expect(await eventually { harness.poolAnnotation("default/from-kubectl") == "default" })
            var edited = try #require(harness.server.store.object(.services, key: "default/from-kubectl"))
            edited["metadata"]["annotations"] = .object(["metallb.io/loadBalancerIPs": .string("192.0.2.4")])
            try edited.text.write(toFile: manifest, atomically: true, encoding: .utf8)
            let replaced = try await kubectl("replace", "--validate=false", "-f", manifest)
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(await eventually { harness.statusIPs("default/from-kubectl") == ["192.0.2.4"] })
            let deleted = try await kubectl("delete", "service", "from-kubectl", "-n", "default", "--wait=false")
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(await eventually { await harness.addresses("default/from-kubectl").isEmpty })
        }
    }

    @Test("kubectl takes the ExecCredentials the credential plugin tests print (a token, then a client certificate), and tells the plugin the cluster as IronLB does",
          .enabled(if: kubectl != nil, "needs kubectl (apt install kubernetes-client)"))
    func kubectlExecPlugin() async throws {
        let plugin = try ExecCredentialEndToEndTests.Plugin()
        let server = try await FakeAPIServer()
        try plugin.issue(.object(["token": .string(server.token)]))
        let extensions = "    extensions: [{name: client.authentication.k8s.io/exec, extension: {audience: prod}}]"
        let harness = try await KubernetesHarness(server: server, user: plugin.user(", provideClusterInfo: true, interactiveMode: Never"))
        // The harness's kubeconfig, with an exec extension on the cluster.
        let kubeconfig = try String(contentsOfFile: harness.kubeconfigPath, encoding: .utf8)
            .replacingOccurrences(of: "contexts:\n", with: "\(extensions)\ncontexts:\n")
        try kubeconfig.write(toFile: harness.kubeconfigPath, atomically: true, encoding: .utf8)
        server.store.put(.services, Fixtures.service("web"))
        let directory = URL(fileURLWithPath: harness.kubeconfigPath).deletingLastPathComponent().path
        func services() async throws -> LabCommand.Output {
            try await RealClientTests.runOffThePool([
                Self.kubectl!, "--kubeconfig", harness.kubeconfigPath, "--cache-dir", "\(directory)/cache", "--request-timeout", "20s",
                "get", "services", "--all-namespaces", "-o", "name",
            ])
        }
        let byToken = try await services()
        #expect(byToken.status == 0 && byToken.stdout.contains("service/web"), "\(byToken.stderr)")
        let theirs = try #require(plugin.execInfo)
        #expect(theirs["spec"]["cluster"]["config"] == .parse(#"{"audience": "prod"}"#) && theirs["spec"]["interactive"] == .bool(false))
        let connection = try ClusterConnection.fromKubeconfig(path: harness.kubeconfigPath, context: nil)
        guard case .exec(let ours) = connection.credentials else { Issue.record("not an exec user"); return }
        #expect(theirs == (try JSONValue.parse(Data(ours.execInfo.utf8))), "kubectl's KUBERNETES_EXEC_INFO and IronLB's")
        let client = try server.pki.clientCertificate(commonName: "kubectl")
        try server.acceptClientCertificates([client.certificatePEM])
        server.requireToken("no-longer-\(UUID().uuidString)")
        try plugin.issue(.object(["clientCertificateData": .string(client.certificatePEM), "clientKeyData": .string(client.keyPEM)]))
        let byCertificate = try await services()
        #expect(byCertificate.status == 0 && byCertificate.stdout.contains("service/web"), "\(byCertificate.stderr)")
        await server.shutdown()
    }
}
