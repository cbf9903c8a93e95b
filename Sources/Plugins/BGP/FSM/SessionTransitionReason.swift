package import BGPWire

/// Why the state machine changed state: logged and counted by the driver.
package enum SessionTransitionReason: Hashable, Sendable, CustomStringConvertible {
    /// ManualStart or ManualStart_with_PassiveTcpEstablishment.
    case manualStart
    /// AutomaticStart, its passive variant, or the end of the IdleHoldTimer back-off.
    case automaticStart
    /// ManualStop: the operator (or de-configuration) closed the session; no automatic restart.
    case manualStop(CeaseReason)
    /// AutomaticStop: closed for a local reason; restarts after the back-off.
    case automaticStop(CeaseReason)
    /// The TCP connection came up (Tcp_CR_Acked or TcpConnectionConfirmed).
    case tcpConnected(ConnectionDirection)
    /// ConnectRetryTimer expired in Active: try to connect again.
    case connectRetryTimerExpired
    /// The TCP connection failed or the peer closed it.
    case tcpConnectionFailed
    /// The peer's OPEN passed every check.
    case openAccepted
    /// The peer's OPEN was well-formed but unacceptable; its NOTIFICATION was sent.
    case openRejected(OpenRejection)
    /// The first KEEPALIVE confirmed the OPEN exchange.
    case keepaliveReceived
    /// The peer stayed silent for the hold time; 4/0 was sent.
    case holdTimerExpired
    /// The codec found a message malformed (BGPHeaderErr, BGPOpenMsgErr, UpdateMsgErr).
    case malformedMessage(BGPMessageError)
    /// An event this state does not expect; FSM Error 5/x was sent if a connection was up.
    case unexpectedEvent(String)
    /// The peer sent a NOTIFICATION (NotifMsg or NotifMsgVerErr).
    case notificationReceived(BGPNotification)
    /// Collision resolution (RFC 4271 §6.8) closed this connection; Cease 6/7 was sent.
    case connectionCollision
    /// RFC 8326 graceful shutdown finished: routes withdrawn, Cease 6/2 sent.
    case gracefulShutdownCompleted(communication: String)

    /// A short, fixed label for metrics: one counter per kind, without payloads.
    package var label: String {
        switch self {
        case .manualStart: "manual_start"
        case .automaticStart: "automatic_start"
        case .manualStop: "manual_stop"
        case .automaticStop: "automatic_stop"
        case .tcpConnected: "tcp_connected"
        case .connectRetryTimerExpired: "connect_retry_timer_expired"
        case .tcpConnectionFailed: "tcp_connection_failed"
        case .openAccepted: "open_accepted"
        case .openRejected: "open_rejected"
        case .keepaliveReceived: "keepalive_received"
        case .holdTimerExpired: "hold_timer_expired"
        case .malformedMessage: "malformed_message"
        case .unexpectedEvent: "unexpected_event"
        case .notificationReceived: "notification_received"
        case .connectionCollision: "connection_collision"
        case .gracefulShutdownCompleted: "graceful_shutdown_completed"
        }
    }

    /// A sentence for logs.
    package var description: String {
        switch self {
        case .manualStart: "manual start"
        case .automaticStart: "automatic start"
        case .manualStop(let reason): "manual stop (\(reason))"
        case .automaticStop(let reason): "automatic stop (\(reason))"
        case .tcpConnected(let direction): "\(direction) TCP connection established"
        case .connectRetryTimerExpired: "ConnectRetryTimer expired"
        case .tcpConnectionFailed: "TCP connection failed or closed"
        case .openAccepted: "OPEN accepted"
        case .openRejected(let rejection): "OPEN rejected: \(rejection)"
        case .keepaliveReceived: "KEEPALIVE received"
        case .holdTimerExpired: "hold timer expired"
        case .malformedMessage(let error): "malformed message: \(error)"
        case .unexpectedEvent(let name): "unexpected event \(name)"
        case .notificationReceived(let notification): "NOTIFICATION received: \(notification)"
        case .connectionCollision: "connection collision resolution"
        case .gracefulShutdownCompleted: "graceful shutdown completed"
        }
    }
}
