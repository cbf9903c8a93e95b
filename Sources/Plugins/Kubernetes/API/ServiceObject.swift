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
