/// Connect (RFC 4271 §8.2.2): an outbound connection attempt is in flight.
extension SessionStateMachine {
    mutating func handleInConnect(_ event: SessionEvent) -> [Action] {
        switch event {
        case .manualStart, .manualStartWithPassiveTcpEstablishment, .automaticStart,
            .automaticStartWithPassiveTcpEstablishment:
            return []

        case .manualStop(let reason):
            return stop(reason)

        case .gracefulShutdown(let communication):
            // Nothing is announced yet: a graceful shutdown is a plain stop.
            return stop(.administrativeShutdown(communication: communication))

        case .automaticStop(let reason):
            return dropToIdle(.automaticStop(reason), notifying: nil, restart: true)

        case .connectRetryTimerExpires:
            // The attempt took too long: abandon it and try again.
            return [.closeConnection, armConnectRetry(), .connect]

        case .tcpCRAcked:
            return enterOpenSent(.outbound)

        case .tcpConnectionConfirmed:
            return enterOpenSent(.inbound)

        case .tcpConnectionFails:
            return dropToIdle(.tcpConnectionFailed, notifying: nil, restart: true)

        case .bgpHeaderErr(let error), .bgpOpenMsgErr(let error):
            // No OPEN sent yet, so no NOTIFICATION (SendNOTIFICATIONwithoutOPEN is off).
            return dropToIdle(.malformedMessage(error), notifying: nil, restart: true)

        case .notifMsgVerErr(let notification):
            return dropToIdle(.notificationReceived(notification), notifying: nil, restart: true)

        case .holdTimerExpires, .keepaliveTimerExpires, .idleHoldTimerExpires, .gracefulShutdownTimerExpires,
            .bgpOpen, .openCollisionDump, .notifMsg, .keepAliveMsg, .updateMsg, .updateMsgErr, .routeRefresh:
            // §8.2.2 Connect, "any other event": to Idle without a NOTIFICATION.
            return dropToIdle(.unexpectedEvent(event.name), notifying: nil, restart: true)
        }
    }
}
