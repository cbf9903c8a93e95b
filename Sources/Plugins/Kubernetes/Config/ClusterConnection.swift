import Foundation
import NIOSSL

/// Where the API server is and how to prove who we are: resolved from a kubeconfig or from the
/// in-cluster service account. TLS is always verified; there is no way to turn that off.
struct ClusterConnection: Sendable {
    /// How requests are authenticated.
    enum Credentials: Sendable {
        /// A bearer token in a file, checked before each request, so a rotated token is picked up.
        case tokenFile(TokenFile)
        /// A fixed bearer token.
        case token(String)
        /// A client certificate presented in the TLS handshake.
        case clientCertificate([NIOSSLCertificate], NIOSSLPrivateKey)
        /// Whatever a credential plugin issues, a token or a client certificate, when asked.
        case exec(CredentialPlugin)
        /// Nothing (a server that allows anonymous access).
        case none
    }

    /// `https://host:port`, without a trailing slash.
    var server: String
    /// The certificates trusted to sign the server's; nil means the system's trust store.
    var trustRoots: [NIOSSLCertificate]?
    /// The credentials.
    var credentials: Credentials

    /// The standard service-account directory mounted into pods.
    static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The connection of a process running inside the cluster: `KUBERNETES_SERVICE_HOST`/`PORT`,
    /// and the token and CA of the service account.
    static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String = serviceAccountDirectory
    ) throws(ConnectionError) -> ClusterConnection {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw ConnectionError("not running inside a cluster (KUBERNETES_SERVICE_HOST/PORT unset); set 'kubeconfig' under sources: kubernetes:")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let ca = try certificates(pem: try readFile("\(directory)/ca.crt"), what: "service-account CA \(directory)/ca.crt")
        let token = TokenFile(path: "\(directory)/token")
        _ = try token.token()
        return ClusterConnection(server: "https://\(hostPart):\(port)", trustRoots: ca, credentials: .tokenFile(token))
    }

    /// The connection described by `context` (or the current context) of the kubeconfig at `path`.
    static func fromKubeconfig(path: String, context requested: String?) throws(ConnectionError) -> ClusterConnection {
        let config = try Kubeconfig.load(path: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func resolve(_ file: String) -> String { file.hasPrefix("/") ? file : "\(base)/\(file)" }
        guard let contextName = requested ?? config.currentContext else {
            throw ConnectionError("kubeconfig \(path) has no current-context; set 'context' under sources: kubernetes:")
        }
        guard let context = config.contexts?.first(where: { $0.name == contextName })?.value else {
            let known = (config.contexts ?? []).map(\.name).joined(separator: ", ")
            throw ConnectionError("kubeconfig \(path) has no context '\(contextName)' (contexts: \(known.isEmpty ? "none" : known))")
        }
        guard let cluster = config.clusters?.first(where: { $0.name == context.cluster })?.value else {
            throw ConnectionError("kubeconfig \(path): context '\(contextName)' names cluster '\(context.cluster)', which is not defined")
        }
        if cluster.insecureSkipTLSVerify == true {
            throw ConnectionError("kubeconfig \(path): cluster '\(context.cluster)' sets insecure-skip-tls-verify; IronLB always verifies the API server, give it the CA instead")
        }
        guard cluster.server.hasPrefix("https://") else {
            throw ConnectionError("kubeconfig \(path): server '\(cluster.server)' is not https; IronLB talks to the API server over verified TLS only")
        }
        var trustRoots: [NIOSSLCertificate]?
        var authorityPEM: [UInt8]?
        if let data = cluster.certificateAuthorityData {
            let pem = try base64(data, what: "certificate-authority-data")
            (authorityPEM, trustRoots) = (pem, try certificates(pem: pem, what: "certificate-authority-data"))
        } else if let file = cluster.certificateAuthority {
            let pem = try readFile(resolve(file))
            (authorityPEM, trustRoots) = (pem, try certificates(pem: pem, what: "certificate-authority \(resolve(file))"))
        }
        var credentials = Credentials.none
        if let name = context.user {
            guard let user = config.users?.first(where: { $0.name == name })?.value else {
                throw ConnectionError("kubeconfig \(path): user '\(name)' is not defined")
            }
            credentials = if let exec = user.exec {
                try execCredentials(exec, user: user, name: name, cluster: cluster, authority: authorityPEM, path: path)
            } else {
                try userCredentials(user, name: name, path: path, resolve: resolve)
            }
        }
        let server = cluster.server.hasSuffix("/") ? String(cluster.server.dropLast()) : cluster.server
        return ClusterConnection(server: server, trustRoots: trustRoots, credentials: credentials)
    }

    private static func execCredentials(
        _ exec: Kubeconfig.Exec, user: Kubeconfig.User, name: String, cluster: Kubeconfig.Cluster, authority: [UInt8]?, path: String
    ) throws(ConnectionError) -> Credentials {
        let others = [
            user.token.map { _ in "token" }, user.tokenFile.map { _ in "tokenFile" },
            (user.clientCertificate ?? user.clientCertificateData).map { _ in "a client certificate" },
            user.authProvider.map { _ in "auth-provider" }, user.username.map { _ in "basic auth" },
        ].compactMap { $0 }
        guard others.isEmpty else {
            throw ConnectionError("kubeconfig \(path): user '\(name)' has exec and also \(others.joined(separator: ", ")); give it one way to authenticate")
        }
        return .exec(try CredentialPlugin(exec, user: name, cluster: cluster, certificateAuthority: authority, kubeconfig: path))
    }

    private static func userCredentials(
        _ user: Kubeconfig.User, name: String, path: String, resolve: (String) -> String
    ) throws(ConnectionError) -> Credentials {
        if user.authProvider != nil || user.username != nil {
            throw ConnectionError("kubeconfig \(path): user '\(name)' uses auth-provider or basic auth, which IronLB does not support; use a token, a token file, a client certificate or an exec credential plugin")
        }
        if let token = user.token { return .token(token) }
        if let file = user.tokenFile {
            let token = TokenFile(path: resolve(file))
            _ = try token.token()
            return .tokenFile(token)
        }
        let certificatePEM: [UInt8]? = if let data = user.clientCertificateData {
            try base64(data, what: "client-certificate-data")
        } else if let file = user.clientCertificate {
            try readFile(resolve(file))
        } else {
            nil
        }
        let keyPEM: [UInt8]? = if let data = user.clientKeyData {
            try base64(data, what: "client-key-data")
        } else if let file = user.clientKey {
            try readFile(resolve(file))
        } else {
            nil
        }
        switch (certificatePEM, keyPEM) {
        case (nil, nil):
            return .none
        case (let certificate?, let key?):
            let chain = try certificates(pem: certificate, what: "client certificate of user '\(name)'")
            do {
                return .clientCertificate(chain, try NIOSSLPrivateKey(bytes: key, format: .pem))
            } catch {
                throw ConnectionError("kubeconfig \(path): the client key of user '\(name)' is not a PEM private key: \(error)")
            }
        default:
            throw ConnectionError("kubeconfig \(path): user '\(name)' has a client certificate or key but not both")
        }
    }

    /// The bearer token to send now, a token file's as it is now (kubelet rotates it in place).
    /// A credential plugin's token is not known here: ``RequestAuthenticator`` asks the plugin.
    func bearerToken() throws(ConnectionError) -> String? {
        switch credentials {
        case .token(let token): return token
        case .tokenFile(let file): return try file.token()
        case .clientCertificate, .exec, .none: return nil
        }
    }

    static func readFile(_ path: String) throws(ConnectionError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConnectionError("cannot read \(path)") }
        return Array(data)
    }

    private static func base64(_ text: String, what: String) throws(ConnectionError) -> [UInt8] {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { throw ConnectionError("\(what) is not base64") }
        return Array(data)
    }

    private static func certificates(pem: [UInt8], what: String) throws(ConnectionError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(pem)
        } catch {
            throw ConnectionError("\(what) is not PEM: \(error)")
        }
        guard !certificates.isEmpty else { throw ConnectionError("\(what) holds no certificate") }
        return certificates
    }
}
