package import BGPWire

/// An input to the BGP finite state machine, named after RFC 4271 §8.1.
///
/// Optional events that this implementation does not offer are absent: DelayOpenTimer_Expires
/// (12) and BGPOpen with DelayOpenTimer running (20), because DelayOpen is not supported;
/// TcpConnection_Valid (14) and Tcp_CR_Invalid (15), because the driver filters incoming
/// connections by peer address before they reach a state machine. Events 6 and 7
/// (AutomaticStart with DampPeerOscillations) are not separate: every automatic restart is
/// damped by the IdleHoldTimer back-off.
package enum SessionEvent: Hashable, Sendable {
    // MARK: Administrative events (§8.1.2)

    /// Event 1, ManualStart: the operator enables the session; connect actively.
    case manualStart
    /// Event 2, ManualStop: the operator disables the session; the Cease subcode says why.
    case manualStop(CeaseReason)
    /// Event 3, AutomaticStart: restart after an error (also fired internally by IdleHoldTimer).
    case automaticStart
    /// Event 4, ManualStart_with_PassiveTcpEstablishment: enable, but wait for the peer to connect.
    case manualStartWithPassiveTcpEstablishment
    /// Event 5, AutomaticStart_with_PassiveTcpEstablishment.
    case automaticStartWithPassiveTcpEstablishment
    /// Event 8, AutomaticStop: close because of a local condition; restarts after the back-off.
    case automaticStop(CeaseReason)

    // MARK: Timer events (§8.1.3)

    /// Event 9, ConnectRetryTimer_Expires.
    case connectRetryTimerExpires
    /// Event 10, HoldTimer_Expires.
    case holdTimerExpires
    /// Event 11, KeepaliveTimer_Expires.
    case keepaliveTimerExpires
    /// Event 13, IdleHoldTimer_Expires: the back-off is over; restart automatically.
    case idleHoldTimerExpires

    // MARK: TCP connection events (§8.1.4)

    /// Event 16, Tcp_CR_Acked: our outbound connection completed.
    case tcpCRAcked
    /// Event 17, TcpConnectionConfirmed: the peer's inbound connection was accepted.
    case tcpConnectionConfirmed
    /// Event 18, TcpConnectionFails: the connection failed or the peer closed it.
    case tcpConnectionFails

    // MARK: BGP message events (§8.1.5)

    /// Event 19, BGPOpen: a well-formed OPEN arrived; the state machine checks its contents.
    case bgpOpen(BGPOpen)
    /// Event 21, BGPHeaderErr: a message header failed the checks; carries the codec's error and its NOTIFICATION.
    case bgpHeaderErr(BGPMessageError)
    /// Event 22, BGPOpenMsgErr: an OPEN failed to decode; carries the codec's error and its NOTIFICATION.
    case bgpOpenMsgErr(BGPMessageError)
    /// Event 23, OpenCollisionDump: collision resolution (§6.8) chose to close this connection.
    case openCollisionDump
    /// Event 24, NotifMsgVerErr: the peer sent NOTIFICATION 2/1 (unsupported version).
    case notifMsgVerErr(BGPNotification)
    /// Event 25, NotifMsg: any other NOTIFICATION arrived.
    case notifMsg(BGPNotification)
    /// Event 26, KeepAliveMsg.
    case keepAliveMsg
    /// Event 27, UpdateMsg: a valid UPDATE arrived (including RFC 7606 treat-as-withdraw cases).
    case updateMsg
    /// Event 28, UpdateMsgErr: an UPDATE needs a session reset; carries the codec's error and its NOTIFICATION.
    case updateMsgErr(BGPMessageError)
    /// ROUTE-REFRESH arrived (RFC 2918 §4); not an RFC 4271 event.
    case routeRefresh(BGPRouteRefresh)

    // MARK: Graceful shutdown (RFC 8326)

    /// Drain the session: re-announce with GRACEFUL_SHUTDOWN, wait, then withdraw and Cease 6/2.
    case gracefulShutdown(communication: String)
    /// The drain wait is over.
    case gracefulShutdownTimerExpires

    /// The event's RFC 4271 name, for logs and counters.
    package var name: String {
        switch self {
        case .manualStart: "ManualStart"
        case .manualStop: "ManualStop"
        case .automaticStart: "AutomaticStart"
        case .manualStartWithPassiveTcpEstablishment: "ManualStart_with_PassiveTcpEstablishment"
        case .automaticStartWithPassiveTcpEstablishment: "AutomaticStart_with_PassiveTcpEstablishment"
        case .automaticStop: "AutomaticStop"
        case .connectRetryTimerExpires: "ConnectRetryTimer_Expires"
        case .holdTimerExpires: "HoldTimer_Expires"
        case .keepaliveTimerExpires: "KeepaliveTimer_Expires"
        case .idleHoldTimerExpires: "IdleHoldTimer_Expires"
        case .tcpCRAcked: "Tcp_CR_Acked"
        case .tcpConnectionConfirmed: "TcpConnectionConfirmed"
        case .tcpConnectionFails: "TcpConnectionFails"
        case .bgpOpen: "BGPOpen"
        case .bgpHeaderErr: "BGPHeaderErr"
        case .bgpOpenMsgErr: "BGPOpenMsgErr"
        case .openCollisionDump: "OpenCollisionDump"
        case .notifMsgVerErr: "NotifMsgVerErr"
        case .notifMsg: "NotifMsg"
        case .keepAliveMsg: "KeepAliveMsg"
        case .updateMsg: "UpdateMsg"
        case .updateMsgErr: "UpdateMsgErr"
        case .routeRefresh: "RouteRefresh"
        case .gracefulShutdown: "GracefulShutdown"
        case .gracefulShutdownTimerExpires: "GracefulShutdownTimer_Expires"
        }
    }

    /// Whether the event is the arrival of a BGP message (events 19–28 and ROUTE-REFRESH),
    /// which decides between FSM Error subcodes of RFC 6608 and 0.
    var isMessage: Bool {
        switch self {
        case .bgpOpen, .bgpHeaderErr, .bgpOpenMsgErr, .notifMsgVerErr, .notifMsg, .keepAliveMsg, .updateMsg,
            .updateMsgErr, .routeRefresh:
            true
        default:
            false
        }
    }
}

extension SessionEvent {
    /// The event for a NOTIFICATION from the peer: NotifMsgVerErr for 2/1 (Unsupported Version
    /// Number), NotifMsg for anything else (RFC 4271 §8.1.5).
    package static func received(_ notification: BGPNotification) -> SessionEvent {
        if notification.code == .openMessageError, notification.subcode == OpenMessageErrorSubcode.unsupportedVersionNumber.rawValue {
            return .notifMsgVerErr(notification)
        }
        return .notifMsg(notification)
    }

    /// The timer whose expiry this event reports, if it is a timer event.
    var expiredTimer: SessionTimer? {
        switch self {
        case .connectRetryTimerExpires: .connectRetry
        case .holdTimerExpires: .hold
        case .keepaliveTimerExpires: .keepalive
        case .idleHoldTimerExpires: .idleHold
        case .gracefulShutdownTimerExpires: .gracefulShutdown
        default: nil
        }
    }
}
