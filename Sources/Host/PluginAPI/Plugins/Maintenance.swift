/// A node's maintenance drain, as the operator drives it with `ironlbctl drain` and `undrain`.
///
/// A drain goes `.normal` → `.gracefulShutdown` → (after the operator's wait) `.withdrawn`;
/// `undrain` returns to `.normal`. Announcers keep their sessions up throughout: only what they
/// announce changes.
public enum Maintenance: String, Sendable, Codable, Hashable, CaseIterable {
    /// Announce the desired routes as configured.
    case normal
    /// Keep announcing, but ask the neighbours to move traffic elsewhere first (BGP: the
    /// GRACEFUL_SHUTDOWN community of RFC 8326 and, towards iBGP peers, LOCAL_PREF 0).
    case gracefulShutdown = "graceful-shutdown"
    /// Announce nothing; the routes stay desired and come back on `.normal`.
    case withdrawn
}

/// One neighbour of an announcer (a BGP peer), as `ironlbctl peers` and the metrics show it.
public struct AnnouncerPeer: Sendable, Codable, Equatable {
    /// The neighbour's configured name.
    public var name: String
    /// Its address.
    public var address: String
    /// Its AS number, when the announcer speaks BGP.
    public var asn: UInt32?
    /// The session state (for BGP: Idle, Connect, Active, OpenSent, OpenConfirm, Established).
    public var state: String
    /// Whether the session is up and carries routes.
    public var up: Bool
    /// When the session last came up (Unix time), while it is up.
    public var upSince: Double?
    /// Our address on the session.
    public var localAddress: String?
    /// The address families negotiated.
    public var families: [String]
    /// The last error (a NOTIFICATION sent or received, a connect failure, …).
    public var lastError: String?
    /// How many times the session changed state.
    public var transitions: Int
    /// Messages sent and received on the session.
    public var messagesSent: Int
    public var messagesReceived: Int
    /// Prefixes announced to the neighbour now, and received from it (counted, then dropped).
    public var prefixesSent: Int
    public var prefixesReceived: Int

    /// Creates a neighbour report.
    public init(
        name: String, address: String, asn: UInt32? = nil, state: String, up: Bool, upSince: Double? = nil, localAddress: String? = nil,
        families: [String] = [], lastError: String? = nil, transitions: Int = 0, messagesSent: Int = 0, messagesReceived: Int = 0,
        prefixesSent: Int = 0, prefixesReceived: Int = 0
    ) {
        self.name = name
        self.address = address
        self.asn = asn
        self.state = state
        self.up = up
        self.upSince = upSince
        self.localAddress = localAddress
        self.families = families
        self.lastError = lastError
        self.transitions = transitions
        self.messagesSent = messagesSent
        self.messagesReceived = messagesReceived
        self.prefixesSent = prefixesSent
        self.prefixesReceived = prefixesReceived
    }
}

/// One route as an announcer sent it to one neighbour (BGP: an Adj-RIB-Out entry), for
/// `ironlbctl routes --sent`.
public struct ExportedRoute: Sendable, Codable, Equatable {
    /// The neighbour's name.
    public var peer: String
    /// The prefix.
    public var prefix: IPPrefix
    /// The next hop it carries.
    public var nextHop: String?
    /// Its attributes in words, e.g. `as-path 64512`, `local-pref 100`, `communities 65535:0`.
    public var attributes: [String]

    /// Creates an exported route.
    public init(peer: String, prefix: IPPrefix, nextHop: String?, attributes: [String]) {
        self.peer = peer
        self.prefix = prefix
        self.nextHop = nextHop
        self.attributes = attributes
    }
}
