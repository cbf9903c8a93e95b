import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Serves the Prometheus text exposition format at `GET /metrics` on the configured listener.
struct MetricsServer: Service {
    let host: String
    let port: Int
    let registry: PrometheusCollectorRegistry
    let logger: Logger

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    func run() async throws {
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await bind()
        } catch {
            // Metrics are not worth stopping announcements for: say so loudly and keep running.
            logger.error("cannot listen for metrics on \(host):\(port): \(error); metrics are unavailable")
            try? await gracefulShutdown()
            return
        }
        logger.info("metrics on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/metrics")
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                try? await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await serve(connection) }
                    }
                }
            }
        }
    }

    private func bind() async throws -> NIOAsyncChannel<Connection, Never> {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    private func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let request): head = request
                case .body: break
                case .end:
                    guard let request = head else { continue }
                    let (status, body, type) = response(for: request)
                    var headers = HTTPHeaders([("Content-Type", type), ("Content-Length", "\(body.readableBytes)")])
                    if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
                    try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(body)))
                    try await outbound.write(.end(nil))
                    if !request.isKeepAlive { return }
                }
            }
        }
    }

    private func response(for request: HTTPRequestHead) -> (HTTPResponseStatus, ByteBuffer, String) {
        guard request.method == .GET || request.method == .HEAD else {
            return (.methodNotAllowed, ByteBuffer(string: "only GET\n"), "text/plain")
        }
        guard request.uri == "/metrics" || request.uri.hasPrefix("/metrics?") else {
            return (.notFound, ByteBuffer(string: "metrics are at /metrics\n"), "text/plain")
        }
        return (.ok, ByteBuffer(bytes: registry.emitToBuffer()), "text/plain; version=0.0.4; charset=utf-8")
    }
}
