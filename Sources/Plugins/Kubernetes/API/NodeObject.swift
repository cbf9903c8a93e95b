/// The fields of a core/v1 `Node` that decide whether it may announce anything.
struct NodeObject: KubernetesObject {
    struct Condition: Codable, Sendable, Equatable {
        var type: String
        var status: String
    }

    struct Status: Codable, Sendable, Equatable {
        var conditions: [Condition]?
    }

    var metadata: ObjectMeta
    var status: Status?

    /// The well-known label that keeps a node out of external load balancers.
    static let excludeLabel = "node.kubernetes.io/exclude-from-external-load-balancers"

    /// Whether the node must announce nothing: it carries the exclusion label, or its network is down.
    var isExcluded: Bool {
        if metadata.labels?[Self.excludeLabel] != nil { return true }
        return status?.conditions?.contains { $0.type == "NetworkUnavailable" && $0.status == "True" } ?? false
    }
}
