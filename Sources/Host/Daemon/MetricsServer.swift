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

    func run() async throws {
        let server: NIOAsyncChannel<HTTPExchange.Connection, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { HTTPExchange.wrap($0) }
        } catch {
            // Metrics are not worth stopping announcements for: say so loudly and keep running.
            logger.error("cannot listen for metrics on \(host):\(port): \(error); metrics are unavailable")
            try? await gracefulShutdown()
            return
        }
        logger.info("metrics on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/metrics")
        await cancelWhenGracefulShutdown {
            await HTTPExchange.serve(server) { _, request, _ in response(for: request) }
        }
    }

    private func response(for request: HTTPRequestHead) -> HTTPExchange.Answer {
        guard request.method == .GET || request.method == .HEAD else {
            return .init(status: .methodNotAllowed, contentType: "text/plain", body: ByteBuffer(string: "only GET\n"))
        }
        guard request.uri == "/metrics" || request.uri.hasPrefix("/metrics?") else {
            return .init(status: .notFound, contentType: "text/plain", body: ByteBuffer(string: "metrics are at /metrics\n"))
        }
        return .init(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: ByteBuffer(bytes: registry.emitToBuffer()))
    }
}
