import BGPWire

/// OpenSent (RFC 4271 §8.2.2): our OPEN is out; waiting for the peer's.
extension SessionStateMachine {
    mutating func handleInOpenSent(_ event: SessionEvent, direction: ConnectionDirection) -> [Action] {
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

        case .tcpCRAcked, .tcpConnectionConfirmed:
            // A second connection runs its own state machine; §6.8 settles which survives.
            return []

        case .tcpConnectionFails:
            // §8.2.2: close, restart the ConnectRetryTimer and listen in Active.
            var actions: [Action] = [.closeConnection]
            actions += cancel(.hold)
            if !isPassive {
                actions.append(armConnectRetry())
            }
            actions.append(move(to: .active, .tcpConnectionFailed))
            return actions

        case .bgpOpen(let open):
            switch configuration.negotiate(with: open) {
            case .success(let session):
                return enterOpenConfirm(direction: direction, session: session)
            case .failure(let rejection):
                return dropToIdle(.openRejected(rejection), notifying: rejection.notification, restart: true)
            }

        case .bgpHeaderErr(let error), .bgpOpenMsgErr(let error):
            return dropToIdle(.malformedMessage(error), notifying: error.notification, restart: true)

        case .openCollisionDump:
            return dumpForCollision()

        case .notifMsgVerErr(let notification), .notifMsg(let notification):
            // Never answer a NOTIFICATION with one: the peer is already closing.
            return dropToIdle(.notificationReceived(notification), notifying: nil, restart: true)

        case .keepAliveMsg, .updateMsg, .updateMsgErr, .routeRefresh,
            .connectRetryTimerExpires, .keepaliveTimerExpires, .idleHoldTimerExpires, .gracefulShutdownTimerExpires:
            return unexpected(event, messageSubcode: .unexpectedMessageInOpenSent)
        }
    }

    /// The peer's OPEN is acceptable: KEEPALIVE, negotiated timers, OpenConfirm.
    mutating func enterOpenConfirm(direction: ConnectionDirection, session: NegotiatedSession) -> [Action] {
        var actions: [Action] = [.send(.keepalive)]
        if session.holdTime == 0 {
            // §4.4: a hold time of 0 means neither KEEPALIVEs nor a hold timer.
            actions += cancel(.hold)
        } else {
            actions.append(arm(.keepalive, after: .seconds(session.keepaliveTime)))
            actions.append(arm(.hold, after: .seconds(session.holdTime)))
        }
        actions.append(move(to: .openConfirm(direction: direction, session: session), .openAccepted))
        return actions
    }
}
