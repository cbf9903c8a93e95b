import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// A small Kubernetes REST client on async-http-client: list, watch and status patches, with the
/// credentials applied to every request (see ``RequestAuthenticator``) and TLS verified against the
/// configured trust roots.
struct APIClient: Sendable {
    private let http: HTTPClient
    private let server: String
    private let authenticator: RequestAuthenticator
    private let requestTimeout: Duration

    /// Creates the client; ``shutdown()`` must be called when done.
    init(connection: ClusterConnection, timing: KubernetesTiming, logger: Logger) {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.shutdownTimeout = .seconds(1)  // a peer that never answers close_notify must not hold up shutdown
        if let roots = connection.trustRoots { tls.trustRoots = .certificates(roots) }
        if case .clientCertificate(let chain, let key) = connection.credentials {
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(key)
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout.connect = .seconds(10)
        // The server ends every watch after `watchTimeout` and sends bookmarks meanwhile: a connection
        // silent for longer is dead (a partition that never delivered a FIN), so give it up.
        configuration.timeout.read = .seconds(timing.watchTimeout.components.seconds + 60)
        configuration.redirectConfiguration = .disallow
        // HTTP/1.1, the protocol the tests and the 10,000-Service benchmark run: left at `.automatic`
        // the client would take HTTP/2 from a real API server (it offers h2 by ALPN), a path the
        // in-test API server does not speak and so nothing here would have exercised.
        configuration.httpVersion = .http1Only
        // Watches hold a connection each for as long as they run; status writes go side by side on
        // the rest (StatusWriter.concurrentWrites). AHC's default of 8 per host left them about 4.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = StatusWriter.concurrentWrites + 8
        // IronLB bootstraps no tracer; left at its default (the global no-op tracer), AHC still built
        // every request's span attributes: 2 % of ironlbd's CPU while it wrote 10,000 statuses.
        configuration.tracing.tracer = nil
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        server = connection.server
        authenticator = RequestAuthenticator(connection: connection, tls: tls, timing: timing, logger: logger)
        self.requestTimeout = timing.requestTimeout
    }

    /// Closes the connections.
    func shutdown() async {
        try? await http.shutdown()
    }

    /// Lists every object under `path`, page by page; returns them with the list's resourceVersion.
    func list<Object: KubernetesObject>(_ path: String, as: Object.Type) async throws(APIError) -> (items: [Object], resourceVersion: String) {
        var items: [Object] = []
        var token: String?
        repeat {
            var query = "limit=500"
            if let token { query += "&continue=\(Self.escape(token))" }
            let response = try await send(.GET, "\(path)?\(query)")
            let page: ObjectList<Object> = try decode(try await body(of: response, limit: 256 << 20))
            items += page.items
            token = page.metadata.continue.flatMap { $0.isEmpty ? nil : $0 }
            if token == nil { return (items, page.metadata.resourceVersion ?? "") }
        } while true
    }

    /// Watches `path` from `resourceVersion` until the server ends the stream or `timeout` passes,
    /// handing each event to `handle` in order.
    func watch<Object: KubernetesObject>(
        _ path: String, from resourceVersion: String, timeout: Duration, as: Object.Type,
        _ handle: (WatchEvent<Object>) async throws(APIError) -> Void
    ) async throws(APIError) {
        let seconds = max(1, Int(timeout.components.seconds))
        let query = "watch=1&allowWatchBookmarks=true&resourceVersion=\(Self.escape(resourceVersion))&timeoutSeconds=\(seconds)"
        let response = try await send(.GET, "\(path)?\(query)")
        guard response.status == .ok else { throw await failure(response) }
        let decoder = JSONDecoder()
        var lines = WatchLineSplitter()
        do {
            for try await chunk in response.body {
                lines.append(chunk)
                while let line = lines.next() {
                    let event: WatchEvent<Object>
                    do { event = try WatchEvent(line: line, decoder: decoder) } catch {
                        throw APIError.malformed("watch event: \(error)")
                    }
                    try await handle(event)
                }
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw .transport(error)
        }
    }

    /// Merge-patches the status subresource of the service `namespace/name` with `patch` (JSON). The
    /// answer (the whole Service) is not decoded: the watch brings the change anyway.
    func patchServiceStatus(namespace: String, name: String, patch: Data) async throws(APIError) {
        let path = "/api/v1/namespaces/\(Self.escape(namespace))/services/\(Self.escape(name))/status"
        let response = try await send(.PATCH, path, body: patch, contentType: "application/merge-patch+json")
        _ = try await body(of: response, limit: 4 << 20)
    }

    /// Merge-patches the service `namespace/name` itself (its metadata) with `patch` (JSON); returns
    /// the Service's new resourceVersion (the rest of the answer is not decoded: the watch brings it).
    func patchService(namespace: String, name: String, patch: Data) async throws(APIError) -> String? {
        struct Answer: Decodable {
            struct Metadata: Decodable { var resourceVersion: String? }
            var metadata: Metadata?
        }
        let path = "/api/v1/namespaces/\(Self.escape(namespace))/services/\(Self.escape(name))"
        let response = try await send(.PATCH, path, body: patch, contentType: "application/merge-patch+json")
        let answer: Answer = try decode(try await body(of: response, limit: 4 << 20))
        return answer.metadata?.resourceVersion
    }

    /// The Lease `namespace/name`, or nil when it does not exist.
    func lease(namespace: String, name: String) async throws(APIError) -> LeaseObject? {
        let response = try await send(.GET, Self.leasePath(namespace, name))
        if response.status == .notFound {
            _ = try? await response.body.collect(upTo: 1 << 20)  // an unread body would hold the connection
            return nil
        }
        return try decode(try await body(of: response, limit: 1 << 20))
    }

    /// Creates the Lease, or replaces it under optimistic concurrency (its `metadata.resourceVersion`
    /// must still be current; otherwise 409 Conflict).
    func writeLease(_ lease: LeaseObject, create: Bool) async throws(APIError) {
        let namespace = lease.metadata.namespace ?? "", name = lease.metadata.name ?? ""
        let body: Data
        do { body = try JSONEncoder().encode(lease) } catch { throw .malformed("cannot encode the lease: \(error)") }
        let response = create
            ? try await send(.POST, Self.leasePath(namespace, nil), body: body, contentType: "application/json")
            : try await send(.PUT, Self.leasePath(namespace, name), body: body, contentType: "application/json")
        _ = try await self.body(of: response, limit: 1 << 20)
    }

    /// Creates a core/v1 Event in `namespace`.
    func createEvent(namespace: String, body: Data) async throws(APIError) {
        let response = try await send(.POST, "/api/v1/namespaces/\(Self.escape(namespace))/events", body: body, contentType: "application/json")
        _ = try await self.body(of: response, limit: 1 << 20)
    }

    private static func leasePath(_ namespace: String, _ name: String?) -> String {
        let collection = "/apis/coordination.k8s.io/v1/namespaces/\(escape(namespace))/leases"
        return name.map { "\(collection)/\(escape($0))" } ?? collection
    }

    /// Sends the request; a 401 Unauthorized is sent once more when the credentials changed since
    /// (a credential plugin issued a new one), as the refused request was not carried out.
    private func send(_ method: HTTPMethod, _ pathAndQuery: String, body: Data? = nil, contentType: String? = nil) async throws(APIError) -> HTTPClientResponse {
        var attempt = 1
        while true {
            var request = HTTPClientRequest(url: server + pathAndQuery)
            request.method = method
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "ironlbd")
            let proof: RequestAuthenticator.Proof
            do { proof = try await authenticator.authenticate(&request) } catch { throw .connection(error) }
            if let body {
                request.body = .bytes(ByteBuffer(data: body))
                if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            }
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, timeout: .seconds(requestTimeout.components.seconds))
            } catch {
                throw .transport(error)
            }
            guard response.status == .unauthorized, await authenticator.refused(proof), attempt == 1 else { return response }
            _ = try? await response.body.collect(upTo: 1 << 20)  // an unread body would hold the connection
            attempt += 1
        }
    }

    private func body(of response: HTTPClientResponse, limit: Int) async throws(APIError) -> Data {
        guard response.status == .ok || response.status == .created else { throw await failure(response) }
        do {
            return Data(buffer: try await response.body.collect(upTo: limit))
        } catch {
            throw .transport(error)
        }
    }

    private func failure(_ response: HTTPClientResponse) async -> APIError {
        let bytes = try? await response.body.collect(upTo: 1 << 20)
        let status = bytes.flatMap { try? JSONDecoder().decode(APIStatus.self, from: Data(buffer: $0)) }
        return .status(code: Int(response.status.code), status)
    }

    private func decode<Value: Decodable>(_ data: Data) throws(APIError) -> Value {
        do { return try JSONDecoder().decode(Value.self, from: data) } catch {
            throw .malformed("\(Value.self): \(error)")
        }
    }

    static func escape(_ text: String) -> String {
        // Names are DNS labels and versions digits: nothing to escape (and Foundation's escaping
        // was a few percent of ironlbd's CPU with 10,000 status writes).
        if text.utf8.allSatisfy({ $0 < 0x80 && unreserved[Int($0)] }) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+/"))) ?? text
    }

    /// RFC 3986 unreserved characters (letters, digits, `-._~`), by ASCII code.
    private static let unreserved: [Bool] = (0..<128).map { code in
        let character = Character(Unicode.Scalar(UInt8(code)))
        return character.isASCII && (character.isLetter || character.isNumber || "-._~".contains(character))
    }
}
