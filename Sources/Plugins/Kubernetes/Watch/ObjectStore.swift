/// The last known objects of one kind, keyed by `namespace/name`, as list and watch report them.
struct ObjectStore<Object: KubernetesObject>: Sendable {
    private(set) var objects: [String: Object] = [:]

    /// Replaces everything with a fresh list; whether anything changed.
    mutating func replace(with items: [Object]) -> Bool {
        let next = Dictionary(items.map { ($0.metadata.key, $0) }, uniquingKeysWith: { _, last in last })
        defer { objects = next }
        return next != objects
    }

    /// Applies one watch event; whether anything changed. Bookmarks and errors change nothing.
    mutating func apply(_ event: WatchEvent<Object>) -> Bool {
        switch event {
        case .added(let object), .modified(let object):
            guard objects[object.metadata.key] != object else { return false }
            objects[object.metadata.key] = object
            return true
        case .deleted(let object):
            return objects.removeValue(forKey: object.metadata.key) != nil
        case .bookmark, .error:
            return false
        }
    }
}

/// What the source knows of the cluster: Services, EndpointSlices and Nodes.
struct ClusterSnapshot: Sendable {
    var services = ObjectStore<ServiceObject>()
    var endpointSlices = ObjectStore<EndpointSliceObject>()
    var nodes = ObjectStore<NodeObject>()
}
