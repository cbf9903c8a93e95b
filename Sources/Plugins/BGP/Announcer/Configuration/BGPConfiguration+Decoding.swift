public import IronLBPluginAPI

extension BGPConfiguration {
    /// Decodes `announcers.bgp` strictly, reporting every problem; peers that do not apply to this
    /// node are checked but left out.
    public static func decode(section: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> BGPConfiguration? {
        guard var mapping = ConfigMapping(section, &diagnostics) else { return nil }
        defer { mapping.finish(&diagnostics) }
        let localASN = mapping.require("local-asn", &diagnostics)?.asn(&diagnostics)
        var routerID = context.node.routerID
        let routerIDNode = mapping.value("router-id")
        if let routerIDNode { routerID = routerIDNode.ipv4Address(&diagnostics) }
        if routerIDNode == nil && context.node.routerID == nil {
            diagnostics.error(section, "a BGP router ID is required: set announcers.bgp.router-id or node.router-id")
        }
        if let routerID, routerID.rawValue == 0 {
            diagnostics.error(routerIDNode ?? section, "the router ID 0.0.0.0 is not allowed (RFC 6286)")
        }
        let timers = BGPTimers.decode(&mapping, defaults: BGPTimers(), &diagnostics)
        var gracefulRestart = GracefulRestartSettings(enabled: true, restartTime: .seconds(120))
        if let node = mapping.value("graceful-restart"), var restart = ConfigMapping(node, &diagnostics) {
            gracefulRestart.enabled = restart.value("enabled")?.bool(&diagnostics) ?? true
            // RFC 4724 §3: the Restart Time field has 12 bits.
            gracefulRestart.restartTime = restart.value("restart-time")?.duration(in: .seconds(1)...Duration.seconds(4095), &diagnostics) ?? .seconds(120)
            restart.finish(&diagnostics)
        }
        let shutdownWait = mapping.value("graceful-shutdown-wait")?.duration(in: .zero...Duration.seconds(3600), &diagnostics) ?? .seconds(15)
        var listen: ListenSettings?
        if let node = mapping.value("listen"), var settings = ConfigMapping(node, &diagnostics) {
            let address = settings.value("address")?.address(&diagnostics) ?? .v6(IPv6Address(0))
            let port = settings.value("port")?.integer(in: 1...65535, &diagnostics) ?? 179
            settings.finish(&diagnostics)
            listen = ListenSettings(address: address, port: port)
        }
        var peers: [BGPPeerConfiguration] = []
        var firstDefinition: [String: ConfigNode] = [:]
        for item in mapping.value("peers")?.list(&diagnostics) ?? [] {
            guard let peer = BGPPeerConfiguration.decode(item, defaults: timers, localASN: localASN, &diagnostics) else { continue }
            if let first = firstDefinition[peer.name] {
                diagnostics.error(item, "duplicate peer name '\(peer.name)' (first defined at \(first.location))")
                continue
            }
            firstDefinition[peer.name] = item
            if peer.passive && listen == nil {
                diagnostics.error(item, "peer '\(peer.name)' is passive, so announcers.bgp.listen must be set")
            }
            if peer.applies(to: context.node) { peers.append(peer) }
        }
        guard let localASN, let routerID else { return nil }
        return BGPConfiguration(
            localASN: localASN, routerID: routerID, routerIDFromSection: routerIDNode != nil, timers: timers,
            gracefulRestart: gracefulRestart, gracefulShutdownWait: shutdownWait, listen: listen, peers: peers
        )
    }
}

extension BGPTimers {
    /// Reads `hold-time`, `keepalive-time`, `connect-retry` and `connect-retry-max` from `mapping`.
    static func decode(_ mapping: inout ConfigMapping, defaults: BGPTimers, _ diagnostics: inout Diagnostics) -> BGPTimers {
        var timers = defaults
        if let node = mapping.value("hold-time"), let hold = node.duration(in: .zero...Duration.seconds(65535), &diagnostics) {
            // RFC 4271 §4.2: the hold time is zero or at least three seconds.
            if hold != .zero && hold < .seconds(3) {
                diagnostics.error(node, "a hold time must be 0 or at least 3s (RFC 4271 §4.2)")
            } else if hold.components.attoseconds != 0 {
                diagnostics.error(node, "the hold time is sent in whole seconds")
            } else {
                timers.holdTime = hold
            }
        }
        if let node = mapping.value("keepalive-time"), let keepalive = node.duration(in: .seconds(1)...Duration.seconds(21845), &diagnostics) {
            if timers.holdTime != .zero && keepalive >= timers.holdTime {
                diagnostics.error(node, "the keepalive time must be shorter than the hold time (\(ConfigDuration.format(timers.holdTime)))")
            } else {
                timers.keepaliveTime = keepalive
            }
        }
        if let node = mapping.value("connect-retry") {
            timers.connectRetry = node.duration(in: .milliseconds(100)...Duration.seconds(3600), &diagnostics) ?? timers.connectRetry
        }
        if let node = mapping.value("connect-retry-max") {
            timers.connectRetryMax = node.duration(in: .seconds(1)...Duration.seconds(3600), &diagnostics) ?? timers.connectRetryMax
            if timers.connectRetryMax < timers.connectRetry {
                diagnostics.error(node, "connect-retry-max must not be below connect-retry (\(ConfigDuration.format(timers.connectRetry)))")
            }
        }
        return timers
    }
}

extension BGPPeerConfiguration {
    /// Decodes one peer strictly.
    static func decode(_ node: ConfigNode, defaults: BGPTimers, localASN: UInt32?, _ diagnostics: inout Diagnostics) -> BGPPeerConfiguration? {
        guard var mapping = ConfigMapping(node, &diagnostics) else { return nil }
        defer { mapping.finish(&diagnostics) }
        let name = mapping.require("name", &diagnostics)?.name(&diagnostics)
        let address = mapping.require("address", &diagnostics)?.address(&diagnostics)
        let asn = mapping.require("asn", &diagnostics)?.asn(&diagnostics)
        let timers = BGPTimers.decode(&mapping, defaults: defaults, &diagnostics)
        guard let name, let address, let asn else {
            for key in ["port", "source-address", "passive", "ebgp-multihop", "gtsm", "password-file", "families", "nodes", "node-selector"] { mapping.declare(key) }
            return nil
        }
        var peer = BGPPeerConfiguration(name: name, address: address, asn: asn, timers: timers, families: [address.family])
        peer.port = mapping.value("port")?.integer(in: 1...65535, &diagnostics) ?? 179
        if let sourceNode = mapping.value("source-address"), let source = sourceNode.address(&diagnostics) {
            if source.family != address.family {
                diagnostics.error(sourceNode, "the source address \(source) is \(source.family) but the peer address \(address) is \(address.family)")
            }
            peer.sourceAddress = source
        }
        peer.passive = mapping.value("passive")?.bool(&diagnostics) ?? false
        let isInternal = localASN.map { $0 == asn } ?? false
        if let hopNode = mapping.value("ebgp-multihop") {
            peer.ebgpMultihop = hopNode.integer(in: 1...255, &diagnostics)
            if isInternal { diagnostics.error(hopNode, "ebgp-multihop applies to eBGP peers only; this peer is iBGP (AS \(asn))") }
        }
        if let gtsmNode = mapping.value("gtsm") {
            peer.gtsm = gtsmNode.bool(&diagnostics) ?? false
            // RFC 5082 §3: GTSM fixes the TTL at 255, which contradicts a multihop TTL.
            if peer.gtsm && peer.ebgpMultihop != nil {
                diagnostics.error(gtsmNode, "gtsm and ebgp-multihop cannot both be set (GTSM sends TTL 255 and expects at most one hop, RFC 5082)")
            }
        }
        if let fileNode = mapping.value("password-file"), let path = fileNode.string(&diagnostics) {
            if path.hasPrefix("/") { peer.passwordFile = path } else { diagnostics.error(fileNode, "expected an absolute path, found \"\(path)\"") }
        }
        if let familiesNode = mapping.value("families") {
            let families = familiesNode.list(&diagnostics) { item, diagnostics -> IPFamily? in
                item.choice(["ipv4", "ipv6"], &diagnostics).flatMap(IPFamily.init(rawValue:))
            } ?? []
            if families.isEmpty { diagnostics.error(familiesNode, "a peer needs at least one family") } else { peer.families = families }
        }
        peer.nodes = mapping.value("nodes")?.list(&diagnostics) { $0.name(&$1) } ?? []
        if let selector = mapping.value("node-selector") {
            peer.nodeSelector = LabelSelector(matchLabels: selector.labels(&diagnostics) ?? [:])
        }
        return peer
    }
}
