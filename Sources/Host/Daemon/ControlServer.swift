import Foundation
import IronLBCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The control API on a Unix socket (JSON over HTTP/1.1). Every connection's caller is checked with
/// SO_PEERCRED: root, ironlbd's own user and the `ironlb` group are served; anyone else is refused
/// and logged.
struct ControlServer: Service {
    let path: String
    let api: ControlAPI
    let logger: Logger
    let access = ControlAccess.current()

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    func run() async throws {
        let server: NIOAsyncChannel<Connection, Never>
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
            // 0660, group ironlb when it exists: the kernel keeps everyone else out before SO_PEERCRED does.
            chmod(path, 0o660)
            if let group = access.groupID { chown(path, UInt32.max, group) }
        } catch {
            logger.error("cannot open the control socket \(path): \(error); ironlbctl will not reach this daemon")
            try? await gracefulShutdown()
            return
        }
        logger.info("control API on \(path)")
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                try? await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await serve(connection) }
                    }
                }
            }
        }
        unlink(path)
    }

    private func caller(of connection: Connection) async -> ControlAccess.Caller? {
        guard let provider = connection.channel as? any SocketOptionProvider,
              let credentials: PeerCredentials = try? await provider.unsafeGetSocketOption(
                level: .init(rawValue: SOL_SOCKET), name: .init(rawValue: SO_PEERCRED)).get() else { return nil }
        return ControlAccess.Caller(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
    }

    private func serve(_ connection: Connection) async {
        let caller = await caller(of: connection)
        let allowed = caller.map { access.allows($0, groups: ControlAccess.supplementaryGroups(of: $0.pid)) } ?? false
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let request): head = request
                case .body: break
                case .end:
                    guard let request = head else { continue }
                    let response: ControlAPI.Response
                    if allowed {
                        response = await api.handle(method: request.method.rawValue, path: request.uri)
                    } else {
                        logger.warning("refused a control request from \(caller.map(\.description) ?? "an unknown caller"): not root, not ironlbd's user, not in group ironlb",
                                       metadata: ["request": "\(request.method.rawValue) \(request.uri)"])
                        response = ControlAPI.Response(status: 403, contentType: "application/json",
                                                       body: Array("{\"error\":\"permission denied: use root or a member of group ironlb\"}\n".utf8))
                    }
                    let headers = HTTPHeaders([("Content-Type", response.contentType), ("Content-Length", "\(response.body.count)"), ("Connection", "close")])
                    try await outbound.write(.head(HTTPResponseHead(version: request.version, status: .init(statusCode: response.status), headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
                    try await outbound.write(.end(nil))
                    return
                }
            }
        }
    }
}
