/// The part of `metadata` that IronLB reads (Kubernetes API reference, ObjectMeta).
struct ObjectMeta: Codable, Sendable, Equatable {
    var name: String?
    var namespace: String?
    var uid: String?
    var resourceVersion: String?
    var labels: [String: String]?
    var annotations: [String: String]?

    /// `namespace/name`, the key of a namespaced object (`name` for cluster-scoped ones).
    var key: String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name ?? "")" }
        return name ?? ""
    }
}

/// `metadata` of a list: the resourceVersion to watch from, and the token of the next page.
struct ListMeta: Codable, Sendable, Equatable {
    var resourceVersion: String?
    var `continue`: String?
}

/// A page of a list response (`ServiceList`, `EndpointSliceList`, `NodeList`).
struct ObjectList<Object: Decodable & Sendable>: Decodable, Sendable {
    var metadata: ListMeta
    var items: [Object]
}

/// The API server's `Status` object, returned with errors and inside watch `ERROR` events.
struct APIStatus: Codable, Sendable, Equatable {
    var status: String?
    var message: String?
    var reason: String?
    var code: Int?
}

/// An object the source caches: it has metadata and a cache key.
protocol KubernetesObject: Decodable, Sendable, Equatable {
    /// What the store derives from all objects of this kind, kept up to date object by object.
    associatedtype Index: ObjectIndex<Self> = NoIndex<Self>
    var metadata: ObjectMeta { get set }
    /// The object without what cannot change any intent: its resourceVersion (so a node's
    /// heartbeat is no change) and, for Services, the status IronLB itself writes.
    var essence: Self { get }
}

extension KubernetesObject {
    var essence: Self {
        var copy = self
        copy.metadata.resourceVersion = nil
        return copy
    }
}

/// A view over all objects of one kind that the store updates on every change, so reading it never
/// walks the whole store (10,000 EndpointSlices, read on every batch of changes, cost O(N) each).
protocol ObjectIndex<Object>: Sendable {
    associatedtype Object
    init()
    /// `object` (keyed `key`) is now in the store, replacing `previous` if there was one.
    mutating func stored(_ object: Object, replacing previous: Object?, key: String)
    /// `object` (keyed `key`) left the store.
    mutating func removed(_ object: Object, key: String)
}

/// No index.
struct NoIndex<Object>: ObjectIndex {
    init() {}
    func stored(_ object: Object, replacing previous: Object?, key: String) {}
    func removed(_ object: Object, key: String) {}
}
