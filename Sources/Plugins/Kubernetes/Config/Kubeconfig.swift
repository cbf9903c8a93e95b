import Foundation
import Yams

/// The parts of a kubeconfig file (`kubectl config view`) that IronLB uses.
struct Kubeconfig: Decodable {
    struct Cluster: Decodable {
        var server: String
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        var extensions: [NamedExtension]?

        enum CodingKeys: String, CodingKey {
            case server, extensions
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    /// An entry of a cluster's `extensions`: data for other programs, such as a credential plugin.
    struct NamedExtension: Decodable {
        var name: String
        var `extension`: RawExtension?
    }

    /// A user's `exec` section: a credential plugin (client-go's ExecConfig).
    struct Exec: Decodable {
        struct Variable: Decodable, Sendable, Equatable {
            var name: String
            var value: String
        }

        var command: String?
        var args: [String]?
        var env: [Variable]?
        var apiVersion: String?
        var installHint: String?
        var provideClusterInfo: Bool?
        var interactiveMode: String?
    }

    struct User: Decodable {
        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var exec: Exec?
        var authProvider: [String: AnyDecodable]?
        var username: String?

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, exec, username
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }
    }

    struct Context: Decodable {
        var cluster: String
        var user: String?
    }

    struct Named<Value: Decodable>: Decodable {
        var name: String
        var value: Value

        enum CodingKeys: String, CodingKey { case name, cluster, user, context }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            let key: CodingKeys = Value.self == Cluster.self ? .cluster : (Value.self == User.self ? .user : .context)
            value = try container.decode(Value.self, forKey: key)
        }
    }

    var currentContext: String?
    var clusters: [Named<Cluster>]?
    var contexts: [Named<Context>]?
    var users: [Named<User>]?

    enum CodingKeys: String, CodingKey {
        case clusters, contexts, users
        case currentContext = "current-context"
    }

    /// Reads and parses the file at `path`.
    static func load(path: String) throws(ConnectionError) -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConnectionError("cannot read kubeconfig \(path): \(error.localizedDescription)")
        }
        do {
            return try YAMLDecoder().decode(Kubeconfig.self, from: text)
        } catch {
            throw ConnectionError("kubeconfig \(path) is not valid: \(error)")
        }
    }
}

/// Any value, skipped: for kubeconfig parts IronLB only needs to know are present.
struct AnyDecodable: Decodable {
    init(from decoder: any Decoder) throws {}
}
