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

    /// Creates an intent.
    public init(
        key: ServiceKey,
        request: AddressRequest,
        namespace: String? = nil,
        labels: [String: String] = [:],
        announceFromThisNode: Bool = true
    ) {
        self.key = key
        self.request = request
        self.namespace = namespace
        self.labels = labels
        self.announceFromThisNode = announceFromThisNode
    }
}
