import AsyncHTTPClient
import Logging
import NIOSSL

/// Proves who IronLB is on each request: with the connection's bearer token (a token file is read
/// again each time), or with the token or client certificate that a kubeconfig's credential plugin
/// issued.
///
/// A plugin's client certificate goes into the request's own TLS configuration. The HTTP client
/// keeps separate connections for each TLS configuration, so when the plugin issues a new
/// certificate the next requests open connections that present it, while the requests already
/// running (watches) finish on the old ones; those idle out afterwards. The API server checks a
/// client certificate only in the handshake, as it does for client-go's rotated certificates.
struct RequestAuthenticator: Sendable {
    /// What authenticated a request, to report a 401 against.
    struct Proof: Sendable {
        fileprivate var issued: ExecCredentialCache.Issued?
    }

    private let connection: ClusterConnection
    private let plugin: ExecCredentialCache?
    /// The client's TLS configuration, which a plugin's client certificate is added to.
    private let tls: TLSConfiguration

    /// Authenticates with `connection`'s credentials; `tls` is the HTTP client's TLS configuration.
    init(connection: ClusterConnection, tls: TLSConfiguration, timing: KubernetesTiming, logger: Logger) {
        self.connection = connection
        self.tls = tls
        plugin = if case .exec(let plugin) = connection.credentials {
            ExecCredentialCache(plugin: plugin, timing: timing, logger: logger)
        } else {
            nil
        }
    }

    /// Adds the credentials to `request`; the credentials of a plugin may run it first.
    func authenticate(_ request: inout HTTPClientRequest) async throws(ConnectionError) -> Proof {
        guard let plugin else {
            if let token = try connection.bearerToken() { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            return Proof(issued: nil)
        }
        let issued = try await plugin.credential()
        switch issued.credential.secret {
        case .token(let token):
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        case .clientCertificate(let chain, let key):
            var tls = self.tls
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(key)
            request.tlsConfiguration = tls
        }
        return Proof(issued: issued)
    }

    /// Reports that the API server answered 401 Unauthorized to a request authenticated with
    /// `proof`. Returns whether sending it again would carry other credentials (only a plugin's
    /// can change, and not more often than its backoff allows).
    func refused(_ proof: Proof) async -> Bool {
        guard let plugin, let issued = proof.issued else { return false }
        return await plugin.refused(issued)
    }
}
