/// What this speaker advertises in its graceful restart capability (RFC 4724 §3), as a
/// restarting speaker: the peer keeps our routes for `restartTime` while we come back.
package struct GracefulRestartSettings: Hashable, Sendable {
    /// Seconds the peer should keep our routes after the session drops: 0...4095.
    package var restartTime: UInt16
    /// The F bit for every family: forwarding survives a restart of the daemon. True for a
    /// load balancer, whose addresses and forwarding live in the kernel, not in the process.
    package var forwardingStatePreserved: Bool
    /// The R bit: set by the driver when the daemon has just restarted, so the peer sends its
    /// End-of-RIB without waiting for ours.
    package var restartState: Bool

    /// Creates settings; the defaults advertise 120 s with forwarding preserved.
    package init(restartTime: UInt16 = 120, forwardingStatePreserved: Bool = true, restartState: Bool = false) {
        self.restartTime = restartTime
        self.forwardingStatePreserved = forwardingStatePreserved
        self.restartState = restartState
    }
}
