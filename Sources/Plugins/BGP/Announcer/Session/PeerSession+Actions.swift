import BGPFSM
import BGPWire
import IronLBPluginAPI
import NIOCore

extension PeerSession {
    /// Carries out the state machine's actions, in order.
    func perform(_ actions: [SessionStateMachine<ContinuousClock>.Action], group: inout DiscardingTaskGroup) {
        for action in actions {
            switch action {
            case .connect:
                connect(group: &group)
            case .closeConnection:
                closeConnection()
            case .send(let message):
                write([message])
            case .arm(let timer, let deadline):
                nextTimerToken += 1
                let token = nextTimerToken, continuation = self.continuation
                timerTokens[timer] = token
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: ContinuousClock())
                    continuation.yield(.timer(timer, token: token))
                }
            case .cancel(let timer):
                timerTokens[timer] = nil
            case .sessionEstablished(let session):
                coding = BGPCodingContext(fourOctetAS: session.fourOctetAS, peerIsExternal: !session.isInternal)
                status.established(families: session.families.map(\.description))
                metrics.sessionUp(true)
                logger.info("BGP session with \(peer.name) established", metadata: ["peer": "\(peer.name)", "hold-time": "\(session.holdTime)"])
            case .sessionDown(let reason):
                rib.reset()
                status.down(reason: "\(reason)")
                metrics.sessionUp(false)
                metrics.announced(0)
                logger.warning("BGP session with \(peer.name) down: \(reason)", metadata: ["peer": "\(peer.name)"])
            case .sendAdjRIBOut(let families):
                rib.assumeSent(desiredTable())
                let packer = UpdatePacker(context: coding)
                do {
                    try writeUpdates { (emit) throws(UpdatePackingError) in try rib.fullTable(packer: packer, each: emit) }
                } catch {
                    logger.error("cannot build UPDATEs for \(peer.name): \(error)", metadata: ["peer": "\(peer.name)"])
                }
                writeUpdates { emit in families.forEach { emit(.endOfRIB($0)) } }
                status.prefixesSent = rib.sent.count
                metrics.announced(rib.sent.count)
            case .announceGracefulShutdown:
                export.gracefulShutdown = true
                sendDifferences()
            case .withdrawAll:
                sendUpdates(toReach: RouteTable())
            case .transition(let from, let to, let reason):
                status.state = "\(to)"
                status.transitions += 1
                metrics.stateChanged()
                logger.log(level: to == .established || from == .established ? .info : .debug,
                           "\(peer.name): \(from) → \(to) (\(reason))", metadata: ["peer": "\(peer.name)"])
            }
        }
    }

    /// The routes this peer should have now: the export policy's, tagged or emptied by a drain.
    func desiredTable() -> RouteTable {
        switch maintenance {
        case .normal: return export.desired(from: routes)
        case .withdrawn: return RouteTable()
        case .gracefulShutdown:
            var tagged = export
            tagged.gracefulShutdown = true
            return tagged.desired(from: routes)
        }
    }

    /// Sends what changed between the Adj-RIB-Out and the desired routes, when Established.
    func sendDifferences() {
        guard machine.stateName == .established else { return }
        let desired = desiredTable()
        sendUpdates(toReach: desired)
    }

    /// Sends the UPDATEs that turn the Adj-RIB-Out into `desired`, and records it as sent.
    private func sendUpdates(toReach desired: RouteTable) {
        do {
            let packer = UpdatePacker(context: coding)
            try writeUpdates { (emit) throws(UpdatePackingError) in try rib.transition(to: desired, packer: packer, each: emit) }
            status.prefixesSent = rib.sent.count
            metrics.announced(rib.sent.count)
        } catch {
            logger.error("cannot build UPDATEs for \(peer.name): \(error)", metadata: ["peer": "\(peer.name)"])
        }
    }

    /// Encodes the UPDATEs `produce` emits as they come and writes them in one flush, so that a large
    /// table is never held as messages (100,000 routes are 3 MB of `IPPrefix`es as UPDATEs, 0.5 MB
    /// encoded). When `produce` throws, nothing is written or counted.
    func writeUpdates<Failure: Error>(_ produce: (_ emit: (BGPUpdate) -> Void) throws(Failure) -> Void) throws(Failure) {
        guard let connection else {
            try produce { _ in }
            return
        }
        var buffer = connection.channel.channel.allocator.buffer(capacity: 4096)
        var count = 0
        try produce { update in
            do {
                try BGPMessage.update(update).encode(into: &buffer, context: coding)
                count += 1
            } catch {
                logger.error("cannot encode \(update) for \(peer.name): \(error)", metadata: ["peer": "\(peer.name)"])
            }
        }
        guard count > 0 else { return }
        status.messagesSent += count
        metrics.sentUpdates(count)
        connection.channel.channel.writeAndFlush(buffer, promise: nil)
    }

    /// Encodes `messages` with the session's coding context and writes them in one flush.
    func write(_ messages: [BGPMessage]) {
        guard let connection, !messages.isEmpty else { return }
        var buffer = connection.channel.channel.allocator.buffer(capacity: messages.count * 64)
        for message in messages {
            do {
                try message.encode(into: &buffer, context: coding)
                status.messagesSent += 1
                metrics.sent(message)
            } catch {
                logger.error("cannot encode \(message) for \(peer.name): \(error)", metadata: ["peer": "\(peer.name)"])
            }
        }
        connection.channel.channel.writeAndFlush(buffer, promise: nil)
    }

    private func connect(group: inout DiscardingTaskGroup) {
        nextConnectionID += 1
        let id = nextConnectionID
        pendingConnectID = id
        let peer = self.peer, continuation = self.continuation
        let settings = BGPTransport.settings(for: peer, localASN: localASN, password: password)
        let localOpen = machine.configuration.localOpen
        let timeout = machine.configuration.connectRetryTime
        group.addTask {
            do {
                let channel = try await BGPTransport.connect(to: peer, settings: settings, localOpen: localOpen, timeout: timeout)
                continuation.yield(.connected(channel, .outbound, id: id))
            } catch {
                continuation.yield(.connectFailed("\(error)", id: id))
            }
        }
    }

    /// Reads messages from `channel` into the loop until it closes.
    ///
    /// After a malformed message the connection stays open until the loop has sent the
    /// NOTIFICATION that says why and closed it: the read scope closes the channel when it ends,
    /// which would race that write. Every other end of reading closes the channel with the scope.
    func startReading(_ channel: BGPChannel, id: Int, group: inout DiscardingTaskGroup) {
        let continuation = self.continuation
        group.addTask {
            try? await channel.executeThenClose { inbound, _ in
                var malformed = false
                do {
                    for try await message in inbound {
                        continuation.yield(.received(message, id: id))
                    }
                } catch let error as BGPMessageError {
                    continuation.yield(.malformed(error, id: id))
                    malformed = true
                } catch {}
                continuation.yield(.closed(id: id))
                guard malformed else { return }
                let connection = channel.channel
                await withTaskCancellationHandler {
                    try? await connection.closeFuture.get()
                } onCancel: {
                    connection.close(promise: nil)
                }
            }
        }
    }

    /// Drops the TCP connection without telling the peer anything.
    func closeConnectionQuietly() {
        closeConnection()
    }

    private func closeConnection() {
        pendingConnectID = nil
        guard let connection else { return }
        connection.channel.channel.close(promise: nil)
        self.connection = nil
    }

    /// Our session address is the "self" next hop.
    func updateLocalAddress(from channel: BGPChannel?) {
        guard let address = channel?.channel.localAddress?.ipAddress, let parsed = try? IPAddress(parsing: address) else { return }
        switch parsed {
        case .v4(let v4): export.localIPv4 = v4
        case .v6(let v6):
            if v6.isIPv4Mapped { export.localIPv4 = IPv4Address(UInt32(truncatingIfNeeded: v6.rawValue)) } else { export.localIPv6 = v6 }
        }
    }

    static func expiry(of timer: SessionTimer) -> SessionEvent {
        switch timer {
        case .connectRetry: .connectRetryTimerExpires
        case .hold: .holdTimerExpires
        case .keepalive: .keepaliveTimerExpires
        case .idleHold: .idleHoldTimerExpires
        case .gracefulShutdown: .gracefulShutdownTimerExpires
        }
    }
}
