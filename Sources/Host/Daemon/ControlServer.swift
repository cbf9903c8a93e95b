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

    func run() async throws {
        let server: NIOAsyncChannel<HTTPExchange.Connection, Never>
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { HTTPExchange.wrap($0) }
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
            await HTTPExchange.serve(server) { connection, request, body in await answer(request, body: body, on: connection) }
        }
        unlink(path)
    }

    private func caller(of connection: HTTPExchange.Connection) async -> ControlAccess.Caller? {
        guard let provider = connection.channel as? any SocketOptionProvider,
              let credentials: PeerCredentials = try? await provider.unsafeGetSocketOption(
                level: .init(rawValue: SOL_SOCKET), name: .init(rawValue: SO_PEERCRED)).get() else { return nil }
        return ControlAccess.Caller(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
    }

    private func answer(_ request: HTTPRequestHead, body: [UInt8], on connection: HTTPExchange.Connection) async -> HTTPExchange.Answer {
        let caller = await caller(of: connection)
        guard let caller, access.allows(caller, groups: ControlAccess.supplementaryGroups(of: caller.pid)) else {
            logger.warning("refused a control request from \(caller.map(\.description) ?? "an unknown caller"): not root, not ironlbd's user, not in group ironlb",
                           metadata: ["request": "\(request.method.rawValue) \(request.uri)"])
            return .init(status: .forbidden, contentType: "application/json",
                         body: ByteBuffer(string: "{\"error\":\"permission denied: use root or a member of group ironlb\"}\n"))
        }
        let response = await api.handle(method: request.method.rawValue, path: request.uri, body: body)
        return .init(status: .init(statusCode: response.status), contentType: response.contentType, body: ByteBuffer(bytes: response.body))
    }
}
