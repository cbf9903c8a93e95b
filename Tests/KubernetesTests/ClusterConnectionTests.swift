import Foundation
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// Resolving where the API server is and how to authenticate: kubeconfig contexts and credentials,
/// the in-cluster service account, and token rotation.
@Suite("Kubernetes connection")
struct ClusterConnectionTests {
    let directory = temporaryDirectory("ironlb-conn")

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func kubeconfig(cluster: String, user: String, current: String = "a") throws -> String {
        try write("kubeconfig", """
        apiVersion: v1
        kind: Config
        current-context: \(current)
        clusters:
        - name: c
          cluster:
        \(cluster)
        contexts:
        - {name: a, context: {cluster: c, user: u}}
        - {name: b, context: {cluster: c, user: v}}
        users:
        - name: u
          user:
        \(user)
        - name: v
          user: {token: token-of-v}
        """)
    }

    @Test("Current or named context; a CA file relative to the kubeconfig; token or token file")
    func contexts() throws {
        let pki = try TestPKI()
        _ = try write("ca.crt", pki.caPEM)
        _ = try write("token", "rotating-1\n")
        let path = try kubeconfig(cluster: "    server: https://10.0.0.1:6443/\n    certificate-authority: ca.crt", user: "    tokenFile: token")
        let current = try ClusterConnection.fromKubeconfig(path: path, context: nil)
        #expect(current.server == "https://10.0.0.1:6443")
        #expect(current.trustRoots?.count == 1)
        #expect(try current.bearerToken() == "rotating-1")
        _ = try write("token", "rotating-2\n")
        #expect(try current.bearerToken() == "rotating-2", "a rotated token is read again")
        #expect(try ClusterConnection.fromKubeconfig(path: path, context: "b").bearerToken() == "token-of-v")
    }

    @Test("A token file is read again whenever it changes (swapped by a rename, rewritten in place, removed), and only then")
    func tokenFileChanges() throws {
        let path = try write("token", "first\n")
        // No racy window: a file is trusted unchanged as soon as its times say so.
        let file = TokenFile(path: path, racyWindow: .zero)
        #expect(try file.token() == "first")
        #expect(try file.token() == "first")
        #expect(try file.token() == "first")
        #expect(file.reads == 1, "an unchanged file is read once")
        _ = try write("token", "second\n")
        #expect(try file.token() == "second", "a new file renamed over the old one, as kubelet rotates")
        // The same length, written into the same file right away: only the file times can tell.
        for text in ["third-a", "third-b", "third-c"] {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            #expect(try file.token() == text)
        }
        #expect(file.reads == 5)
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: ConnectionError.self) { try file.token() }
        _ = try write("token", "fourth")
        #expect(try file.token() == "fourth")
    }

    @Test("A token file changed within the racy window is read on every request until it is older")
    func racyTokenFile() throws {
        let path = try write("token", "fresh")
        let file = TokenFile(path: path, racyWindow: .seconds(3600))
        for _ in 0..<3 { #expect(try file.token() == "fresh") }
        #expect(file.reads == 3)
    }

    @Test("Client certificate and key from data")
    func clientCertificate() throws {
        let pki = try TestPKI()
        let data = { (text: String) in Data(text.utf8).base64EncodedString() }
        let path = try kubeconfig(
            cluster: "    server: https://api.example:6443\n    certificate-authority-data: \(data(pki.caPEM))",
            user: "    client-certificate-data: \(data(pki.serverCertificatePEM))\n    client-key-data: \(data(pki.serverKeyPEM))"
        )
        let connection = try ClusterConnection.fromKubeconfig(path: path, context: nil)
        guard case .clientCertificate(let chain, _) = connection.credentials else { Issue.record("no client certificate"); return }
        #expect(chain.count == 1)
        #expect(try connection.bearerToken() == nil)
    }

    @Test("Unverified TLS, plain HTTP, auth-provider users and unknown contexts are refused with a reason")
    func refusals() throws {
        func error(_ cluster: String, _ user: String = "    token: t", context: String? = nil) throws -> String {
            let path = try kubeconfig(cluster: cluster, user: user)
            do {
                _ = try ClusterConnection.fromKubeconfig(path: path, context: context)
                return "accepted"
            } catch {
                return error.description
            }
        }
        #expect(try error("    server: https://a:6443\n    insecure-skip-tls-verify: true").contains("always verifies"))
        #expect(try error("    server: http://a:8080").contains("is not https"))
        #expect(try error("    server: https://a:6443", "    auth-provider: {name: oidc}").contains("uses auth-provider or basic auth, which IronLB does not support"))
        #expect(try error("    server: https://a:6443", context: "nope").contains("has no context 'nope' (contexts: a, b)"))
    }

    @Test("In-cluster: the service host and port from the environment, token and CA from the service account")
    func inCluster() throws {
        let pki = try TestPKI()
        _ = try write("ca.crt", pki.caPEM)
        _ = try write("token", "sa-token")
        let connection = try ClusterConnection.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"], directory: directory.path
        )
        #expect(connection.server == "https://[fd00::1]:443")
        #expect(try connection.bearerToken() == "sa-token")
        #expect(throws: ConnectionError.self) { try ClusterConnection.inCluster(environment: [:], directory: directory.path) }
    }
}
