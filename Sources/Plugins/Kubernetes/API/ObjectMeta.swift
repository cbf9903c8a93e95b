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
