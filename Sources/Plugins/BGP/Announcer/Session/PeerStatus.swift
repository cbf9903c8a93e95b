import BGPWire
import CoreMetrics
import IronLBPluginAPI

extension AnnouncerPeer {
    /// The report of a BGP peer that has not connected yet.
    init(bgp peer: BGPPeerConfiguration) {
        self.init(name: peer.name, address: peer.address.description, asn: peer.asn, state: "Idle", up: false)
    }

    mutating func established(families: [String]) {
        up = true
        upSince = WallClockInstant.now().secondsSinceEpoch
        self.families = families
    }

    mutating func down(reason: String) {
        up = false
        upSince = nil
        lastError = reason
        prefixesSent = 0
    }
}

/// One peer's Prometheus metrics, through swift-metrics: session state, state changes, messages by
/// type and prefixes. The labels are the peer's configured name.
struct PeerMetrics: Sendable {
    private let up: Gauge
    private let stateChanges: Counter
    private let prefixesSent: Gauge
    private let prefixesReceived: Counter
    private let sent: [String: Counter]
    private let received: [String: Counter]

    static let messageTypes = ["open", "update", "notification", "keepalive", "route-refresh"]

    init(peer: String, factory: any MetricsFactory) {
        let labels = [("peer", peer)]
        up = Gauge(label: "ironlb_bgp_session_up", dimensions: labels, factory: factory)
        stateChanges = Counter(label: "ironlb_bgp_session_state_changes_total", dimensions: labels, factory: factory)
        prefixesSent = Gauge(label: "ironlb_bgp_prefixes_announced", dimensions: labels, factory: factory)
        prefixesReceived = Counter(label: "ironlb_bgp_prefixes_received_total", dimensions: labels, factory: factory)
        sent = Dictionary(uniqueKeysWithValues: Self.messageTypes.map {
            ($0, Counter(label: "ironlb_bgp_messages_sent_total", dimensions: labels + [("type", $0)], factory: factory))
        })
        received = Dictionary(uniqueKeysWithValues: Self.messageTypes.map {
            ($0, Counter(label: "ironlb_bgp_messages_received_total", dimensions: labels + [("type", $0)], factory: factory))
        })
    }

    func sessionUp(_ isUp: Bool) { up.record(isUp ? 1 : 0) }
    func stateChanged() { stateChanges.increment() }
    func announced(_ count: Int) { prefixesSent.record(count) }
    func receivedPrefixes(_ count: Int) { prefixesReceived.increment(by: count) }
    func sent(_ message: BGPMessage) { sent[Self.type(of: message)]?.increment() }
    func sentUpdates(_ count: Int) { sent["update"]?.increment(by: count) }
    func received(_ message: BGPMessage) { received[Self.type(of: message)]?.increment() }

    private static func type(of message: BGPMessage) -> String {
        switch message {
        case .open: "open"
        case .update: "update"
        case .notification: "notification"
        case .keepalive: "keepalive"
        case .routeRefresh: "route-refresh"
        }
    }
}
