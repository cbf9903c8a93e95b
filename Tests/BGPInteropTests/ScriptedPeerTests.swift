import BGPWire
import Foundation
import IronLBPluginAPI
import NIOCore
import NIOPosix
import RouterLab
import Testing

/// ironlbd against a scripted BGP peer on loopback that misbehaves on purpose: the daemon must
/// answer with the right NOTIFICATION, never crash, and reconnect.
@Suite("BGP robustness: scripted peer", .serialized, .ownThreads)
struct ScriptedPeerTests {
    /// A one-connection-at-a-time BGP peer that the test drives message by message.
    final class ScriptedPeer: @unchecked Sendable {
        let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
        var port: Int { server.channel.localAddress?.port ?? 0 }
        private var connections: NIOAsyncChannelInboundStream<NIOAsyncChannel<ByteBuffer, ByteBuffer>>.AsyncIterator?

        init() async throws {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: 0) { channel in
                    channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                }
        }

        /// One accepted connection with a message reader.
        final class Connection: @unchecked Sendable {
            let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
            var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
            var buffer = ByteBuffer()

            init(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
                self.channel = channel
                iterator = channel.inbound.makeAsyncIterator()
            }

            deinit {
                // NIO insists on a finished writer; this also closes the connection's sending side.
                channel.outbound.finish()
            }

            /// The next message, or nil when the connection closed.
            func next() async throws -> BGPMessage? {
                while true {
                    if let message = try BGPMessage.decode(from: &buffer, context: BGPCodingContext()) { return message }
                    guard var chunk = try await iterator.next() else { return nil }
                    buffer.writeBuffer(&chunk)
                }
            }

            /// Skips KEEPALIVEs and UPDATEs until a message of another kind (or the close).
            func nextNotKeepaliveOrUpdate() async throws -> BGPMessage? {
                while let message = try await next() {
                    switch message {
                    case .keepalive, .update: continue
                    default: return message
                    }
                }
                return nil
            }

            func send(_ message: BGPMessage) async throws {
                var out = ByteBuffer()
                try message.encode(into: &out, context: BGPCodingContext())
                try await channel.outbound.write(out)
            }

            /// The scripted peer's OPEN: AS 64500, identifier 192.0.2.200 unless told otherwise.
            func sendOpen(holdTime: UInt16 = 9, identifier: IPv4Address = IPv4Address(0xC000_02C8)) async throws {
                try await send(.open(BGPOpen(autonomousSystem: 64500, holdTime: holdTime, bgpIdentifier: identifier,
                                             capabilities: [.multiprotocol(.ipv4Unicast), .fourOctetAS(64500)])))
            }

            func send(raw bytes: [UInt8]) async throws {
                try await channel.outbound.write(ByteBuffer(bytes: bytes))
            }

            /// OPEN exchange and first KEEPALIVEs: returns when the session is Established on both ends.
            func establish(holdTime: UInt16 = 9) async throws {
                guard case .open = try await next() else { throw ScriptError.unexpected("no OPEN from ironlbd") }
                try await sendOpen(holdTime: holdTime)
                try await send(.keepalive)
                guard case .keepalive = try await next() else { throw ScriptError.unexpected("no KEEPALIVE from ironlbd") }
            }
        }

        /// The next connection from ironlbd (the test's time limit bounds the wait).
        func accept() async throws -> Connection {
            if connections == nil { connections = server.inbound.makeAsyncIterator() }
            guard let channel = try await connections?.next() else { throw ScriptError.unexpected("listener closed") }
            return Connection(channel)
        }

