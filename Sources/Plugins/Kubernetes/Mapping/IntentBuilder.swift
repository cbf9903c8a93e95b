import IronLBPluginAPI

/// Turns the cluster as last seen into the intents of IronLB's Services, deciding for each one
/// whether this node may announce it. Pure: the same snapshot always gives the same intents.
struct IntentBuilder: Sendable {
    /// Which Services are ours and what they ask for.
    var claim: ServiceClaim
    /// This node's name in the cluster.
    var nodeName: String

    /// The intents, sorted by key, and the problem of every claimed Service that cannot be served.
    ///
    /// `following`: another instance allocates (it holds the Lease) and writes the addresses into
    /// the Services' status; this one asks for exactly those addresses, so every node announces the
    /// same ones, and leaves out Services that have none yet.
    func intents(from snapshot: ClusterSnapshot, following: Bool = false) -> (intents: [ServiceIntent], problems: [ServiceKey: ServiceProblem]) {
        let readiness = snapshot.endpointSlices.index
        let thisNodeExcluded = snapshot.nodes.objects[nodeName]?.isExcluded ?? false
        var intents: [ServiceIntent] = []
        var problems: [ServiceKey: ServiceProblem] = [:]
        for (name, service) in snapshot.services.objects.sorted(by: { $0.key < $1.key }) where claim.claims(service) {
            let key = ServiceKey(source: KubernetesSourcePlugin.name, name: name)
            switch claim.request(for: service) {
            case .failure(let problem):
                problems[key] = problem
            case .success(var request):
                let written = service.ingress.compactMap { $0.ip.flatMap(IPAddress.init) }
                if following {
                    guard !written.isEmpty else { continue }
                    request.addresses = written
                    let families = Set(written.map(\.family))
                    request.families = families.count == 2 ? .dualStack : (families.first == .ipv6 ? .ipv6 : .ipv4)
                }
                let announce: Bool = switch request.trafficPolicy {
                case .cluster: !thisNodeExcluded && readiness.hasReadyEndpoint(service: name)
                case .local: !thisNodeExcluded && readiness.hasReadyEndpoint(service: name, on: nodeName)
                }
                intents.append(ServiceIntent(
                    key: key, request: request, namespace: service.metadata.namespace,
                    labels: service.metadata.labels ?? [:], announceFromThisNode: announce, recordedAddresses: written
                ))
            }
        }
        return (intents, problems)
    }
}

/// Where each Service has ready endpoints, from its EndpointSlices: the slice store's index, updated
/// slice by slice.
struct EndpointReadiness: ObjectIndex {
    /// What one slice says: whether any endpoint is ready, and the nodes of the ready ones.
    private struct SliceReadiness: Sendable {
        var anyReady = false
        var nodes: Set<String> = []
    }

    /// By service (`namespace/name`), by slice key.
    private var services: [String: [String: SliceReadiness]] = [:]

    init() {}

    mutating func stored(_ slice: EndpointSliceObject, replacing previous: EndpointSliceObject?, key: String) {
        if let previous { removed(previous, key: key) }
        guard let service = slice.serviceKey else { return }
        var readiness = SliceReadiness()
        for endpoint in slice.endpoints ?? [] where endpoint.isReady {
            readiness.anyReady = true
            if let node = endpoint.nodeName { readiness.nodes.insert(node) }
        }
        services[service, default: [:]][key] = readiness
    }

    mutating func removed(_ slice: EndpointSliceObject, key: String) {
        guard let service = slice.serviceKey else { return }
        services[service]?[key] = nil
        if services[service]?.isEmpty == true { services[service] = nil }
    }

    /// Whether `service` (`namespace/name`) has a ready endpoint anywhere, or on `node`.
    func hasReadyEndpoint(service: String, on node: String? = nil) -> Bool {
        guard let slices = services[service] else { return false }
        guard let node else { return slices.values.contains { $0.anyReady } }
        return slices.values.contains { $0.nodes.contains(node) }
    }
}
