/// The fields of a discovery.k8s.io/v1 `EndpointSlice` that decide where a service has ready endpoints.
struct EndpointSliceObject: KubernetesObject {
    typealias Index = EndpointReadiness

    struct Conditions: Codable, Sendable, Equatable {
        var ready: Bool?
    }

    /// One endpoint: whether it is ready and on which node (its addresses are not IronLB's concern).
    struct Endpoint: Codable, Sendable, Equatable {
        var conditions: Conditions?
        var nodeName: String?

        /// The API reference: "a nil value should be interpreted as ready" (unknown state).
        var isReady: Bool { conditions?.ready ?? true }
    }

    var metadata: ObjectMeta
    var endpoints: [Endpoint]?

    /// The label that names the slice's service.
    static let serviceNameLabel = "kubernetes.io/service-name"

    /// `namespace/service` of the service this slice belongs to, if labelled.
    var serviceKey: String? {
        guard let name = metadata.labels?[Self.serviceNameLabel] else { return nil }
        return "\(metadata.namespace ?? "")/\(name)"
    }
}

extension EndpointSliceObject {
    private enum CodingKeys: String, CodingKey { case metadata, endpoints }

    /// Keeps of the metadata only the service-name label (see ``ObjectMeta/retaining(labels:annotations:uid:)``).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
            .retaining(labels: { $0 == Self.serviceNameLabel }, annotations: { _ in false }, uid: false)
        endpoints = try container.decodeIfPresent([Endpoint].self, forKey: .endpoints)
    }
}
