import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A one-request HTTP/1.1 client for ironlbd's control socket.
enum ControlClient {
    struct Response {
        var status: Int
        var body: Data
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String
    }

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// Sends `method path` (with `body`, if any) to the socket and returns the answer.
    static func request(_ method: HTTPMethod, _ path: String, body: [UInt8] = [], socket: String) async throws -> Response {
        let connection: Connection
        do {
            connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(unixDomainSocketPath: socket) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Unreachable(description: "cannot reach ironlbd at \(socket): \(error)")
        }
        return try await connection.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
            head.headers.add(name: "Host", value: "ironlbd")
            head.headers.add(name: "Content-Length", value: "\(body.count)")
            if !body.isEmpty { head.headers.add(name: "Content-Type", value: "application/json") }
            try await outbound.write(.head(head))
            if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            var status = 0
            var body = Data()
            for try await part in inbound {
                switch part {
                case .head(let response): status = Int(response.status.code)
                case .body(var buffer): body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
                case .end: return Response(status: status, body: body)
                }
            }
            return Response(status: status, body: body)
        }
    }
}
