/// Established (RFC 4271 §8.2.2), with route refresh (RFC 2918) and graceful shutdown (RFC 8326).
extension SessionStateMachine {
    mutating func handleInEstablished(_ event: SessionEvent, _ established: Established) -> [Action] {
        switch event {
        case .manualStart, .manualStartWithPassiveTcpEstablishment, .automaticStart,
            .automaticStartWithPassiveTcpEstablishment:
            return []

        case .manualStop(let reason):
            return stop(reason)

        case .automaticStop(let reason):
            return dropToIdle(.automaticStop(reason), notifying: reason.notification, restart: true)

        case .holdTimerExpires:
            return dropToIdle(.holdTimerExpired, notifying: .holdTimerExpired, restart: true)

        case .keepaliveTimerExpires:
            return sendKeepalive(established.session)

        case .tcpCRAcked, .tcpConnectionConfirmed:
            return []

        case .tcpConnectionFails:
            return dropToIdle(.tcpConnectionFailed, notifying: nil, restart: true)

        case .notifMsgVerErr(let notification), .notifMsg(let notification):
            return dropToIdle(.notificationReceived(notification), notifying: nil, restart: true)

        case .keepAliveMsg, .updateMsg:
            return restartHoldTimer(established.session)

        case .bgpHeaderErr(let error), .updateMsgErr(let error):
            return dropToIdle(.malformedMessage(error), notifying: error.notification, restart: true)

        case .routeRefresh(let request):
            // RFC 2918 §5: a family that was not negotiated is ignored. RFC 7313 BoRR/EoRR
            // markers (subtypes 1, 2) frame the peer's own refresh and ask for nothing.
            guard configuration.routeRefresh, request.subtype == 0, established.session.families.contains(request.family) else {
                return []
            }
            return [.sendAdjRIBOut([request.family])]

        case .openCollisionDump:
            return dumpForCollision()

        case .gracefulShutdown(let communication):
            return beginGracefulShutdown(established, communication: communication)

        case .gracefulShutdownTimerExpires:
            return [.withdrawAll] + completeGracefulShutdown(communication: established.gracefulShutdown ?? "")

        case .bgpOpen, .bgpOpenMsgErr, .connectRetryTimerExpires, .idleHoldTimerExpires:
            // RFC 6608: any OPEN in Established is 5/3, well-formed or not.
            return unexpected(event, messageSubcode: .unexpectedMessageInEstablished)
        }
    }

    /// RFC 8326 §4: re-announce with GRACEFUL_SHUTDOWN so the peer moves traffic away, and wait.
    /// The session is disabled at once, so a failure while draining does not reconnect.
    private mutating func beginGracefulShutdown(_ established: Established, communication: String) -> [Action] {
        guard established.gracefulShutdown == nil else { return [] }
        isEnabled = false
        guard configuration.gracefulShutdownWait > .zero else {
            return [.withdrawAll] + completeGracefulShutdown(communication: communication)
        }
        var draining = established
        draining.gracefulShutdown = communication
        state = .established(draining)
        return [.announceGracefulShutdown, arm(.gracefulShutdown, after: configuration.gracefulShutdownWait)]
    }

    /// The wait is over: the caller withdraws, then Cease 6/2 with the communication and Idle.
    private mutating func completeGracefulShutdown(communication: String) -> [Action] {
        isEnabled = false
        return dropToIdle(
            .gracefulShutdownCompleted(communication: communication),
            notifying: .administrativeShutdown(communication: communication),
            restart: false
        )
    }
}
