/// What an update changed.
enum ObjectChange: Comparable, Sendable {
    /// Nothing.
    case none
    /// Only what cannot change an intent (a resourceVersion, a Service's status).
    case incidental
    /// Something an intent may depend on.
    case essential
}

/// The last known objects of one kind, keyed by `namespace/name`, as list and watch report them.
struct ObjectStore<Object: KubernetesObject>: Sendable {
    private(set) var objects: [String: Object] = [:]
    /// What is derived from the objects, kept in step with them.
    private(set) var index = Object.Index()

    /// Replaces everything with a fresh list.
    mutating func replace(with items: [Object]) -> ObjectChange {
        // Built on the current objects, so that an object the list repeats unchanged stays the
        // instance (and the key) that intents and status writes already share.
        var next = objects
        var listed = Set<String>(minimumCapacity: items.count)
        for var item in items {
            let key = item.metadata.key
            listed.insert(key)
            if let previous = objects[key] {
                if item == previous { item = previous } else { item.metadata.share(from: previous.metadata) }
            }
            next[key] = item
        }
        for key in objects.keys where !listed.contains(key) { next[key] = nil }
        defer {
            objects = next
            index = Object.Index()
            for (key, object) in next { index.stored(object, replacing: nil, key: key) }
        }
        guard next != objects else { return .none }
        guard next.count == objects.count else { return .essential }
        return next.allSatisfy { key, object in objects[key]?.essence == object.essence } ? .incidental : .essential
    }

    /// Applies one watch event. Bookmarks and errors change nothing.
    mutating func apply(_ event: WatchEvent<Object>) -> ObjectChange {
        switch event {
        case .added(var object), .modified(var object):
            let key = object.metadata.key
            let previous = objects[key]
            guard previous != object else { return .none }
            if let previous { object.metadata.share(from: previous.metadata) }
            objects[key] = object
            index.stored(object, replacing: previous, key: key)
            return previous?.essence == object.essence ? .incidental : .essential
        case .deleted(let object):
            guard let previous = objects.removeValue(forKey: object.metadata.key) else { return .none }
            index.removed(previous, key: object.metadata.key)
            return .essential
        case .bookmark, .error:
            return .none
        }
    }
}

/// What the source knows of the cluster: Services, EndpointSlices and Nodes.
struct ClusterSnapshot: Sendable {
    var services = ObjectStore<ServiceObject>()
    var endpointSlices = ObjectStore<EndpointSliceObject>()
    var nodes = ObjectStore<NodeObject>()
}
