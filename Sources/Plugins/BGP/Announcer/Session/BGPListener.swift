import BGPWire
import IronLBPluginAPI
import Logging
import NIOCore
import NIOPosix

/// The listening socket for passive peers: accepts connections and hands each to its peer's session.
struct BGPListener: Sendable {
    let server: NIOAsyncChannel<any Channel, Never>
    let logger: Logger

    /// Binds the listener; TCP-MD5 keys for passive peers are set on the listening socket.
    static func bind(_ settings: BGPConfiguration.ListenSettings, passwords: [(IPAddress, String)], logger: Logger) async throws -> BGPListener {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Nothing may be read before the peer's session has put its decoder in place: the peer's
            // OPEN would reach an empty pipeline and be dropped. `BGPTransport.wrap` turns reads on.
            .childChannelOption(.autoRead, value: false)
            .serverChannelInitializer { channel in
                let futures = passwords.map { address, password in
                    BGPTransport.apply(.init(ttl: nil, gtsm: false, md5Password: password, peerAddress: address), to: channel)
                }
                return EventLoopFuture.andAllSucceed(futures, on: channel.eventLoop)
            }
            .bind(host: settings.address.description, port: settings.port) { channel in
                channel.eventLoop.makeSucceededFuture(channel)
            }
        logger.info("BGP listening on \(settings.address):\(settings.port)")
        return BGPListener(server: server, logger: logger)
    }

    /// Accepts connections until closed, calling `handler` with each connection and its remote address.
    func accept(_ handler: @escaping @Sendable (any Channel, IPAddress) async -> Void) async {
        do {
            try await server.executeThenClose { inbound in
                for try await channel in inbound {
                    guard let text = channel.remoteAddress?.ipAddress, let remote = try? IPAddress(parsing: text) else {
                        channel.close(promise: nil)
                        continue
                    }
                    await handler(channel, remote)
                }
            }
        } catch {
            logger.debug("BGP listener closed: \(error)")
        }
    }

    /// Stops listening.
    func close() {
        server.channel.close(promise: nil)
    }
}
