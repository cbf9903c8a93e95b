/// Active (RFC 4271 §8.2.2): waiting for the peer to connect.
extension SessionStateMachine {
    mutating func handleInActive(_ event: SessionEvent) -> [Action] {
        switch event {
        case .manualStart, .manualStartWithPassiveTcpEstablishment, .automaticStart,
            .automaticStartWithPassiveTcpEstablishment:
            return []

        case .manualStop(let reason):
            return stop(reason)

        case .gracefulShutdown(let communication):
            return stop(.administrativeShutdown(communication: communication))

        case .automaticStop(let reason):
            return dropToIdle(.automaticStop(reason), notifying: nil, restart: true)

        case .connectRetryTimerExpires:
            // Waited long enough for the peer: connect ourselves.
            return [armConnectRetry(), .connect, move(to: .connect, .connectRetryTimerExpired)]

        case .tcpCRAcked:
            return enterOpenSent(.outbound)

        case .tcpConnectionConfirmed:
            return enterOpenSent(.inbound)

        case .tcpConnectionFails:
            return dropToIdle(.tcpConnectionFailed, notifying: nil, restart: true)

        case .bgpHeaderErr(let error), .bgpOpenMsgErr(let error):
            return dropToIdle(.malformedMessage(error), notifying: nil, restart: true)

        case .notifMsgVerErr(let notification):
            return dropToIdle(.notificationReceived(notification), notifying: nil, restart: true)

        case .holdTimerExpires, .keepaliveTimerExpires, .idleHoldTimerExpires, .gracefulShutdownTimerExpires,
            .bgpOpen, .openCollisionDump, .notifMsg, .keepAliveMsg, .updateMsg, .updateMsgErr, .routeRefresh:
            // §8.2.2 Active, "any other event": to Idle without a NOTIFICATION.
            return dropToIdle(.unexpectedEvent(event.name), notifying: nil, restart: true)
        }
    }
}
