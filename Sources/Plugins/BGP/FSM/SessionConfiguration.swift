package import BGPWire
package import IronLBPluginAPI

/// The settings of one BGP session that the state machine needs (RFC 4271 §8.1.1, §10).
package struct SessionConfiguration: Hashable, Sendable {
    /// Our AS number; sent as AS_TRANS plus the 4-octet AS capability when it needs 4 octets.
    package var localAS: UInt32
    /// The AS the peer must announce in its OPEN (Bad Peer AS, 2/2, otherwise).
    package var peerAS: UInt32
    /// Our BGP Identifier (router ID).
    package var routerID: IPv4Address
    /// The hold time we propose, in seconds: 0 (no keepalives, no hold timer) or at least 3.
    package var holdTime: UInt16
    /// The keepalive interval we want, in seconds; `nil` means one third of the negotiated hold
    /// time, which is also the most it may be.
    package var keepaliveTime: UInt16?
    /// The smallest non-zero hold time we accept from the peer (at least 3, RFC 4271 §4.2).
    package var minimumHoldTime: UInt16
    /// The ConnectRetryTimer: how long a connection attempt may take (RFC 4271 §10 suggests 120 s).
    package var connectRetryTime: Duration
    /// The hold timer while waiting for the peer's OPEN (RFC 4271 §8.2.2 suggests 4 minutes).
    package var openSentHoldTime: Duration
    /// The families we announce; each is advertised with the multiprotocol capability.
    package var families: [RouteFamily]
    /// Whether a peer that lacks one of `families` is refused with 2/7 (true), or accepted for
    /// the families in common (false). With no family in common the peer is always refused.
    package var requireAllFamilies: Bool
    /// Whether we advertise route refresh (RFC 2918) and answer ROUTE-REFRESH.
    package var routeRefresh: Bool
    /// What we advertise as a graceful-restart speaker (RFC 4724), or `nil` to advertise nothing.
    package var gracefulRestart: GracefulRestartSettings?
    /// The back-off between automatic restarts, with its jitter (also applied to ConnectRetryTimer).
    package var backoff: ConnectRetryBackoff
    /// How long routes stay announced with GRACEFUL_SHUTDOWN before they are withdrawn (RFC 8326).
    package var gracefulShutdownWait: Duration

    /// Creates a configuration with the defaults of RFC 4271 §10 where it has them.
    package init(
        localAS: UInt32,
        peerAS: UInt32,
        routerID: IPv4Address,
        holdTime: UInt16 = 90,
        keepaliveTime: UInt16? = nil,
        minimumHoldTime: UInt16 = 3,
        connectRetryTime: Duration = .seconds(120),
        openSentHoldTime: Duration = .seconds(240),
        families: [RouteFamily] = [.ipv4Unicast],
        requireAllFamilies: Bool = true,
        routeRefresh: Bool = true,
        gracefulRestart: GracefulRestartSettings? = GracefulRestartSettings(),
        backoff: ConnectRetryBackoff = ConnectRetryBackoff(),
        gracefulShutdownWait: Duration = .seconds(30)
    ) {
        self.localAS = localAS
        self.peerAS = peerAS
        self.routerID = routerID
        self.holdTime = holdTime
        self.keepaliveTime = keepaliveTime
        self.minimumHoldTime = minimumHoldTime
        self.connectRetryTime = connectRetryTime
        self.openSentHoldTime = openSentHoldTime
        self.families = families
        self.requireAllFamilies = requireAllFamilies
        self.routeRefresh = routeRefresh
        self.gracefulRestart = gracefulRestart
        self.backoff = backoff
        self.gracefulShutdownWait = gracefulShutdownWait
    }

    /// Whether the session is internal BGP: both ends in the same AS.
    package var isInternal: Bool { localAS == peerAS }

    /// What is wrong with these settings, one sentence each; empty when they are usable.
    ///
    /// The plugin's config validation reports these with file positions; the state machine
    /// assumes a configuration without problems.
    package var problems: [String] {
        var problems: [String] = []
        if holdTime == 1 || holdTime == 2 {
            problems.append("hold time \(holdTime) s is not allowed: use 0 or at least 3 s (RFC 4271 §4.2)")
        }
        if minimumHoldTime < 3 {
            problems.append("minimum hold time \(minimumHoldTime) s is below 3 s (RFC 4271 §4.2)")
        }
        if let keepaliveTime, keepaliveTime == 0, holdTime != 0 {
            problems.append("keepalive time 0 needs hold time 0")
        }
        if localAS == 0 || peerAS == 0 {
            problems.append("AS 0 is reserved and cannot be used by a session (RFC 7607)")
        }
        if localAS == UInt32(BGPWire.asTrans) || peerAS == UInt32(BGPWire.asTrans) {
            problems.append("AS 23456 is AS_TRANS and cannot be used by a session (RFC 6793 §9)")
        }
        if routerID.rawValue == 0 {
            problems.append("router ID 0.0.0.0 is not a valid BGP Identifier (RFC 6286)")
        }
        if families.isEmpty {
            problems.append("a session needs at least one address family")
        }
        if let restart = gracefulRestart, restart.restartTime > GracefulRestartCapability.maximumRestartTime {
            problems.append("graceful restart time \(restart.restartTime) s exceeds 4095 s (RFC 4724 §3)")
        }
        return problems
    }
}
