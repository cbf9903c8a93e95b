import Foundation
import KubernetesLab
import Testing
@testable import IronLBKubernetes

/// The Kubernetes source authenticating with a kubeconfig `exec` credential plugin against the fake
/// API server: a shell script in a temporary directory prints the ExecCredential the test wrote
/// for it, and counts its runs.
@Suite("Exec credential plugin end to end", .timeLimit(.minutes(2)))
struct ExecCredentialEndToEndTests {
    /// The script, its directory and what it prints.
    struct Plugin {
        let directory = temporaryDirectory("ironlb-exec-e2e")

        /// Writes the script: it records its run and what it was told, then prints `credential.json`,
        /// or runs `body` instead when given.
        init(body: String? = nil) throws {
            let path = directory.appendingPathComponent("plugin.sh").path
            try """
            #!/bin/sh
            cd "$(dirname "$0")"
            echo run >> runs
            printf '%s' "$KUBERNETES_EXEC_INFO" > exec-info
            \(body ?? "cat credential.json")
            """.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        /// The kubeconfig user that runs the script.
        func user(_ extra: String = "") -> String {
            "    exec: {command: \(directory.path)/plugin.sh, apiVersion: client.authentication.k8s.io/v1\(extra)}"
        }

        /// Makes the script print `status`.
        func issue(_ status: JSONValue) throws {
            let document: JSONValue = .object([
                "apiVersion": .string("client.authentication.k8s.io/v1"), "kind": .string("ExecCredential"), "status": status,
            ])
            try document.text.write(to: directory.appendingPathComponent("credential.json"), atomically: true, encoding: .utf8)
        }

        /// How often the script ran.
        var runs: Int {
            ((try? String(contentsOf: directory.appendingPathComponent("runs"), encoding: .utf8)) ?? "").split(separator: "\n").count
        }

        /// The KUBERNETES_EXEC_INFO of its last run.
        var execInfo: JSONValue? {
            (try? Data(contentsOf: directory.appendingPathComponent("exec-info"))).flatMap { try? JSONValue.parse($0) }
        }
    }

    @Test("A token from the plugin lets the source list, watch and write; one run serves every request")
    func token() async throws {
        let plugin = try Plugin()
        let server = try await FakeAPIServer()
        try plugin.issue(.object(["token": .string(server.token)]))
        let harness = try await KubernetesHarness(server: server, user: plugin.user(", provideClusterInfo: true, interactiveMode: Never"))
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web") == ["192.0.2.0"] }, "\(harness.logs.all.suffix(20))")
            harness.server.store.put(.services, Fixtures.service("api"))
            #expect(await eventually { harness.statusIPs("default/api") == ["192.0.2.1"] }, "watched")
            #expect(plugin.runs == 1)
            let info = try #require(plugin.execInfo)
            #expect(info["spec"]["interactive"] == .bool(false))
            #expect(info["spec"]["cluster"]["server"] == .string(server.url))
            #expect(info["spec"]["cluster"]["certificate-authority-data"] == .string(Data(server.pki.caPEM.utf8).base64EncodedString()))
        }
        #expect(!harness.logs.all.contains { $0.contains(server.token) }, "the token is never logged")
        await server.shutdown()
    }

    @Test("An expired or soon expiring credential is replaced by running the plugin again", arguments: [-60, 2])
    func expiry(secondsAhead: Int) async throws {
        // The script stamps each credential `secondsAhead` from the time it runs.
        let plugin = try Plugin(body: """
        expiry=$(date -u -d "@$(( $(date +%s) + \(secondsAhead) ))" +%Y-%m-%dT%H:%M:%SZ)
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat token)" "$expiry"
        """)
        let server = try await FakeAPIServer()
        try server.token.write(to: plugin.directory.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        let harness = try await KubernetesHarness(server: server, user: plugin.user())
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            // Generous waits: every request after expiry runs the plugin (a shell script) first, which
            // a loaded machine (the whole suite at once) slows down a lot.
            #expect(await eventually(timeout: .seconds(60)) { harness.statusIPs("default/web") == ["192.0.2.0"] }, "\(harness.logs.all.suffix(20))")
            // The lease is renewed every couple of seconds: each renewal after expiry runs the plugin.
            #expect(await eventually(timeout: .seconds(60)) { plugin.runs >= 3 }, "runs: \(plugin.runs)")
        }
        #expect(harness.logs.contains("issued a token valid until"))
        await server.shutdown()
    }

