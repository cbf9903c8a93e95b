import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A Kubernetes API server for tests, on 127.0.0.1 over TLS with a throwaway CA: lists, chunked
/// watch streams with bookmarks and 410 Expired, the Service status subresource, authentication
/// by bearer token or client certificate (both can be changed while it runs, to test credential
/// rotation). It can also fail like a real one: an outage closes every connection and answers 503
/// until it ends.
package final class FakeAPIServer: Sendable {
    /// The objects.
    package let store = FakeAPIStore()
    /// The certificates; clients trust `pki.caPEM`.
    package let pki: TestPKI
    private let acceptedToken: Mutex<String>
    private let acceptedCertificates = Mutex<Set<[UInt8]>>([])
    private let unauthorized = Mutex(0)
    private let channel: any Channel
    private let children = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let down = Mutex(false)
    private let refusedStatus = Mutex(Set<String>())
    private let requests = Mutex<[String]>([])

    /// Every request past discovery, as `METHOD URI`.
    package var requestLog: [String] { requests.withLock { $0 } }

    package func recordRequest(_ line: String) {
        requests.withLock { $0.append(line) }
    }

    /// The bearer token requests must carry (unless they present an accepted client certificate).
    package var token: String { acceptedToken.withLock { $0 } }

    /// Makes requests need `token` from now on; the old one gets 401 Unauthorized. Open connections
    /// stay open, as on a real server, so running watches go on.
    package func requireToken(_ token: String) {
        acceptedToken.withLock { $0 = token }
    }

    /// Makes the client certificates `pems` (signed by `pki`'s CA) authenticate, and no others.
    package func acceptClientCertificates(_ pems: [String]) throws {
        let ders = try pems.map { Set(try NIOSSLCertificate.fromPEMBytes(Array($0.utf8)).map { try $0.toDERBytes() }) }
        acceptedCertificates.withLock { $0 = ders.reduce([], { $0.union($1) }) }
    }

    /// Whether `certificate`, verified against the CA in the handshake, authenticates.
    func accepts(_ certificate: NIOSSLCertificate) -> Bool {
        guard let der = try? certificate.toDERBytes() else { return false }
        return acceptedCertificates.withLock { $0.contains(der) }
    }

    /// How many requests were answered 401 Unauthorized.
    package var unauthorizedCount: Int { unauthorized.withLock { $0 } }

    func recordUnauthorized() {
        unauthorized.withLock { $0 += 1 }
    }

    /// `https://127.0.0.1:PORT`.
    package var url: String { "https://127.0.0.1:\(channel.localAddress?.port ?? 0)" }

    /// Starts listening on an ephemeral port of 127.0.0.1: in this process's network namespace, or in
    /// the one named `namespace` (`ip netns`), where processes of that namespace reach it.
    package init(token: String = "test-token-\(UUID().uuidString)", namespace: String? = nil) async throws {
        let pki = try TestPKI()
        self.pki = pki
        acceptedToken = Mutex(token)
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem))
        )
        tls.minimumTLSVersion = .tlsv12
        // Ask for a client certificate; a client without one authenticates with a token instead.
        tls.certificateVerification = .optionalVerification
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pki.caPEM.utf8)))
        let context = try NIOSSLContext(configuration: tls)
        let box = Box()
        let socket = if let namespace { try await NamespaceSocket.listen(inNamespace: namespace) } else { nil as CInt? }
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                    try child.pipeline.syncOperations.addHandler(FakeAPIHandler(server: box.server!))
                    box.server!.track(child)
                }
            }
        channel = try await (socket.map { bootstrap.withBoundSocket($0) } ?? bootstrap.bind(host: "127.0.0.1", port: 0)).get()
        box.server = self
    }

    /// Stops listening and closes every connection.
    package func shutdown() async {
        try? await channel.close()
        for child in children.withLock({ Array($0.values) }) { try? await child.close() }
    }

    /// Starts an outage: every open connection (and so every watch) is cut, and requests get 503.
    package func beginOutage() {
        down.withLock { $0 = true }
        closeConnections()
    }

    /// Cuts every open connection (and so every watch), as a restart of the server would.
    package func closeConnections() {
        for child in children.withLock({ Array($0.values) }) { child.close(promise: nil) }
    }

    /// Ends the outage.
    package func endOutage() {
        down.withLock { $0 = false }
    }

    /// Whether the server is in an outage.
    package var isDown: Bool { down.withLock { $0 } }

    /// Status writes to these Services (`namespace/name`) get 422 Invalid, as an admission webhook
    /// that denies them would answer.
    package func refuseStatus(of keys: Set<String>) {
        refusedStatus.withLock { $0 = keys }
    }

    /// Whether status writes to `key` are refused.
    package func refusesStatus(of key: String) -> Bool { refusedStatus.withLock { $0.contains(key) } }

    private func track(_ child: any Channel) {
        let id = ObjectIdentifier(child)
        children.withLock { $0[id] = child }
        child.closeFuture.whenComplete { [weak self] _ in self?.children.withLock { _ = $0.removeValue(forKey: id) } }
    }

    /// Lets the child initializer reach the server before `init` finishes.
    private final class Box: @unchecked Sendable {
        var server: FakeAPIServer?
    }
}
