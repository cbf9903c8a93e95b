/// Idle (RFC 4271 §8.2.2): refuses connections, waits for a start.
extension SessionStateMachine {
    mutating func handleInIdle(_ event: SessionEvent) -> [Action] {
        switch event {
        case .manualStart, .manualStartWithPassiveTcpEstablishment:
            // An operator's start sets AllowAutomaticStart and forgets earlier failures.
            isEnabled = true
            connectRetryCounter = 0
            backoff.reset()
            return start(.manualStart, passive: event == .manualStartWithPassiveTcpEstablishment)

        case .automaticStart, .automaticStartWithPassiveTcpEstablishment:
            // §8.1.1: automatic starts need AllowAutomaticStart; DampPeerOscillations holds them
            // back while the IdleHoldTimer runs.
            guard isEnabled, armedTimers[.idleHold] == nil else { return [] }
            return start(.automaticStart, passive: event == .automaticStartWithPassiveTcpEstablishment)

        case .idleHoldTimerExpires:
            // §8.1.3 Event 13: the back-off is over; restart the way the session was started.
            guard isEnabled else { return [] }
            return start(.automaticStart, passive: isPassive)

        case .manualStop, .gracefulShutdown:
            // Nothing to close, but a pending automatic restart must not happen.
            isEnabled = false
            return cancel(.idleHold)

        case .tcpCRAcked, .tcpConnectionConfirmed:
            // §8.2.2: "the local system refuses all incoming BGP connections".
            return [.closeConnection]

        case .automaticStop, .connectRetryTimerExpires, .holdTimerExpires, .keepaliveTimerExpires,
            .gracefulShutdownTimerExpires, .tcpConnectionFails, .bgpOpen, .bgpHeaderErr, .bgpOpenMsgErr,
            .openCollisionDump, .notifMsgVerErr, .notifMsg, .keepAliveMsg, .updateMsg, .updateMsgErr, .routeRefresh:
            // §8.2.2: any other event leaves Idle as it is.
            return []
        }
    }
}
