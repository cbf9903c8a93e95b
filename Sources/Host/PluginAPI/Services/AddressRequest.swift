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
///
/// A value type whose optional parts (pool, addresses, sharing key, ports, selector) sit behind one
/// copy-on-write reference: the allocator copies, compares and drops requests on every allocation,
/// and a copy costs one retain instead of five. A request with none of them (the common "any
/// address of this family") shares one empty box, and equal boxes compare by identity first.
public struct AddressRequest: Hashable, Sendable, Codable {
    @usableFromInline final class Parts: @unchecked Sendable {
        // Mutated only while uniquely referenced (see `unique()`), hence sendable, and without
        // overlapping accesses: the run-time exclusivity check would cost more than the read.
        @exclusivity(unchecked) var pool: String?
        @exclusivity(unchecked) var addresses: [IPAddress]
        @exclusivity(unchecked) var sharingKey: String?
        @exclusivity(unchecked) var ports: [ServicePort]
        @exclusivity(unchecked) var endpointSelector: [String: String]?

        init(pool: String?, addresses: [IPAddress], sharingKey: String?, ports: [ServicePort], endpointSelector: [String: String]?) {
            self.pool = pool
            self.addresses = addresses
            self.sharingKey = sharingKey
            self.ports = ports
            self.endpointSelector = endpointSelector
        }

        static let none = Parts(pool: nil, addresses: [], sharingKey: nil, ports: [], endpointSelector: nil)

        func copy() -> Parts {
            Parts(pool: pool, addresses: addresses, sharingKey: sharingKey, ports: ports, endpointSelector: endpointSelector)
        }

        @usableFromInline func equals(_ other: Parts) -> Bool {
            self === other || (pool == other.pool && addresses == other.addresses && sharingKey == other.sharingKey
                && ports == other.ports && endpointSelector == other.endpointSelector)
        }
    }

    @usableFromInline private(set) var parts: Parts
    /// The families wanted.
    public var families: FamilyPolicy
    /// Where traffic may land.
    public var trafficPolicy: TrafficPolicy

    /// A pool by name; nil lets the allocator choose among auto-assign pools.
    public var pool: String? {
        get { parts.pool }
        _modify { unique(); yield &parts.pool }
    }
    /// Specific addresses wanted (at most one per family); empty means any.
    public var addresses: [IPAddress] {
        get { parts.addresses }
        _modify { unique(); yield &parts.addresses }
    }
    /// Services with the same sharing key may share an address when their ports do not collide.
    public var sharingKey: String? {
        get { parts.sharingKey }
        _modify { unique(); yield &parts.sharingKey }
    }
    /// The ports, used to decide whether sharing is possible.
    public var ports: [ServicePort] {
        get { parts.ports }
        _modify { unique(); yield &parts.ports }
    }
    /// What selects the endpoints behind the service (a Kubernetes Service's `spec.selector`); nil
    /// when the source has none. Services that share an address under `trafficPolicy: local` must
    /// select the same endpoints: only nodes with a local endpoint announce the address, and they
    /// must be the right nodes for all of them.
    public var endpointSelector: [String: String]? {
        get { parts.endpointSelector }
        _modify { unique(); yield &parts.endpointSelector }
    }

    /// Whether the request names no pool, no address and no sharing key: any available address of
    /// its families will do (its ports and endpoint selector matter only when sharing). One identity
    /// comparison for the common request, where reading the three parts would copy each out.
    public var asksForAnyAddress: Bool {
        parts === Parts.none || (parts.pool == nil && parts.addresses.isEmpty && parts.sharingKey == nil)
    }

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
        parts = pool == nil && addresses.isEmpty && sharingKey == nil && ports.isEmpty && endpointSelector == nil
            ? Parts.none
            : Parts(pool: pool, addresses: addresses, sharingKey: sharingKey, ports: ports, endpointSelector: endpointSelector)
        self.families = families
        self.trafficPolicy = trafficPolicy
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
    }

    // Inlinable: the allocator compares requests on every allocation, and most share their parts.
    @inlinable
    public static func == (lhs: AddressRequest, rhs: AddressRequest) -> Bool {
        lhs.families == rhs.families && lhs.trafficPolicy == rhs.trafficPolicy && (lhs.parts === rhs.parts || lhs.parts.equals(rhs.parts))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pool)
        hasher.combine(addresses)
        hasher.combine(families)
        hasher.combine(sharingKey)
        hasher.combine(ports)
        hasher.combine(trafficPolicy)
        hasher.combine(endpointSelector)
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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(pool, forKey: .pool)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(families, forKey: .families)
        try container.encodeIfPresent(sharingKey, forKey: .sharingKey)
        try container.encode(ports, forKey: .ports)
        try container.encode(trafficPolicy, forKey: .trafficPolicy)
        try container.encodeIfPresent(endpointSelector, forKey: .endpointSelector)
    }
}
