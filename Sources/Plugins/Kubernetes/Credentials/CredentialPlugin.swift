import Foundation

/// A kubeconfig user's `exec` credential plugin, checked when the kubeconfig is read: the program
/// that prints an ExecCredential, how to run it and what to tell it (client-go's credential plugin
/// protocol, `client.authentication.k8s.io/v1` and `v1beta1`).
///
/// IronLB is a daemon without a terminal, so a plugin always runs non-interactively: `interactiveMode`
/// `Never` and `IfAvailable` (the default when it is absent) are fine, `Always` is refused.
struct CredentialPlugin: Sendable, Equatable {
    /// The versions of the protocol IronLB speaks.
    enum APIVersion: String, Sendable, CaseIterable {
        case v1 = "client.authentication.k8s.io/v1"
        case v1beta1 = "client.authentication.k8s.io/v1beta1"
    }

    /// Where the program is.
    enum Executable: Sendable, Equatable {
        /// A path: absolute as written, or a relative one made absolute against the kubeconfig's directory.
        case path(String)
        /// A bare name, looked up in PATH when the plugin runs.
        case name(String)
    }

    /// The cluster as the plugin sees it in `spec.cluster` (`provideClusterInfo: true`).
    struct ClusterInfo: Encodable, Sendable, Equatable {
        /// `https://host:port` as the kubeconfig has it.
        var server: String
        /// The PEM of the CA that signs the server's certificate (base64 in the JSON, as Kubernetes' `[]byte`).
        var certificateAuthorityData: Data?
        /// The cluster's `client.authentication.k8s.io/exec` extension.
        var config: RawExtension?

        enum CodingKeys: String, CodingKey {
            case server, config
            case certificateAuthorityData = "certificate-authority-data"
        }
    }

    /// The name of the cluster extension handed to the plugin as `spec.cluster.config`.
    static let clusterConfigExtension = "client.authentication.k8s.io/exec"

    /// The kubeconfig user the plugin authenticates, for messages.
    var user: String
    /// `command` as written, for messages.
    var command: String
    /// The program.
    var executable: Executable
    /// `args`.
    var arguments: [String]
    /// `env`: variables added to the daemon's environment, in the kubeconfig's order.
    var environment: [Kubeconfig.Exec.Variable]
    /// The protocol version asked for, and expected back.
    var apiVersion: APIVersion
    /// `installHint`: what to tell the operator when the program cannot be run.
    var installHint: String?
    /// The cluster, when `provideClusterInfo` is true.
    var cluster: ClusterInfo?

    /// Checks `exec` of user `user`, reporting every problem at once. `certificateAuthority` is the
    /// PEM the cluster trusts (from data or file); `path` is the kubeconfig's, whose directory
    /// relative commands are resolved against.
    init(
        _ exec: Kubeconfig.Exec, user: String, cluster: Kubeconfig.Cluster, certificateAuthority: [UInt8]?, kubeconfig path: String
    ) throws(ConnectionError) {
        var problems: [String] = []
        let command = exec.command ?? ""
        if command.isEmpty { problems.append("'command' is missing") }
        let versions = APIVersion.allCases.map(\.rawValue).joined(separator: " or ")
        let apiVersion: APIVersion?
        switch exec.apiVersion {
        case nil:
            apiVersion = nil
            problems.append("'apiVersion' is missing; use \(versions)")
        case let text?:
            apiVersion = APIVersion(rawValue: text)
            if apiVersion == nil { problems.append("apiVersion '\(text)' is not supported; use \(versions)") }
        }
        switch exec.interactiveMode {
        case nil, "Never", "IfAvailable":
            break
        case "Always":
            problems.append("interactiveMode 'Always' needs a terminal to prompt on, and IronLB runs as a daemon without one; use a plugin and a login that work non-interactively (interactiveMode Never or IfAvailable)")
        case let mode?:
            problems.append("interactiveMode '\(mode)' is not one of Never, IfAvailable, Always")
        }
        for (index, variable) in (exec.env ?? []).enumerated() where variable.name.isEmpty || variable.name.contains("=") {
            problems.append("env entry \(index + 1) has an invalid name '\(variable.name)'")
        }
        guard problems.isEmpty, let apiVersion else {
            throw ConnectionError("kubeconfig \(path): user '\(user)': exec: \(problems.joined(separator: "; "))")
        }
        self.user = user
        self.command = command
        if !command.contains("/") {
            executable = .name(command)
        } else if command.hasPrefix("/") {
            executable = .path(command)
        } else {
            executable = .path(URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(command).standardizedFileURL.path)
        }
        arguments = exec.args ?? []
        environment = exec.env ?? []
        self.apiVersion = apiVersion
        installHint = exec.installHint.flatMap { $0.isEmpty ? nil : $0 }
        if exec.provideClusterInfo == true {
            self.cluster = ClusterInfo(
                server: cluster.server,
                certificateAuthorityData: certificateAuthority.map { Data($0) },
                config: cluster.extensions?.first { $0.name == Self.clusterConfigExtension }?.extension
            )
        }
    }

    /// The ExecCredential handed to the plugin in `KUBERNETES_EXEC_INFO`: the version asked for,
    /// `spec.interactive` false, and `spec.cluster` when the kubeconfig asks for it.
    var execInfo: String {
        struct Spec: Encodable {
            var interactive: Bool
            var cluster: ClusterInfo?
        }
        struct Info: Encodable {
            var apiVersion: String
            var kind: String
            var spec: Spec
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let info = Info(apiVersion: apiVersion.rawValue, kind: "ExecCredential", spec: Spec(interactive: false, cluster: cluster))
        // Strings, booleans, numbers and base64 data always encode.
        return (try? encoder.encode(info)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// How the plugin is named in messages: its command and the user it serves.
    var name: String { "credential plugin '\(command)' of user '\(user)'" }
}
