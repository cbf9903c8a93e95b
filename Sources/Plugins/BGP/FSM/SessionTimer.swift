/// The timers a BGP session runs (RFC 4271 §8, §10; RFC 8326 for the drain wait).
///
/// The state machine never sleeps: it asks its driver to `arm` a timer at an absolute instant
/// or to `cancel` it, and the driver feeds the matching `…TimerExpires` event back.
package enum SessionTimer: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// ConnectRetryTimer: how long one connection attempt (or one wait in Active) may take.
    case connectRetry
    /// HoldTimer: the longest the peer may stay silent (RFC 4271 §4.4).
    case hold
    /// KeepaliveTimer: when to send the next KEEPALIVE.
    case keepalive
    /// IdleHoldTimer: the back-off before an automatic restart (RFC 4271 §8.1.1, DampPeerOscillations).
    case idleHold
    /// How long routes stay announced with GRACEFUL_SHUTDOWN before they are withdrawn (RFC 8326 §4).
    case gracefulShutdown

    /// The RFC 4271 name of the timer, for logs.
    package var description: String {
        switch self {
        case .connectRetry: "ConnectRetryTimer"
        case .hold: "HoldTimer"
        case .keepalive: "KeepaliveTimer"
        case .idleHold: "IdleHoldTimer"
        case .gracefulShutdown: "GracefulShutdownTimer"
        }
    }
}