        enum ScriptError: Error { case unexpected(String) }
    }

    func startDaemon(peerPort: Int, directory: URL, bgpExtra: String = "") throws -> DaemonUnderTest {
        let config = """
        version: 1
        node: {name: lab, router-id: 192.0.2.100}
        state-directory: \(directory.path)/state
        control: {socket: \(directory.path)/control.sock}
        metrics: {enabled: false}
        pools:
          - {name: public, addresses: [203.0.113.0/28]}
        announcers:
          bgp:
            local-asn: 64512
            hold-time: 9s
            connect-retry: 1s
            connect-retry-max: 2s
            graceful-restart: {enabled: false}
        \(bgpExtra)
            peers:
              - {name: scripted, address: 127.0.0.1, port: \(peerPort), asn: 64500}
        advertisements:
          - {name: pub, announcer: bgp, pools: [public]}
        services:
          - {name: web, pool: public}
        """
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("ironlb.yaml")
        try config.write(to: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RouterLab.builtExecutable("ironlbd"))
        process.arguments = ["--config", path.path, "--log-level", "debug"]
        let log = directory.appendingPathComponent("ironlbd.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try SpawnLock.run(process)
        return DaemonUnderTest(process: process, log: log)
    }

    struct DaemonUnderTest {
        let process: Process
        let log: URL
        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        func stop() -> Int32 {
            kill(process.processIdentifier, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit(); return -9 }
            return process.terminationStatus
        }
    }

    func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-scripted-\(UUID().uuidString)")
    }

    @Test("A malformed UPDATE gets NOTIFICATION 3/1, the daemon survives and reconnects", .timeLimit(.minutes(1)))
    func malformedUpdate() async throws {
        let peer = try await ScriptedPeer()
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let daemon = try startDaemon(peerPort: peer.port, directory: directory)
        let first = try await peer.accept()
        try await first.establish()
        // An UPDATE whose Total Path Attribute Length (100) overruns the message: RFC 4271 §6.3 → 3/1.
        var update: [UInt8] = Array(repeating: 0xFF, count: 16) + [0, 27, 2] + [0, 0] + [0, 100] + [0x40, 1, 1, 0]
        update[17] = UInt8(update.count)
        try await first.send(raw: update)
        guard case .notification(let notification) = try await first.nextNotKeepaliveOrUpdate() else {
            Issue.record("no NOTIFICATION; log:\n\(daemon.output)")
            return
        }
        #expect(notification.code.rawValue == 3 && notification.subcode == 1, "\(notification)")
        #expect(try await first.next() == nil, "ironlbd closes the connection after the NOTIFICATION")
        let second = try await peer.accept()
        try await second.establish()
        #expect(daemon.process.isRunning)
        #expect(daemon.stop() == 0, "\(daemon.output)")
    }

    @Test("A peer that falls silent gets NOTIFICATION 4/0 when the negotiated hold time expires", .timeLimit(.minutes(1)))
    func holdTimerExpiry() async throws {
        let peer = try await ScriptedPeer()
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let daemon = try startDaemon(peerPort: peer.port, directory: directory)
        let connection = try await peer.accept()
        let start = ContinuousClock.now
        try await connection.establish(holdTime: 3)
        guard case .notification(let notification) = try await connection.nextNotKeepaliveOrUpdate() else {
            Issue.record("no NOTIFICATION; log:\n\(daemon.output)")
            return
        }
        #expect(notification == .holdTimerExpired)
        #expect(ContinuousClock.now - start >= .seconds(3))
        #expect(daemon.stop() == 0)
    }

    @Test("A bad marker gets NOTIFICATION 1/1 (connection not synchronized)", .timeLimit(.minutes(1)))
    func badMarker() async throws {
        let peer = try await ScriptedPeer()
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let daemon = try startDaemon(peerPort: peer.port, directory: directory)
        let connection = try await peer.accept()
        try await connection.establish()
        try await connection.send(raw: Array(repeating: 0xFF, count: 15) + [0xFE, 0, 19, 4])
        guard case .notification(let notification) = try await connection.nextNotKeepaliveOrUpdate() else {
            Issue.record("no NOTIFICATION; log:\n\(daemon.output)")
            return
        }
        #expect(notification.code.rawValue == 1 && notification.subcode == 1, "\(notification)")
        #expect(daemon.stop() == 0)
    }
}
