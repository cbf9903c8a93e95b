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

extension NodeObject {
    private enum CodingKeys: String, CodingKey { case metadata, status }

    /// Keeps of the metadata only the exclusion label (see ``ObjectMeta/retaining(labels:annotations:uid:)``):
    /// a node carries dozens of labels and annotations, none of them IronLB's concern.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
            .retaining(labels: { $0 == Self.excludeLabel }, annotations: { _ in false }, uid: false)
        status = try container.decodeIfPresent(Status.self, forKey: .status)
    }
}
