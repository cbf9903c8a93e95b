public import IronLBPluginAPI

/// The `announcers.bgp` section: this speaker's identity, its timers and its peers.
public struct BGPConfiguration: PluginConfiguration {
    /// Our AS number.
    public var localASN: UInt32
    /// Our BGP identifier (from the section, else `node.router-id`).
    public var routerID: IPv4Address
    /// Whether `router-id` was written in this section (for the normalized form).
    public var routerIDFromSection: Bool
    /// Default timers for every peer.
    public var timers: BGPTimers
    /// Graceful restart as the restarting speaker (RFC 4724).
    public var gracefulRestart: GracefulRestartSettings
    /// How long to keep announcing with GRACEFUL_SHUTDOWN (RFC 8326) before withdrawing on drain or stop.
    public var gracefulShutdownWait: Duration
    /// Where to accept connections from passive peers; nil when no peer is passive.
    public var listen: ListenSettings?
    /// The peers that apply to this node, in file order.
    public var peers: [BGPPeerConfiguration]

    /// Restart settings.
    public struct GracefulRestartSettings: Sendable, Equatable {
        /// Whether the capability is advertised.
        public var enabled: Bool
        /// The restart time advertised (at most 4095 s).
        public var restartTime: Duration
    }

    /// The listening socket for passive peers.
    public struct ListenSettings: Sendable, Equatable {
        /// The address to bind.
        public var address: IPAddress
        /// The TCP port.
        public var port: Int
    }

    /// The peer named `name`.
    public func peer(named name: String) -> BGPPeerConfiguration? {
        peers.first { $0.name == name }
    }

    public var rendered: RenderedValue {
        var entries = [RenderedEntry("local-asn", .integer(Int(localASN)))]
        if routerIDFromSection { entries.append(RenderedEntry("router-id", .string(routerID.description))) }
        entries += timers.renderedEntries
        entries.append(RenderedEntry("graceful-restart", .mapping([
            RenderedEntry("enabled", .bool(gracefulRestart.enabled)),
            RenderedEntry("restart-time", .duration(gracefulRestart.restartTime)),
        ])))
        entries.append(RenderedEntry("graceful-shutdown-wait", .duration(gracefulShutdownWait)))
        if let listen {
            entries.append(RenderedEntry("listen", .mapping([
                RenderedEntry("address", .string(listen.address.description)), RenderedEntry("port", .integer(listen.port)),
            ])))
        }
        entries.append(RenderedEntry("peers", .list(peers.map(\.rendered))))
        return .mapping(entries)
    }
}

/// Session timers; a peer may override the section's.
public struct BGPTimers: Sendable, Equatable {
    /// The hold time we offer: 0 (no keepalives) or 3 s to 65535 s.
    public var holdTime: Duration = .seconds(90)
    /// The keepalive interval; nil means a third of the negotiated hold time.
    public var keepaliveTime: Duration?
    /// The first connect-retry delay; later ones double up to `connectRetryMax`, with jitter.
    public var connectRetry: Duration = .seconds(1)
    /// The cap of the connect-retry back-off.
    public var connectRetryMax: Duration = .seconds(120)

    var renderedEntries: [RenderedEntry] {
        var entries = [RenderedEntry("hold-time", .duration(holdTime))]
        if let keepaliveTime { entries.append(RenderedEntry("keepalive-time", .duration(keepaliveTime))) }
        entries.append(RenderedEntry("connect-retry", .duration(connectRetry)))
        entries.append(RenderedEntry("connect-retry-max", .duration(connectRetryMax)))
        return entries
    }
}
