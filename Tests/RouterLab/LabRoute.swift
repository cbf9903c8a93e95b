/// A route as a lab router holds it in its RIB, normalized across BIRD, FRR and GoBGP.
public struct LabRoute: Hashable, Sendable, CustomStringConvertible {
    /// The prefix, e.g. `203.0.113.5/32`.
    public var prefix: String
    /// The BGP next hop.
    public var nextHop: String?
    /// The AS path, in order.
    public var asPath: [UInt32]
    /// Standard communities as `ASN:VALUE`, sorted.
    public var communities: [String]
    /// Large communities as `A:B:C`, sorted.
    public var largeCommunities: [String]
    /// LOCAL_PREF, when present.
    public var localPref: UInt32?
    /// MULTI_EXIT_DISC, when present.
    public var med: UInt32?

    public init(prefix: String, nextHop: String? = nil, asPath: [UInt32] = [], communities: [String] = [], largeCommunities: [String] = [], localPref: UInt32? = nil, med: UInt32? = nil) {
        self.prefix = prefix
        self.nextHop = nextHop
        self.asPath = asPath
        self.communities = communities.sorted()
        self.largeCommunities = largeCommunities.sorted()
        self.localPref = localPref
        self.med = med
    }

    public var description: String {
        var parts = [prefix]
        if let nextHop { parts.append("via \(nextHop)") }
        parts.append("as-path [\(asPath.map(String.init).joined(separator: " "))]")
        if !communities.isEmpty { parts.append("communities \(communities)") }
        if !largeCommunities.isEmpty { parts.append("large \(largeCommunities)") }
        if let localPref { parts.append("local-pref \(localPref)") }
        if let med { parts.append("med \(med)") }
        return parts.joined(separator: " ")
    }
}

/// A BGP neighbor as a lab router is configured to see it.
public struct LabNeighbor: Sendable {
    public var name: String
    public var address: String
    public var asn: UInt32
    public var localAddress: String
    public var passive: Bool
    public var password: String?
    public var holdTime: Int?
    public var gracefulRestart: Bool
    /// Whether this session carries IPv6 unicast (else IPv4 unicast).
    public var ipv6: Bool
    /// Whether the session carries both IPv4 and IPv6 unicast, whatever its transport (BIRD only).
    public var bothFamilies = false

    public init(name: String, address: String, asn: UInt32, localAddress: String, passive: Bool = false, password: String? = nil, holdTime: Int? = nil, gracefulRestart: Bool = false, ipv6: Bool = false) {
        self.name = name
        self.address = address
        self.asn = asn
        self.localAddress = localAddress
        self.passive = passive
        self.password = password
        self.holdTime = holdTime
        self.gracefulRestart = gracefulRestart
        self.ipv6 = ipv6
    }
}

/// What every lab router can do.
public protocol LabRouter: AnyObject {
    /// The router's process.
    var process: LabProcess { get }
    /// The routes it learned over BGP, for both families.
    func routes() throws -> [LabRoute]
    /// Whether the session with `neighbor` is Established.
    func isEstablished(_ neighbor: LabNeighbor) throws -> Bool
    /// A token that changes whenever the session with `neighbor` is (re-)established, for "this edit
    /// did not reset the session" checks: BIRD's state-change time, FRR's and GoBGP's establishment counts.
    func sessionGeneration(_ neighbor: LabNeighbor) throws -> String?
}
