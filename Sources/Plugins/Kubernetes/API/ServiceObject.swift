/// The fields of a core/v1 `Service` that decide whether it is IronLB's and what it asks for.
struct ServiceObject: KubernetesObject {
    struct Port: Codable, Sendable, Equatable {
        var port: Int
        var `protocol`: String?
    }

    struct Spec: Codable, Sendable, Equatable {
        var type: String?
        var loadBalancerClass: String?
        var loadBalancerIP: String?
        var ipFamilies: [String]?
        var ipFamilyPolicy: String?
        var externalTrafficPolicy: String?
        var ports: [Port]?
        var selector: [String: String]?
    }

    /// One `status.loadBalancer.ingress[]` entry.
    struct Ingress: Codable, Sendable, Equatable {
        var ip: String?
        var hostname: String?
        var ipMode: String?
    }

    struct LoadBalancerStatus: Codable, Sendable, Equatable {
        var ingress: [Ingress]?
    }

    struct Status: Codable, Sendable, Equatable {
        var loadBalancer: LoadBalancerStatus?
    }

    var metadata: ObjectMeta
    var spec: Spec?
    var status: Status?

    var essence: ServiceObject {
        var copy = self
        copy.metadata.resourceVersion = nil
        copy.status = nil
        return copy
    }

    /// The ingress entries currently in the status (empty when none).
    var ingress: [Ingress] { status?.loadBalancer?.ingress ?? [] }
}

extension ServiceObject {
    private enum CodingKeys: String, CodingKey { case metadata, spec, status }

    /// Keeps of the annotations only IronLB's and MetalLB's (see ``ServiceAnnotations`` and
    /// ``ObjectMeta/retaining(labels:annotations:uid:)``); the labels stay, as intents carry them.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
            .retaining(labels: { _ in true }, annotations: ServiceAnnotations.isRead)
        spec = try container.decodeIfPresent(Spec.self, forKey: .spec)
        status = try container.decodeIfPresent(Status.self, forKey: .status)
    }
}
