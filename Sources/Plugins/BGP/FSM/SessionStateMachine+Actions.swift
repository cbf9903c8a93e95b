import BGPWire

/// The building blocks every state uses: timers, state changes, and the way down to Idle.
extension SessionStateMachine {
    /// Arms `timer` to expire `delay` from now.
    mutating func arm(_ timer: SessionTimer, after delay: Duration) -> Action {
        let deadline = clock.now.advanced(by: delay)
        armedTimers[timer] = deadline
        return .arm(timer, deadline)
    }

    /// Arms the ConnectRetryTimer, jittered like the back-off (RFC 4271 §10).
    mutating func armConnectRetry() -> Action {
        arm(.connectRetry, after: ConnectRetryBackoff.jittered(configuration.connectRetryTime, by: backoff.jitter, using: &random))
    }

    /// Cancels `timer` if it is armed.
    mutating func cancel(_ timer: SessionTimer) -> [Action] {
        armedTimers.removeValue(forKey: timer) == nil ? [] : [.cancel(timer)]
    }

    /// Cancels every armed timer, in the order of `SessionTimer.allCases`.
    mutating func cancelAllTimers() -> [Action] {
        SessionTimer.allCases.flatMap { cancel($0) }
    }

    /// (Re)arms the hold timer for a negotiated session; a hold time of 0 runs no timer.
    mutating func restartHoldTimer(_ session: NegotiatedSession) -> [Action] {
        session.holdTime == 0 ? [] : [arm(.hold, after: .seconds(session.holdTime))]
    }

    /// Sends a KEEPALIVE and arms the next one.
    mutating func sendKeepalive(_ session: NegotiatedSession) -> [Action] {
        guard session.keepaliveTime > 0 else { return [] }
        return [.send(.keepalive), arm(.keepalive, after: .seconds(session.keepaliveTime))]
    }

    /// Enters `newState` and reports the change.
    mutating func move(to newState: State, _ reason: SessionTransitionReason) -> Action {
        let from = stateName
        state = newState
        return .transition(from: from, to: stateName, reason: reason)
    }

    /// Leaves Idle for Connect (or Active when passive): the common part of every start event.
    mutating func start(_ reason: SessionTransitionReason, passive: Bool) -> [Action] {
        isPassive = passive
        var actions = cancel(.idleHold)
        if passive {
            // A passive session waits for the peer however long it takes; a ConnectRetryTimer
            // would only make it connect, which passive forbids.
            actions.append(move(to: .active, reason))
        } else {
            actions.append(armConnectRetry())
            actions.append(.connect)
            actions.append(move(to: .connect, reason))
        }
        return actions
    }

    /// Sends our OPEN on a fresh connection and waits for the peer's with the large initial
    /// hold timer (RFC 4271 §8.2.2, Connect and Active states).
    mutating func enterOpenSent(_ direction: ConnectionDirection) -> [Action] {
        var actions = cancel(.connectRetry)
        actions.append(.send(.open(configuration.localOpen)))
        actions.append(arm(.hold, after: configuration.openSentHoldTime))
        actions.append(move(to: .openSent(direction: direction), .tcpConnected(direction)))
        return actions
    }

    /// Closes the connection and goes to Idle: the path of every error and every stop.
    ///
    /// - Parameters:
    ///   - notification: sent first, if a connection with our OPEN on it is up.
    ///   - restart: whether to arm the IdleHoldTimer for an automatic restart after the back-off
    ///     (only while the session is enabled).
    mutating func dropToIdle(_ reason: SessionTransitionReason, notifying notification: BGPNotification?, restart: Bool) -> [Action] {
        var actions: [Action] = []
        if let notification {
            actions.append(.send(.notification(notification)))
        }
        switch state {
        case .connect, .openSent, .openConfirm, .established:
            actions.append(.closeConnection)
        case .idle, .active:
            break
        }
        actions += cancelAllTimers()
        if case .established(let established) = state {
            actions.append(.sessionDown(reason))
            // A session that stayed up long enough earns a fast first retry again.
            if established.since.duration(to: clock.now) >= backoff.resetAfter {
                backoff.reset()
            }
        }
        switch reason {
        case .manualStop, .gracefulShutdownCompleted:
            connectRetryCounter = 0
        default:
            connectRetryCounter += 1
        }
        if restart && isEnabled {
            actions.append(arm(.idleHold, after: backoff.nextDelay(using: &random)))
        }
        actions.append(move(to: .idle, reason))
        return actions
    }

    /// ManualStop: disables the session and closes it with the Cease that says why, if our OPEN
    /// was sent (SendNOTIFICATIONwithoutOPEN is off).
    mutating func stop(_ reason: CeaseReason) -> [Action] {
        isEnabled = false
        let openSent: Bool
        switch state {
        case .openSent, .openConfirm, .established: openSent = true
        case .idle, .connect, .active: openSent = false
        }
        return dropToIdle(.manualStop(reason), notifying: openSent ? reason.notification : nil, restart: false)
    }

    /// An event the state does not expect once OPENs flow: FSM Error with the RFC 6608 subcode
    /// for a message, 0 for anything else.
    mutating func unexpected(_ event: SessionEvent, messageSubcode: FiniteStateMachineErrorSubcode) -> [Action] {
        let subcode: FiniteStateMachineErrorSubcode = event.isMessage ? messageSubcode : .unspecified
        return dropToIdle(.unexpectedEvent(event.name), notifying: .finiteStateMachineError(subcode), restart: true)
    }

    /// OpenCollisionDump: this connection lost the collision (§6.8). Cease 6/7, and no restart
    /// of this instance: the winning connection carries the session.
    mutating func dumpForCollision() -> [Action] {
        dropToIdle(.connectionCollision, notifying: CeaseReason.connectionCollisionResolution.notification, restart: false)
    }
}
