import NIOCore
import NIOHTTP1

/// The small HTTP/1.1 server loop the metrics listener and the control socket share: accept
/// connections until graceful shutdown, answer each request with what `respond` returns.
enum HTTPExchange {
    /// A server-side HTTP connection.
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// An answer: status, content type, body.
    struct Answer: Sendable {
        var status: HTTPResponseStatus
        var contentType: String
        var body: ByteBuffer
    }

    /// Wraps an accepted channel in the HTTP server pipeline.
    static func wrap(_ channel: any Channel) -> EventLoopFuture<Connection> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline()
            return try Connection(wrappingChannelSynchronously: channel)
        }
    }

    /// Serves every connection of `server` in its own child task until the server closes.
    /// The largest request body taken (the control API's requests are small JSON documents).
    static let maximumBodySize = 1 << 20

    static func serve(_ server: NIOAsyncChannel<Connection, Never>, _ respond: @escaping @Sendable (Connection, HTTPRequestHead, [UInt8]) async -> Answer) async {
        await withDiscardingTaskGroup { group in
            try? await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await exchange(on: connection, respond) }
                }
            }
        }
    }

    /// Answers the requests of one connection, keeping it open while the client asks to.
    private static func exchange(on connection: Connection, _ respond: @Sendable (Connection, HTTPRequestHead, [UInt8]) async -> Answer) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let request):
                    head = request
                    body.removeAll()
                case .body(var chunk):
                    guard body.count + chunk.readableBytes <= maximumBodySize else { return }
                    body += chunk.readBytes(length: chunk.readableBytes) ?? []
                case .end:
                    guard let request = head else { continue }
                    let answer = await respond(connection, request, body)
                    var headers = HTTPHeaders([("Content-Type", answer.contentType), ("Content-Length", "\(answer.body.readableBytes)")])
                    if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
                    try await outbound.write(.head(HTTPResponseHead(version: request.version, status: answer.status, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(answer.body)))
                    try await outbound.write(.end(nil))
                    if !request.isKeepAlive { return }
                }
            }
        }
    }
}
