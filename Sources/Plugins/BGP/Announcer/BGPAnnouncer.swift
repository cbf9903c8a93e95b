import BGPFSM
import BGPWire
import CoreMetrics
import IronLBPluginAPI
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The running BGP announcer: one session per peer, each with its own Adj-RIB-Out.
///
/// A reload changes only what it must: a peer whose session settings did not change keeps its
/// session; attribute changes become UPDATEs; only a changed peer is reset.
actor BGPAnnouncer: Announcer {
    private enum Command: Sendable {
        case start(PeerSession)
        case shutdown
    }

    private var configuration: BGPConfiguration
    private var advertisements: [String: BGPAdvertisementOptions]
    private let logger: Logger
    private let metrics: any MetricsFactory
    private var maintenance = Maintenance.normal
    private var sessions: [String: PeerSession] = [:]
    private var routes: [DesiredRoute] = []
    private let commands: AsyncStream<Command>
    private let commandContinuation: AsyncStream<Command>.Continuation

    init(configuration: BGPConfiguration, advertisements: [String: BGPAdvertisementOptions], metrics: any MetricsFactory, logger: Logger) {
        self.configuration = configuration
        self.advertisements = advertisements
        self.metrics = metrics
        self.logger = logger
        (commands, commandContinuation) = AsyncStream<Command>.makeStream()
    }

    func run() async throws {
        for peer in configuration.peers { startSession(peer) }
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                if let listen = configuration.listen {
                    // Every configured peer may connect, passive or not; when both sides connect,
                    // the sessions settle the collision (RFC 4271 §6.8).
                    let listener = try await BGPListener.bind(listen, passwords: listenerPasswords(), logger: logger)
                    group.addTask { await listener.accept { channel, remote in await self.dispatch(channel, from: remote) } }
                    group.addTask { try? await gracefulShutdown(); listener.close() }
                }
                for await command in commands {
                    switch command {
                    case .start(let session): group.addTask { await session.run() }
                    case .shutdown:
                        stopAll()
                        commandContinuation.finish()
                    }
                }
            }
        } onGracefulShutdown: {
            self.commandContinuation.yield(.shutdown)
        }
        logger.info("BGP announcer stopped")
    }

    func announce(_ desired: [DesiredRoute]) {
        routes = desired
        for session in sessions.values { session.send(.routes(desired)) }
    }

    func reconfigure(to setup: AnnouncerSetup) -> ReconfigureOutcome {
        guard let next = setup.section as? BGPConfiguration else { return .needsRestart(reason: "configuration of another type") }
        if next.localASN != configuration.localASN || next.routerID != configuration.routerID
            || next.gracefulRestart != configuration.gracefulRestart || next.listen != configuration.listen {
            return .needsRestart(reason: "the speaker's identity (AS, router ID, graceful restart or listener) changed")
        }
        let old = Dictionary(uniqueKeysWithValues: configuration.peers.map { ($0.name, $0) })
        configuration = next
        advertisements = setup.bgpAdvertisements
        for peer in next.peers {
            if let previous = old[peer.name], previous == peer, let session = sessions[peer.name] {
                session.send(.export(export(for: peer)))  // attributes only: UPDATEs, no reset
            } else {
                if let session = sessions.removeValue(forKey: peer.name) {
                    logger.info("peer \(peer.name) changed; resetting only its session", metadata: ["peer": "\(peer.name)"])
                    session.send(.stop(.cease(.otherConfigurationChange)))
                }
                startSession(peer)
            }
        }
        for name in old.keys where next.peer(named: name) == nil {
            sessions.removeValue(forKey: name)?.send(.stop(.cease(.peerDeconfigured)))
            logger.info("peer \(name) removed", metadata: ["peer": "\(name)"])
        }
        return .applied
    }

    func status() async -> AnnouncerStatus {
        var peers: [AnnouncerPeer] = []
        for name in sessions.keys.sorted() { if let session = sessions[name] { peers.append(await session.status) } }
        let established = peers.count(where: \.up)
        var summary = "\(established)/\(sessions.count) BGP sessions established"
        if maintenance != .normal { summary += " (drain: \(maintenance.rawValue))" }
        return AnnouncerStatus(
            name: BGPAnnouncerPlugin.name, healthy: established == sessions.count,
            summary: summary, announced: routes, peers: peers, maintenance: maintenance
        )
    }

    func exportedRoutes() async -> [ExportedRoute] {
        var result: [ExportedRoute] = []
        for name in sessions.keys.sorted() { if let session = sessions[name] { result += await session.exportedRoutes() } }
        return result
    }

    func setMaintenance(_ next: Maintenance) async {
        maintenance = next
        logger.notice("maintenance: \(next.rawValue)", metadata: ["peers": "\(sessions.count)"])
        for session in sessions.values { await session.setMaintenance(next) }
    }

    private func startSession(_ peer: BGPPeerConfiguration) {
        var password: String?
        if let file = peer.passwordFile {
            do {
                password = try PasswordFile.contents(of: file)
            } catch {
                logger.error("peer \(peer.name): cannot read its password file; the session is not started", metadata: ["peer": "\(peer.name)"])
                return
            }
        }
        let session = PeerSession(peer: peer, configuration: sessionConfiguration(for: peer), export: export(for: peer), password: password,
                                  maintenance: maintenance, metrics: metrics, logger: logger)
        sessions[peer.name] = session
        session.send(.routes(routes))
        commandContinuation.yield(.start(session))
    }

    private func stopAll() {
        // With graceful restart the peer keeps our routes while we restart (RFC 4724): close without
        // a NOTIFICATION. Without it, drain first (RFC 8326) and say goodbye with Cease.
        let mode: PeerSession.StopMode = configuration.gracefulRestart.enabled
            ? .keepRoutes : (configuration.gracefulShutdownWait > .zero ? .drain : .cease(.administrativeShutdown(communication: "ironlbd is stopping")))
        for session in sessions.values { session.send(.stop(mode)) }
    }

    private func dispatch(_ channel: any Channel, from remote: IPAddress) async {
        var remote = remote
        if case .v6(let v6) = remote, v6.isIPv4Mapped { remote = .v4(IPv4Address(UInt32(truncatingIfNeeded: v6.rawValue))) }
        guard let session = sessions.values.first(where: { $0.peer.address == remote }) else {
            logger.warning("refused a BGP connection from \(remote): not a configured peer")
            channel.close(promise: nil)
            return
        }
        session.send(.inbound(channel))
    }

    /// The TCP-MD5 keys the listening socket needs: one per peer with a password.
    private func listenerPasswords() -> [(IPAddress, String)] {
        configuration.peers.compactMap { peer in
            guard let file = peer.passwordFile,
                  let password = try? PasswordFile.contents(of: file) else { return nil }
            return (peer.address, password)
        }
    }

    private func export(for peer: BGPPeerConfiguration) -> PeerExport {
        PeerExport(peer: peer, localASN: configuration.localASN, advertisements: advertisements)
    }

    private func sessionConfiguration(for peer: BGPPeerConfiguration) -> SessionConfiguration {
        SessionConfiguration(
            localAS: configuration.localASN, peerAS: peer.asn, routerID: configuration.routerID,
            holdTime: UInt16(peer.timers.holdTime.components.seconds),
            keepaliveTime: peer.timers.keepaliveTime.map { UInt16($0.components.seconds) },
            connectRetryTime: .seconds(30),
            families: peer.families.map { $0 == .ipv4 ? .ipv4Unicast : .ipv6Unicast },
            requireAllFamilies: false,
            gracefulRestart: configuration.gracefulRestart.enabled
                ? GracefulRestartSettings(restartTime: UInt16(configuration.gracefulRestart.restartTime.components.seconds)) : nil,
            backoff: ConnectRetryBackoff(initialDelay: peer.timers.connectRetry, maximumDelay: peer.timers.connectRetryMax),
            gracefulShutdownWait: configuration.gracefulShutdownWait
        )
    }
}
