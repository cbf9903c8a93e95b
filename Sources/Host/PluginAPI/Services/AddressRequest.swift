/// Which address families a service wants.
public enum FamilyPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// One IPv4 address.
    case ipv4
    /// One IPv6 address.
    case ipv6
    /// One IPv4 and one IPv6 address; both or neither.
    case dualStack = "dual-stack"
    /// Both families where the pool has them, else whichever it has.
    case preferDualStack = "prefer-dual-stack"

    /// The families to allocate, in allocation order.
    public var families: [IPFamily] {
        switch self {
        case .ipv4: [.ipv4]
        case .ipv6: [.ipv6]
        case .dualStack, .preferDualStack: [.ipv4, .ipv6]
        }
    }
}

/// How a service's traffic reaches its endpoints; decides which nodes may announce it.
public enum TrafficPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Any node may receive the traffic and forward it.
    case cluster
    /// Only nodes with a ready local endpoint may receive it.
    case local
}

/// What a service asks of the allocator: the same options for every source (static, Kubernetes, local API).
public struct AddressRequest: Hashable, Sendable, Codable {
    /// A pool by name; nil lets the allocator choose among auto-assign pools.
    public var pool: String?
    /// Specific addresses wanted (at most one per family); empty means any.
    public var addresses: [IPAddress]
    /// The families wanted.
    public var families: FamilyPolicy
    /// Services with the same sharing key may share an address when their ports do not collide.
    public var sharingKey: String?
    /// The ports, used to decide whether sharing is possible.
    public var ports: [ServicePort]
    /// Where traffic may land.
    public var trafficPolicy: TrafficPolicy
    /// What selects the endpoints behind the service (a Kubernetes Service's `spec.selector`); nil
    /// when the source has none. Services that share an address under `trafficPolicy: local` must
    /// select the same endpoints: only nodes with a local endpoint announce the address, and they
    /// must be the right nodes for all of them.
    public var endpointSelector: [String: String]?

    /// Creates a request.
    public init(
        pool: String? = nil,
        addresses: [IPAddress] = [],
        families: FamilyPolicy = .ipv4,
        sharingKey: String? = nil,
        ports: [ServicePort] = [],
        trafficPolicy: TrafficPolicy = .cluster,
        endpointSelector: [String: String]? = nil
    ) {
        self.pool = pool
        self.addresses = addresses
        self.families = families
        self.sharingKey = sharingKey
        self.ports = ports
        self.trafficPolicy = trafficPolicy
        self.endpointSelector = endpointSelector
    }

    private enum CodingKeys: String, CodingKey {
        case pool, addresses, families, sharingKey, ports, trafficPolicy, endpointSelector
    }

    /// Decodes a request; every key may be left out and takes the same default as `init`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pool: try container.decodeIfPresent(String.self, forKey: .pool),
            addresses: try container.decodeIfPresent([IPAddress].self, forKey: .addresses) ?? [],
            families: try container.decodeIfPresent(FamilyPolicy.self, forKey: .families) ?? .ipv4,
            sharingKey: try container.decodeIfPresent(String.self, forKey: .sharingKey),
            ports: try container.decodeIfPresent([ServicePort].self, forKey: .ports) ?? [],
            trafficPolicy: try container.decodeIfPresent(TrafficPolicy.self, forKey: .trafficPolicy) ?? .cluster,
            endpointSelector: try container.decodeIfPresent([String: String].self, forKey: .endpointSelector)
        )
    }
}
