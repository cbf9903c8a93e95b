package import BGPWire
package import IronLBPluginAPI

/// What two speakers agreed on in their OPEN messages: the parameters the announcer and the
/// timers of an Established session work with.
package struct NegotiatedSession: Hashable, Sendable {
    /// The peer's AS (from the 4-octet AS capability when it sent one).
    package var peerAS: UInt32
    /// The peer's BGP Identifier.
    package var peerIdentifier: IPv4Address
    /// Whether both ends are in the same AS.
    package var isInternal: Bool
    /// The hold time in seconds: the smaller of both proposals; 0 means no hold timer.
    package var holdTime: UInt16
    /// Seconds between our KEEPALIVEs: at most a third of `holdTime`; 0 when `holdTime` is 0.
    package var keepaliveTime: UInt16
    /// The families both ends offered, in ascending order; UPDATEs carry only these.
    package var families: [RouteFamily]
    /// Both ends sent the 4-octet AS capability, so AS_PATH carries 4-octet AS numbers (RFC 6793).
    package var fourOctetAS: Bool
    /// Both ends sent the route refresh capability (RFC 2918).
    package var routeRefresh: Bool
    /// Graceful restart, when both ends sent the capability (RFC 4724).
    package var gracefulRestart: GracefulRestartNegotiation?

    /// Creates the result of a negotiation.
    package init(
        peerAS: UInt32,
        peerIdentifier: IPv4Address,
        isInternal: Bool,
        holdTime: UInt16,
        keepaliveTime: UInt16,
        families: [RouteFamily],
        fourOctetAS: Bool,
        routeRefresh: Bool,
        gracefulRestart: GracefulRestartNegotiation?
    ) {
        self.peerAS = peerAS
        self.peerIdentifier = peerIdentifier
        self.isInternal = isInternal
        self.holdTime = holdTime
        self.keepaliveTime = keepaliveTime
        self.families = families
        self.fourOctetAS = fourOctetAS
        self.routeRefresh = routeRefresh
        self.gracefulRestart = gracefulRestart
    }
}

/// Graceful restart as both ends advertised it (RFC 4724 §3).
package struct GracefulRestartNegotiation: Hashable, Sendable {
    /// The peer's R bit: it has just restarted; send our End-of-RIB without waiting for its.
    package var peerRestartState: Bool
    /// The peer's N bit (RFC 8538); this speaker does not act on it.
    package var peerNotificationSupport: Bool
    /// How long, in seconds, the peer asks us to keep its routes.
    package var peerRestartTime: UInt16
    /// The peer's families in common with ours, each with its F bit.
    package var peerFamilies: [GracefulRestartCapability.Family]
    /// The restart time we advertised: how long the peer keeps our routes when we restart.
    package var localRestartTime: UInt16
    /// The F bit we advertised for every family.
    package var localForwardingStatePreserved: Bool
    /// The R bit we advertised.
    package var localRestartState: Bool

    /// Creates the result of a negotiation.
    package init(
        peerRestartState: Bool,
        peerNotificationSupport: Bool,
        peerRestartTime: UInt16,
        peerFamilies: [GracefulRestartCapability.Family],
        localRestartTime: UInt16,
        localForwardingStatePreserved: Bool,
        localRestartState: Bool
    ) {
        self.peerRestartState = peerRestartState
        self.peerNotificationSupport = peerNotificationSupport
        self.peerRestartTime = peerRestartTime
        self.peerFamilies = peerFamilies
        self.localRestartTime = localRestartTime
        self.localForwardingStatePreserved = localForwardingStatePreserved
        self.localRestartState = localRestartState
    }
}
