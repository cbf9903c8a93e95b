import Foundation
import KubernetesLab
import Testing
@testable import IronLBKubernetes

/// A kubeconfig user's `exec` section: what is accepted, how the command is found, what the plugin
/// is told in KUBERNETES_EXEC_INFO, and what is refused with which reason.
@Suite("Kubeconfig exec section")
struct CredentialPluginTests {
    let directory = temporaryDirectory("ironlb-exec")

    /// Writes a kubeconfig whose user `u` has `exec` (flow-style YAML) and whose cluster has `extra` lines.
    func kubeconfig(_ exec: String, cluster extra: String = "") throws -> String {
        let path = directory.appendingPathComponent("kubeconfig").path
        try """
        apiVersion: v1
        kind: Config
        current-context: a
        clusters:
        - name: c
          cluster:
            server: https://10.0.0.1:6443
        \(extra)
        contexts:
        - {name: a, context: {cluster: c, user: u}}
        users:
        - name: u
          user:
            exec: \(exec)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func plugin(_ exec: String, cluster extra: String = "") throws -> CredentialPlugin {
        let connection = try ClusterConnection.fromKubeconfig(path: try kubeconfig(exec, cluster: extra), context: nil)
        guard case .exec(let plugin) = connection.credentials else { throw HarnessError("not an exec user") }
        return plugin
    }

    func error(_ exec: String) throws -> String {
        let path = try kubeconfig(exec)
        do {
            _ = try ClusterConnection.fromKubeconfig(path: path, context: nil)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test("Every field: command, args, env, apiVersion, installHint, interactiveMode")
    func fields() throws {
        let plugin = try plugin("""
        {command: aws, args: [eks, get-token, --cluster-name, prod], env: [{name: AWS_PROFILE, value: ops}, {name: AWS_REGION, value: eu-west-1}],
              apiVersion: client.authentication.k8s.io/v1beta1, installHint: "install the AWS CLI", interactiveMode: IfAvailable}
        """)
        #expect(plugin.executable == .name("aws"))
        #expect(plugin.arguments == ["eks", "get-token", "--cluster-name", "prod"])
        #expect(plugin.environment.map(\.name) == ["AWS_PROFILE", "AWS_REGION"] && plugin.environment.map(\.value) == ["ops", "eu-west-1"])
        #expect(plugin.apiVersion == .v1beta1)
        #expect(plugin.installHint == "install the AWS CLI")
        #expect(plugin.cluster == nil)
        #expect(plugin.execInfo == #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}}"#)
        #expect(try self.plugin("{command: kubelogin, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}").apiVersion == .v1)
        #expect(try self.plugin("{command: kubelogin, apiVersion: client.authentication.k8s.io/v1}").arguments.isEmpty, "interactiveMode may be left out")
    }

    @Test("A command with a slash is relative to the kubeconfig's directory; an absolute one stays; a bare name is looked up in PATH")
    func commandResolution() throws {
        #expect(try plugin("{command: ./bin/get-token, apiVersion: client.authentication.k8s.io/v1}").executable
            == .path(directory.appendingPathComponent("bin/get-token").standardizedFileURL.path))
        #expect(try plugin("{command: ../tools/get-token, apiVersion: client.authentication.k8s.io/v1}").executable
            == .path(directory.deletingLastPathComponent().appendingPathComponent("tools/get-token").standardizedFileURL.path))
        #expect(try plugin("{command: /usr/local/bin/get-token, apiVersion: client.authentication.k8s.io/v1}").executable == .path("/usr/local/bin/get-token"))
        #expect(try plugin("{command: gke-gcloud-auth-plugin, apiVersion: client.authentication.k8s.io/v1beta1}").executable == .name("gke-gcloud-auth-plugin"))
    }

    @Test("provideClusterInfo: the server, the CA and the cluster's exec extension in spec.cluster")
    func clusterInfo() throws {
        let pki = try TestPKI()
        let ca = Data(pki.caPEM.utf8).base64EncodedString()
        let plugin = try plugin(
            "{command: get-token, apiVersion: client.authentication.k8s.io/v1, provideClusterInfo: true}",
            cluster: """
                certificate-authority-data: \(ca)
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {audience: prod, retries: 3, scopes: [openid, email], debug: false}
                - name: other.example.com/thing
                  extension: {ignored: true}
            """
        )
        let info = try JSONValue.parse(Data(plugin.execInfo.utf8))
        #expect(info["apiVersion"] == .string("client.authentication.k8s.io/v1") && info["kind"] == .string("ExecCredential"))
        #expect(info["spec"]["interactive"] == .bool(false))
        #expect(info["spec"]["cluster"]["server"] == .string("https://10.0.0.1:6443"))
        #expect(info["spec"]["cluster"]["certificate-authority-data"] == .string(ca))
        #expect(info["spec"]["cluster"]["config"] == .parse(#"{"audience": "prod", "retries": 3, "scopes": ["openid", "email"], "debug": false}"#))
        let bare = try JSONValue.parse(Data(try self.plugin("{command: get-token, apiVersion: client.authentication.k8s.io/v1, provideClusterInfo: true}").execInfo.utf8))
        #expect(bare["spec"]["cluster"] == .parse(#"{"server": "https://10.0.0.1:6443"}"#))
    }

    @Test("Refused with a reason: no command, no or an unknown apiVersion, interactiveMode Always, a bad env name, exec beside other credentials")
    func refusals() throws {
        let v1 = "apiVersion: client.authentication.k8s.io/v1"
        #expect(try error("{\(v1)}").hasSuffix("user 'u': exec: 'command' is missing"))
        #expect(try error("{command: aws}").hasSuffix(
            "exec: 'apiVersion' is missing; use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1"))
        #expect(try error("{command: aws, apiVersion: client.authentication.k8s.io/v1alpha1}").hasSuffix(
            "exec: apiVersion 'client.authentication.k8s.io/v1alpha1' is not supported; use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1"))
        let always = try error("{command: kubelogin, \(v1), interactiveMode: Always}")
        #expect(always.contains("interactiveMode 'Always' needs a terminal") && always.contains("daemon without one"), "\(always)")
        #expect(try error("{command: kubelogin, \(v1), interactiveMode: Sometimes}").hasSuffix("interactiveMode 'Sometimes' is not one of Never, IfAvailable, Always"))
        #expect(try error("{command: aws, \(v1), env: [{name: '', value: x}]}").hasSuffix("env entry 1 has an invalid name ''"))
        let all = try error("{interactiveMode: Always}")
        #expect(all.contains("'command' is missing; 'apiVersion' is missing") && all.contains("interactiveMode 'Always'"), "every problem at once: \(all)")
        let mixed = try error("{command: aws, \(v1)}\n    token: abc")
        #expect(mixed.hasSuffix("user 'u' has exec and also token; give it one way to authenticate"), "\(mixed)")
    }
}
