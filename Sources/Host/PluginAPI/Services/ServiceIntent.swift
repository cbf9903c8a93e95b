/// A service that wants an external address, as a source sees it.
public struct ServiceIntent: Hashable, Sendable, Codable {
    /// Who the service is.
    public var key: ServiceKey
    /// What it asks for.
    public var request: AddressRequest
    /// The service's namespace, for pools' namespace selectors (nil outside Kubernetes).
    public var namespace: String?
    /// The service's labels, for pools' service selectors.
    public var labels: [String: String]
    /// Whether this node may announce the service (e.g. it has a ready local endpoint).
    public var announceFromThisNode: Bool
    /// The addresses the service is recorded as holding outside IronLB's allocation store (for
    /// Kubernetes, its `status.loadBalancer.ingress`, perhaps written by another load balancer).
    /// When the controller first hears of a service that asks for no particular address, it keeps
    /// these if the store holds nothing for it (adoption); if the store holds something else, the
    /// store wins and the difference is reported. Empty: nothing is recorded.
    public var recordedAddresses: [IPAddress]

    /// Creates an intent.
    public init(
        key: ServiceKey,
        request: AddressRequest,
        namespace: String? = nil,
        labels: [String: String] = [:],
        announceFromThisNode: Bool = true,
        recordedAddresses: [IPAddress] = []
    ) {
        self.key = key
        self.request = request
        self.namespace = namespace
        self.labels = labels
        self.announceFromThisNode = announceFromThisNode
        self.recordedAddresses = recordedAddresses
    }

    private enum CodingKeys: String, CodingKey {
        case key, request, namespace, labels, announceFromThisNode, recordedAddresses
    }

    /// Decodes an intent; `recordedAddresses` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try container.decode(ServiceKey.self, forKey: .key),
            request: try container.decode(AddressRequest.self, forKey: .request),
            namespace: try container.decodeIfPresent(String.self, forKey: .namespace),
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:],
            announceFromThisNode: try container.decodeIfPresent(Bool.self, forKey: .announceFromThisNode) ?? true,
            recordedAddresses: try container.decodeIfPresent([IPAddress].self, forKey: .recordedAddresses) ?? []
        )
    }
}