    @Test("A 401 after the server's token changed runs the plugin again, once for the whole burst")
    func refusedToken() async throws {
        let plugin = try Plugin()
        let server = try await FakeAPIServer()
        try plugin.issue(.object(["token": .string(server.token)]))
        let harness = try await KubernetesHarness(server: server, user: plugin.user())
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web") == ["192.0.2.0"] }, "\(harness.logs.all.suffix(20))")
            #expect(plugin.runs == 1)
            let rotated = "rotated-\(UUID().uuidString)"
            try plugin.issue(.object(["token": .string(rotated)]))
            server.requireToken(rotated)
            server.closeConnections()  // every watch and the lease renewal come back at once, and get 401
            #expect(await eventually { server.unauthorizedCount > 0 })
            harness.server.store.put(.services, Fixtures.service("api"))
            #expect(await eventually { harness.statusIPs("default/api") == ["192.0.2.1"] }, "\(harness.logs.all.suffix(20))")
            try await Task.sleep(for: .seconds(3))  // more lease renewals, all with the new token
            #expect(plugin.runs == 2, "one run for the burst of 401s")
        }
        #expect(harness.logs.contains("refused the credential of credential plugin"))
        await server.shutdown()
    }

    @Test("A failing plugin: the source says why, with the plugin's stderr and install hint")
    func failingPlugin() async throws {
        let plugin = try Plugin(body: "echo 'error: no credentials for cluster prod' >&2\nexit 1")
        let harness = try await KubernetesHarness(user: plugin.user(#", installHint: "Install get-token from the ops repository""#))
        try await harness.run {
            #expect(await eventually {
                harness.logs.contains("plugin.sh' of user 'ironlb' exited with status 1: error: no credentials for cluster prod; Install get-token from the ops repository")
            }, "\(harness.logs.all.suffix(20))")
        }
        #expect(plugin.runs <= 3, "a failure stands for a while instead of running the plugin for every request: \(plugin.runs) runs")
    }

    @Test("A client certificate from the plugin authenticates, and a new one is presented after a 401")
    func clientCertificate() async throws {
        let plugin = try Plugin()
        let server = try await FakeAPIServer()
        let first = try server.pki.clientCertificate(commonName: "ironlb")
        try server.acceptClientCertificates([first.certificatePEM])
        try plugin.issue(.object(["clientCertificateData": .string(first.certificatePEM), "clientKeyData": .string(first.keyPEM)]))
        let harness = try await KubernetesHarness(server: server, user: plugin.user())
        harness.server.store.put(.services, Fixtures.service("web"))
        try await harness.run {
            #expect(await eventually { harness.statusIPs("default/web") == ["192.0.2.0"] }, "\(harness.logs.all.suffix(20))")
            #expect(server.unauthorizedCount == 0)
            let second = try server.pki.clientCertificate(commonName: "ironlb")
            try plugin.issue(.object(["clientCertificateData": .string(second.certificatePEM), "clientKeyData": .string(second.keyPEM)]))
            try server.acceptClientCertificates([second.certificatePEM])
            server.closeConnections()
            harness.server.store.put(.services, Fixtures.service("api"))
            #expect(await eventually { harness.statusIPs("default/api") == ["192.0.2.1"] }, "\(harness.logs.all.suffix(20))")
            #expect(server.unauthorizedCount > 0)
            #expect(plugin.runs == 2)
        }
        #expect(harness.logs.contains("issued a client certificate without expiry"))
        await server.shutdown()
    }
}
