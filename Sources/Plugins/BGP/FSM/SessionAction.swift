package import BGPWire

/// What the driver must do after an event, in order.
///
/// `Instant` is the instant type of the state machine's clock: timers are armed at absolute
/// deadlines, so the driver never adds durations itself.
package enum SessionAction<Instant: InstantProtocol & Sendable>: Hashable, Sendable {
    /// Open an outbound TCP connection to the peer.
    case connect
    /// Close the connection (or abort the connection attempt). The driver keeps listening: the
    /// peer's next inbound connection gets a fresh state machine or, in Idle, is refused.
    case closeConnection
    /// Send a message: our OPEN, a KEEPALIVE, or a NOTIFICATION (then `closeConnection` follows).
    case send(BGPMessage)
    /// Start or restart a timer; the driver feeds the timer's expiry event at `Instant`.
    case arm(SessionTimer, Instant)
    /// Stop a timer; an expiry already in flight is ignored by the state machine.
    case cancel(SessionTimer)
    /// The session is Established with these parameters: the announcer may start.
    case sessionEstablished(NegotiatedSession)
    /// The Established session is gone: the announcer stops and forgets what it sent.
    case sessionDown(SessionTransitionReason)
    /// Send the whole Adj-RIB-Out for these families, then End-of-RIB for each (on Established
    /// and on ROUTE-REFRESH, RFC 2918 §4, RFC 4724 §2).
    case sendAdjRIBOut([RouteFamily])
    /// Re-announce every route with the GRACEFUL_SHUTDOWN community (RFC 8326 §4).
    case announceGracefulShutdown
    /// Withdraw every route announced on the session.
    case withdrawAll
    /// The state changed; always the last action of its event.
    case transition(from: SessionStateName, to: SessionStateName, reason: SessionTransitionReason)
}
