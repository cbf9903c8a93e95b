/// OpenConfirm (RFC 4271 §8.2.2): OPENs exchanged; waiting for the peer's KEEPALIVE.
extension SessionStateMachine {
    mutating func handleInOpenConfirm(_ event: SessionEvent, direction: ConnectionDirection, session: NegotiatedSession) -> [Action] {
        switch event {
        case .manualStart, .manualStartWithPassiveTcpEstablishment, .automaticStart,
            .automaticStartWithPassiveTcpEstablishment:
            return []

        case .manualStop(let reason):
            return stop(reason)

        case .gracefulShutdown(let communication):
            return stop(.administrativeShutdown(communication: communication))

        case .automaticStop(let reason):
            return dropToIdle(.automaticStop(reason), notifying: reason.notification, restart: true)

        case .holdTimerExpires:
            return dropToIdle(.holdTimerExpired, notifying: .holdTimerExpired, restart: true)

        case .keepaliveTimerExpires:
            return sendKeepalive(session)

        case .tcpCRAcked, .tcpConnectionConfirmed:
            return []

        case .tcpConnectionFails:
            return dropToIdle(.tcpConnectionFailed, notifying: nil, restart: true)

        case .notifMsgVerErr(let notification), .notifMsg(let notification):
            return dropToIdle(.notificationReceived(notification), notifying: nil, restart: true)

        case .bgpHeaderErr(let error), .bgpOpenMsgErr(let error):
            return dropToIdle(.malformedMessage(error), notifying: error.notification, restart: true)

        case .openCollisionDump:
            return dumpForCollision()

        case .keepAliveMsg:
            var actions = restartHoldTimer(session)
            actions.append(.sessionEstablished(session))
            actions.append(.sendAdjRIBOut(session.families))
            let established = Established(direction: direction, session: session, since: clock.now, gracefulShutdown: nil)
            actions.append(move(to: .established(established), .keepaliveReceived))
            return actions

        case .bgpOpen, .updateMsg, .updateMsgErr, .routeRefresh,
            .connectRetryTimerExpires, .idleHoldTimerExpires, .gracefulShutdownTimerExpires:
            // A second OPEN on this connection is unexpected too: collisions between two
            // connections are settled by the driver before either sees the OPEN (§6.8).
            return unexpected(event, messageSubcode: .unexpectedMessageInOpenConfirm)
        }
    }
}
