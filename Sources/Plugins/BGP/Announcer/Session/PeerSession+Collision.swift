import BGPFSM
import BGPWire
import IronLBPluginAPI
import NIOCore

/// A second connection to the peer that arrived while the first was still opening. It runs its
/// own state machine (our OPEN goes out on it at once) until the peer's OPEN arrives on it; then
/// connection collision detection (RFC 4271 §6.8) decides which of the two connections stays.
struct CollisionCandidate {
    let channel: BGPChannel
    let direction: ConnectionDirection
    let id: Int
    var machine: SessionStateMachine<ContinuousClock>
    var timerTokens: [SessionTimer: Int] = [:]
}

extension PeerSession {
    /// Whether a connection opened in `direction` may run beside the current one. Only while the
    /// current one is opening and runs the other way: an Established session always wins (§6.8,
    /// with CollisionDetectEstablishedState off), and two connections opened the same way are no
    /// collision, so the older one stays.
    func acceptsCandidate(_ direction: ConnectionDirection) -> Bool {
        guard candidate == nil, let connection, connection.direction != direction else { return false }
        switch machine.stateName {
        case .openSent, .openConfirm: return true
        case .idle, .connect, .active, .established: return false
        }
    }

    /// Runs `channel` beside the current connection until the peer's OPEN on it arrives, or closes
    /// it when it cannot be a collision.
    func admitCandidate(_ channel: BGPChannel, direction: ConnectionDirection, id: Int, group: inout DiscardingTaskGroup) {
        guard acceptsCandidate(direction), let current = connection else {
            logger.debug("\(peer.name): closed a second \(direction) connection; the \(connection?.direction.description ?? "current") one in \(machine.stateName) stays",
                         metadata: ["peer": "\(peer.name)"])
            channel.channel.close(promise: nil)
            return
        }
        candidate = CollisionCandidate(channel: channel, direction: direction, id: id,
                                       machine: SessionStateMachine(configuration: machine.configuration, clock: ContinuousClock()))
        logger.info("\(peer.name): both sides connected; the \(direction) connection runs beside the \(current.direction) one until the OPENs decide (RFC 4271 §6.8)",
                    metadata: ["peer": "\(peer.name)"])
        startReading(channel, id: id, group: &group)
        // Started the way the session is; the candidate never opens a connection of its own.
        candidateEvent(peer.passive ? .manualStartWithPassiveTcpEstablishment : .manualStart, group: &group)
        candidateEvent(direction == .outbound ? .tcpCRAcked : .tcpConnectionConfirmed, group: &group)
    }

    /// A message on the candidate connection. Its OPEN settles the collision; anything else goes
    /// to the candidate's own state machine.
    func candidateReceived(_ message: BGPMessage, group: inout DiscardingTaskGroup) {
        status.messagesReceived += 1
        metrics.received(message)
        guard case .open(let open) = message, let contender = candidate else {
            return candidateEvent(sessionEvent(for: message), group: &group)
        }
        let resolution = ConnectionCollision.resolve(
            existing: (machine.stateName, connection?.direction ?? contender.direction.opposite),
            localIdentifier: machine.configuration.routerID, remoteIdentifier: open.bgpIdentifier,
            localAS: machine.configuration.localAS, remoteAS: open.autonomousSystem)
        if resolution == .close(contender.direction) {
            logger.info("\(peer.name): connection collision: the \(contender.direction) connection loses (BGP identifiers \(machine.configuration.routerID) and \(open.bgpIdentifier)); Cease 6/7 on it",
                        metadata: ["peer": "\(peer.name)"])
            return candidateEvent(.openCollisionDump, group: &group)
        }
        if let current = connection {
            logger.info("\(peer.name): connection collision: the \(current.direction) connection loses (BGP identifiers \(machine.configuration.routerID) and \(open.bgpIdentifier)); Cease 6/7 on it",
                        metadata: ["peer": "\(peer.name)"])
            perform(machine.handle(.openCollisionDump), group: &group)
        }
        promoteCandidate(group: &group)
        perform(machine.handle(.bgpOpen(open)), group: &group)
    }

    /// A timer of the candidate's state machine expired (the OpenSent hold timer, in practice).
    func candidateTimerExpired(_ timer: SessionTimer, token: Int, group: inout DiscardingTaskGroup) {
        guard candidate?.timerTokens[timer] == token else { return }
        candidate?.timerTokens[timer] = nil
        candidateEvent(Self.expiry(of: timer), group: &group)
    }

    /// Feeds the candidate's state machine and carries out what it can do before its OPEN exchange
    /// is settled: send, arm and cancel timers, close. Once it is back in Idle, it is gone.
    func candidateEvent(_ event: SessionEvent, group: inout DiscardingTaskGroup) {
        guard var contender = candidate else { return }
        let actions = contender.machine.handle(event)
        var close = false
        for action in actions {
            switch action {
            case .send(let message):
                writeCandidate(message, on: contender.channel)
            case .closeConnection:
                close = true
            case .arm(let timer, let deadline):
                nextTimerToken += 1
                let token = nextTimerToken, continuation = self.continuation
                contender.timerTokens[timer] = token
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: ContinuousClock())
                    continuation.yield(.candidateTimer(timer, token: token))
                }
            case .cancel(let timer):
                contender.timerTokens[timer] = nil
            case .transition(let from, let to, let reason):
                logger.debug("\(peer.name) (second connection): \(from) → \(to) (\(reason))", metadata: ["peer": "\(peer.name)"])
            case .connect, .sessionEstablished, .sessionDown, .sendAdjRIBOut, .announceGracefulShutdown, .withdrawAll:
                // Nothing of the session itself happens on a candidate: it never gets past OpenSent.
                break
            }
        }
        candidate = contender
        if close || contender.machine.stateName == .idle { dropCandidate() }
    }

    /// Closes the candidate connection without a word (a stop, or its machine is done).
    func dropCandidate() {
        candidate?.channel.channel.close(promise: nil)
        candidate = nil
    }

    /// The candidate won: it becomes the session's connection and its machine the session's.
    private func promoteCandidate(group: inout DiscardingTaskGroup) {
        guard let winner = candidate else { return }
        candidate = nil
        timerTokens = [:]
        machine = winner.machine
        connection = (winner.channel, winner.direction, winner.id)
        status.state = "\(machine.stateName)"
        status.localAddress = winner.channel.channel.localAddress?.ipAddress
        updateLocalAddress(from: winner.channel)
        // The driver's timers follow the machine's (its OpenSent hold timer).
        perform(machine.armedTimers.map { .arm($0.key, $0.value) }, group: &group)
    }

    private func writeCandidate(_ message: BGPMessage, on channel: BGPChannel) {
        var buffer = channel.channel.allocator.buffer(capacity: 128)
        do {
            // Only OPEN and NOTIFICATION go out before the OPENs are settled: no context needed.
            try message.encode(into: &buffer, context: BGPCodingContext())
            status.messagesSent += 1
            metrics.sent(message)
            channel.channel.writeAndFlush(buffer, promise: nil)
        } catch {
            logger.error("cannot encode \(message) for \(peer.name): \(error)", metadata: ["peer": "\(peer.name)"])
        }
    }
}
