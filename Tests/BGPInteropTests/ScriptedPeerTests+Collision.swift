import BGPWire
import Foundation
import IronLBPluginAPI
import NIOCore
import NIOPosix
import RouterLab
import Testing

/// Connection collisions (RFC 4271 §6.8): the scripted peer lets ironlbd's connection sit in
/// OpenSent, opens a second connection to ironlbd's listener and sends its OPEN there. The
/// connection opened by the speaker with the higher BGP identifier must stay; the other gets
/// Cease 6/7 and is closed; the session comes up on the survivor.
extension ScriptedPeerTests {
    @Test("Collision, the peer's identifier is higher: ironlbd's own connection gets Cease 6/7, the peer's carries the session",
          .timeLimit(.minutes(1)))
    func collisionPeerWins() async throws {
        try await collision(peerIdentifier: IPv4Address(0xC000_02C8), peerWins: true)  // 192.0.2.200 > 192.0.2.100
    }

    @Test("Collision, the peer's identifier is lower: the peer's connection gets Cease 6/7, ironlbd's carries the session",
          .timeLimit(.minutes(1)))
    func collisionSpeakerWins() async throws {
        try await collision(peerIdentifier: IPv4Address(0xC000_0232), peerWins: false)  // 192.0.2.50 < 192.0.2.100
    }

    private func collision(peerIdentifier: IPv4Address, peerWins: Bool) async throws {
        let peer = try await ScriptedPeer()
        let directory = scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let listenPort = try Self.freePort()
        let daemon = try startDaemon(peerPort: peer.port, directory: directory, bgpExtra: "    listen: {address: 127.0.0.1, port: \(listenPort)}\n    graceful-shutdown-wait: 0s")
        defer { _ = daemon.stop() }

        // ironlbd connects first and sends its OPEN; the peer keeps that connection in OpenSent.
        let outbound = try await peer.accept()
        guard case .open = try await outbound.next() else {
            Issue.record("no OPEN on ironlbd's connection; log:\n\(daemon.output)")
            return
        }
        // The peer connects too: ironlbd answers with its OPEN at once, then reads the peer's.
        let inbound = try await Self.connect(port: listenPort)
        guard case .open(let open) = try await inbound.next() else {
            Issue.record("no OPEN on the peer's connection; log:\n\(daemon.output)")
            return
        }
        #expect(open.bgpIdentifier == IPv4Address(0xC000_0264))
        try await inbound.sendOpen(identifier: peerIdentifier)

        let (loser, winner) = peerWins ? (outbound, inbound) : (inbound, outbound)
        guard case .notification(let notification) = try await loser.nextNotKeepaliveOrUpdate() else {
            Issue.record("no NOTIFICATION on the losing connection; log:\n\(daemon.output)")
            return
        }
        #expect(notification.code.rawValue == 6 && notification.subcode == 7, "Cease 6/7 (Connection Collision Resolution), got \(notification)")
        #expect(try await loser.next() == nil, "the losing connection is closed")

        if !peerWins { try await winner.sendOpen(identifier: peerIdentifier) }
        try await winner.send(.keepalive)
        guard case .keepalive = try await winner.next() else {
            Issue.record("no KEEPALIVE on the surviving connection; log:\n\(daemon.output)")
            return
        }
        // Established on the survivor: the service's route arrives there.
        var sawRoute = false
        while let message = try await winner.next() {
            if case .update(let update) = message, !update.announcedPrefixes.isEmpty {
                sawRoute = true
                break
            }
        }
        #expect(sawRoute, "the service route arrives on the surviving connection; log:\n\(daemon.output)")
        #expect(daemon.output.contains("connection collision: the \(peerWins ? "outbound" : "inbound") connection loses"), "\(daemon.output)")
        #expect(daemon.process.isRunning)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        return channel.localAddress?.port ?? 0
    }

    /// Connects to ironlbd's listener, retrying while it is not up yet (the test's limit bounds it).
    static func connect(port: Int) async throws -> ScriptedPeer.Connection {
        while true {
            do {
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "127.0.0.1", port: port) { channel in
                        channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                    }
                return ScriptedPeer.Connection(channel)
            } catch {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
