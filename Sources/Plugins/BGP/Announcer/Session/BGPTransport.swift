import BGPWire
import IronLBPluginAPI
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection carrying BGP: decoded messages in. Nothing goes out through the async writer:
/// the session encodes with the negotiated context and writes whole batches of bytes to the
/// channel itself, so the writer is finished from the start and the connection stays open.
typealias BGPChannel = NIOAsyncChannel<BGPMessage, Never>

/// Opens and accepts BGP TCP connections with the socket options a peer asks for: source address,
/// TTL (eBGP multihop), GTSM (RFC 5082) and TCP-MD5 signatures (RFC 2385).
enum BGPTransport {
    /// Socket settings for one peer.
    struct SocketSettings: Sendable {
        var ttl: Int32?
        var gtsm: Bool
        var md5Password: String?
        var peerAddress: IPAddress
    }

    /// The settings `peer` implies; eBGP without multihop uses TTL 1 (RFC 4271 directly connected peers).
    static func settings(for peer: BGPPeerConfiguration, localASN: UInt32, password: String?) -> SocketSettings {
        let ttl: Int32? = peer.gtsm ? 255 : peer.ebgpMultihop.map(Int32.init) ?? (peer.isInternal(localASN: localASN) ? nil : 1)
        return SocketSettings(ttl: ttl, gtsm: peer.gtsm, md5Password: password, peerAddress: peer.address)
    }

    /// Connects to `peer`, with a decoder that negotiates its coding context from `localOpen`.
    static func connect(
        to peer: BGPPeerConfiguration, settings: SocketSettings, localOpen: BGPOpen, timeout: Duration
    ) async throws -> BGPChannel {
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + Int64(timeout.components.attoseconds / 1_000_000_000)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                apply(settings, to: channel)
            }
        if let source = peer.sourceAddress {
            bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source.description, port: 0))
        }
        return try await bootstrap.connect(host: peer.address.description, port: peer.port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try wrap(channel, localOpen: localOpen)
            }
        }
    }

    /// Wraps an open channel: framing and decoding inbound (raw bytes go out through the channel).
    static func wrap(_ channel: any Channel, localOpen: BGPOpen) throws -> BGPChannel {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BGPMessageDecoder(localOpen: localOpen)))
        let wrapped = try BGPChannel(wrappingChannelSynchronously: channel)
        // Accepted connections start with reads off (see BGPListener); the decoder is in place now.
        try channel.syncOptions?.setOption(.autoRead, value: true)
        return wrapped
    }

    /// Sets TTL, GTSM and MD5 on a socket before it connects (or on a listening socket).
    static func apply(_ settings: SocketSettings, to channel: any Channel) -> EventLoopFuture<Void> {
        let v6 = settings.peerAddress.family == .ipv6
        var futures: [EventLoopFuture<Void>] = []
        if let ttl = settings.ttl {
            let option: ChannelOptions.Types.SocketOption = v6
                ? .init(level: IPPROTO_IPV6, name: IPV6_UNICAST_HOPS) : .init(level: IPPROTO_IP, name: IP_TTL)
            futures.append(channel.setOption(option, value: Int(ttl)))
        }
        if settings.gtsm {
            // RFC 5082 §3: accept only packets that arrive with TTL 255, i.e. from a directly connected peer.
            let option: ChannelOptions.Types.SocketOption = v6
                ? .init(level: IPPROTO_IPV6, name: 73 /* IPV6_MINHOPCOUNT */) : .init(level: IPPROTO_IP, name: 21 /* IP_MINTTL */)
            futures.append(channel.setOption(option, value: 255))
        }
        if let password = settings.md5Password, let provider = channel as? any SocketOptionProvider {
            futures.append(provider.unsafeSetSocketOption(level: .init(rawValue: Int32(IPPROTO_TCP)), name: .init(rawValue: 14 /* TCP_MD5SIG */), value: TCPMD5Signature(peer: settings.peerAddress, key: password)))
        }
        return EventLoopFuture.andAllSucceed(futures, on: channel.eventLoop)
    }
}

/// `struct tcp_md5sig` of <linux/tcp.h>: the peer's address and the shared key (at most 80 bytes).
struct TCPMD5Signature {
    // struct __kernel_sockaddr_storage tcpm_addr; u8 flags; u8 prefixlen; u16 keylen; u32 ifindex; u8 key[80];
    var storage: InlineArray<216, UInt8> = .init(repeating: 0)

    init(peer: IPAddress, key: String) {
        var bytes = [UInt8](repeating: 0, count: 216)
        switch peer {
        case .v4(let v4):
            bytes[0] = UInt8(AF_INET & 0xFF); bytes[1] = UInt8(AF_INET >> 8)
            withUnsafeBytes(of: v4.rawValue.bigEndian) { for (i, b) in $0.enumerated() { bytes[4 + i] = b } }
        case .v6(let v6):
            bytes[0] = UInt8(AF_INET6 & 0xFF); bytes[1] = UInt8(AF_INET6 >> 8)
            withUnsafeBytes(of: v6.rawValue.bigEndian) { for (i, b) in $0.enumerated() { bytes[8 + i] = b } }
        }
        let keyBytes = Array(key.utf8.prefix(80))
        bytes[130] = UInt8(keyBytes.count & 0xFF); bytes[131] = UInt8(keyBytes.count >> 8)
        for (i, b) in keyBytes.enumerated() { bytes[136 + i] = b }
        for i in 0..<216 { storage[i] = bytes[i] }
    }
}
