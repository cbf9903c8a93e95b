/// The graceful restart capability's value (RFC 4724 §3).
package struct GracefulRestartCapability: Hashable, Sendable {
    /// One family whose routes the restarting speaker keeps forwarding.
    package struct Family: Hashable, Sendable {
        /// The address family.
        package var family: RouteFamily
        /// The F bit: forwarding state for the family was preserved across the restart.
        package var forwardingStatePreserved: Bool

        /// Creates an entry for `family`.
        package init(_ family: RouteFamily, forwardingStatePreserved: Bool) {
            self.family = family
            self.forwardingStatePreserved = forwardingStatePreserved
        }
    }

    /// The R bit: the speaker has restarted, and the peer must not wait for its End-of-RIB
    /// before sending its own (RFC 4724 §3).
    package var restartState: Bool
    /// The N bit: the speaker supports graceful NOTIFICATION handling (RFC 8538 §2).
    package var notificationSupport: Bool
    /// How long, in seconds, the peer should keep this speaker's routes: 0...4095.
    package var restartTime: UInt16
    /// The families covered, with their forwarding-state bits.
    package var families: [Family]

    /// Creates the capability; `restartTime` is cut to its 12 bits when encoded.
    package init(restartState: Bool, notificationSupport: Bool = false, restartTime: UInt16, families: [Family]) {
        self.restartState = restartState
        self.notificationSupport = notificationSupport
        self.restartTime = restartTime
        self.families = families
    }

    /// The largest restart time the 12-bit field holds.
    package static let maximumRestartTime: UInt16 = 0x0FFF
}
