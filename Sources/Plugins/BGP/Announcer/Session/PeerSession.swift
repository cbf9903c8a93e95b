import BGPFSM
import BGPWire
import IronLBPluginAPI
import CoreMetrics
import Logging
import NIOCore

/// One BGP peer: its state machine, its connection, its timers and its Adj-RIB-Out.
///
/// `run()` is a single loop over driver events (timer expiries, connection events, received
/// messages, new routes, stop); every event goes through the pure state machine, and the driver
/// carries out the actions it returns. Timers and connection readers are child tasks of `run()`.
actor PeerSession {
    /// What drives the loop.
    enum Event: Sendable {
        case fsm(SessionEvent)
        /// A timer armed with `token` expired; stale when the timer was re-armed or cancelled since.
        case timer(SessionTimer, token: Int)
        case connected(BGPChannel, ConnectionDirection, id: Int)
        case inbound(any Channel)
        case connectFailed(String, id: Int)
        /// A timer of the collision candidate's state machine expired.
        case candidateTimer(SessionTimer, token: Int)
        case received(BGPMessage, id: Int)
        case malformed(BGPMessageError, id: Int)
        case closed(id: Int)
        case routes([DesiredRoute])
        case export(PeerExport)
        case stop(StopMode)
    }

    /// How a session ends.
    enum StopMode: Sendable {
        /// Close the connection without a NOTIFICATION, so a graceful-restart peer keeps our routes
        /// while ironlbd restarts (RFC 4724).
        case keepRoutes
        /// Re-announce with GRACEFUL_SHUTDOWN, wait, withdraw, then Cease 6/2 (RFC 8326).
        case drain
        /// Cease at once with this reason (6/3 peer de-configured, 6/6 configuration change, …).
        case cease(CeaseReason)
    }

    let peer: BGPPeerConfiguration
    let localASN: UInt32
    let logger: Logger
    var export: PeerExport
    var machine: SessionStateMachine<ContinuousClock>
    var rib = AdjRIBOut()
    var routes: [DesiredRoute] = []
    var connection: (channel: BGPChannel, direction: ConnectionDirection, id: Int)?
    /// A second connection to the peer while the first is still opening (RFC 4271 §6.8).
    var candidate: CollisionCandidate?
    var nextConnectionID = 0
    /// The outbound attempt in flight, if any. A result from an attempt the state machine has
    /// since abandoned (it timed out, or the session stopped) is closed unseen: a late second
    /// connection looks to a router like a restarted peer and would reset the live session.
    var pendingConnectID: Int?
    /// The token of each armed timer: a sleeping task from an earlier arming must not fire a later one.
    var timerTokens: [SessionTimer: Int] = [:]
    var nextTimerToken = 0
    var coding = BGPCodingContext()
    var stopping = false
    let password: String?
    let events: AsyncStream<Event>
    let continuation: AsyncStream<Event>.Continuation
    var status: AnnouncerPeer
    let metrics: PeerMetrics
    /// Where this node stands in a maintenance drain (applied on top of the export policy).
    var maintenance = Maintenance.normal

    init(peer: BGPPeerConfiguration, configuration: SessionConfiguration, export: PeerExport, password: String?,
         maintenance: Maintenance = .normal, metrics: any MetricsFactory, logger: Logger) {
        self.maintenance = maintenance
        self.peer = peer
        self.localASN = configuration.localAS
        self.export = export
        self.password = password
        self.logger = logger
        self.machine = SessionStateMachine(configuration: configuration, clock: ContinuousClock())
        (events, continuation) = AsyncStream<Event>.makeStream()
        status = AnnouncerPeer(bgp: peer)
        self.metrics = PeerMetrics(peer: peer.name, factory: metrics)
        self.metrics.sessionUp(false)
    }

    /// Whether the session is Established.
    var isEstablished: Bool { machine.stateName == .established }

    /// Enters or leaves a maintenance drain: re-announces tagged, withdraws, or restores, and
    /// returns once the UPDATEs are handed to the connection.
    func setMaintenance(_ next: Maintenance) {
        maintenance = next
        sendDifferences()
    }

    /// What the peer holds from us now.
    func exportedRoutes() -> [ExportedRoute] { rib.report(peer: peer.name) }

    /// Delivers an event to the loop.
    nonisolated func send(_ event: Event) { continuation.yield(event) }

    /// Runs the session until it is stopped.
    func run() async {
        await withDiscardingTaskGroup { group in
            handle(.fsm(peer.passive ? .manualStartWithPassiveTcpEstablishment : .manualStart), group: &group)
            for await event in events {
                handle(event, group: &group)
                if stopping && machine.stateName == .idle && connection == nil { break }
            }
            group.cancelAll()
        }
        metrics.sessionUp(false)
        metrics.announced(0)
        continuation.finish()
    }

    /// Feeds one event through the state machine and performs its actions.
    private func handle(_ event: Event, group: inout DiscardingTaskGroup) {
        switch event {
        case .fsm(let fsmEvent):
            perform(machine.handle(fsmEvent), group: &group)
        case .timer(let timer, let token):
            guard timerTokens[timer] == token else { return }
            timerTokens[timer] = nil
            perform(machine.handle(Self.expiry(of: timer)), group: &group)
        case .connected(let channel, let direction, let id):
            if direction == .outbound {
                guard pendingConnectID == id else {
                    channel.channel.close(promise: nil)
                    return
                }
                pendingConnectID = nil
            }
            if stopping {
                channel.channel.close(promise: nil)
                return
            }
            if connection != nil {
                // Both sides connected: the second connection lives on beside the first until
                // its OPEN settles which one stays (§6.8).
                admitCandidate(channel, direction: direction, id: id, group: &group)
                return
            }
            connection = (channel, direction, id)
            status.localAddress = channel.channel.localAddress?.ipAddress
            updateLocalAddress(from: channel)
            startReading(channel, id: id, group: &group)
            perform(machine.handle(direction == .outbound ? .tcpCRAcked : .tcpConnectionConfirmed), group: &group)
        case .inbound(let channel):
            guard !stopping, candidate == nil, connection == nil || acceptsCandidate(.inbound) else {
                channel.close(promise: nil)
                return
            }
            nextConnectionID += 1
            let id = nextConnectionID, localOpen = machine.configuration.localOpen, continuation = self.continuation
            group.addTask {
                do {
                    let wrapped = try await channel.eventLoop.submit { try BGPTransport.wrap(channel, localOpen: localOpen) }.get()
                    continuation.yield(.connected(wrapped, .inbound, id: id))
                } catch {
                    channel.close(promise: nil)
                }
            }
        case .connectFailed(let reason, let id):
            guard pendingConnectID == id else { return }
            pendingConnectID = nil
            status.lastError = "connect: \(reason)"
            perform(machine.handle(.tcpConnectionFails), group: &group)
        case .candidateTimer(let timer, let token):
            candidateTimerExpired(timer, token: token, group: &group)
        case .received(let message, let id):
            if candidate?.id == id { return candidateReceived(message, group: &group) }
            guard connection?.id == id else { return }
            status.messagesReceived += 1
            metrics.received(message)
            perform(machine.handle(sessionEvent(for: message)), group: &group)
        case .malformed(let error, let id):
            if candidate?.id == id { return candidateEvent(Self.event(for: error), group: &group) }
            guard connection?.id == id else { return }
            status.lastError = "\(error)"
            perform(machine.handle(Self.event(for: error)), group: &group)
        case .closed(let id):
            if candidate?.id == id { return candidateEvent(.tcpConnectionFails, group: &group) }
            guard connection?.id == id else { return }
            connection = nil
            perform(machine.handle(.tcpConnectionFails), group: &group)
        case .routes(let desired):
            routes = desired
            sendDifferences()
        case .export(let newExport):
            export = newExport
            updateLocalAddress(from: connection?.channel)
            sendDifferences()
        case .stop(let mode):
            stopping = true
            dropCandidate()
            switch mode {
            case .keepRoutes where machine.stateName == .established:
                closeConnectionQuietly()
                perform(machine.handle(.tcpConnectionFails), group: &group)
            case .drain where machine.stateName == .established:
                perform(machine.handle(.gracefulShutdown(communication: "ironlbd is stopping")), group: &group)
            case .cease(let reason):
                perform(machine.handle(.manualStop(reason)), group: &group)
            default:
                perform(machine.handle(.manualStop(.administrativeShutdown(communication: "ironlbd is stopping"))), group: &group)
            }
        }
    }

    /// The state machine's event for a message the decoder refused.
    static func event(for error: BGPMessageError) -> SessionEvent {
        switch error.notification.code.rawValue {
        case 2: .bgpOpenMsgErr(error)
        case 3: .updateMsgErr(error)
        default: .bgpHeaderErr(error)
        }
    }

    /// What a received message means to the state machine. UPDATEs are judged by the codec
    /// (RFC 7606), counted and dropped: IronLB installs no routes.
    func sessionEvent(for message: BGPMessage) -> SessionEvent {
        switch message {
        case .open(let open): return .bgpOpen(open)
        case .keepalive: return .keepAliveMsg
        case .notification(let notification):
            status.lastError = "peer sent \(notification)"
            return notification.code.rawValue == 2 && notification.subcode == 1 ? .notifMsgVerErr(notification) : .notifMsg(notification)
        case .update(let update):
            // Errors that reset the session are thrown by the decoder (see `.malformed`); what is
            // left here is RFC 7606 treat-as-withdraw or attribute-discard, which keeps the session.
            status.prefixesReceived += update.announcedPrefixes.count
            metrics.receivedPrefixes(update.announcedPrefixes.count)
            return .updateMsg
        case .routeRefresh(let refresh): return .routeRefresh(refresh)
        }
    }
}
