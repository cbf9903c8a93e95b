import Foundation
import IronLBPluginAPI

/// Which Services are IronLB's, and what each one asks for: the pure translation of a Service
/// object into an ``AddressRequest``.
struct ServiceClaim: Sendable {
    /// The class that marks Services as IronLB's.
    var loadBalancerClass: String
    /// Whether Services without a class are IronLB's too.
    var claimServicesWithoutClass: Bool

    /// Whether the Service is IronLB's: type LoadBalancer, and our class (or none, when allowed).
    func claims(_ service: ServiceObject) -> Bool {
        guard service.spec?.type == "LoadBalancer" else { return false }
        guard let serviceClass = service.spec?.loadBalancerClass else { return claimServicesWithoutClass }
        return serviceClass == loadBalancerClass
    }

    /// The Service's request, or the sentence saying what is wrong with it.
    func request(for service: ServiceObject) -> Result<AddressRequest, ServiceProblem> {
        let annotations = service.metadata.annotations ?? [:]
        var request = AddressRequest()
        if let (_, pool) = ServiceAnnotations.value(ServiceAnnotations.addressPool, in: annotations), !pool.isEmpty {
            request.pool = pool
        }
        if let (_, key) = ServiceAnnotations.value(ServiceAnnotations.allowSharedIP, in: annotations), !key.isEmpty {
            request.sharingKey = key
        }
        var texts: [String] = []
        var origin = "spec.loadBalancerIP"
        if let (key, list) = ServiceAnnotations.value(ServiceAnnotations.loadBalancerIPs, in: annotations) {
            texts = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            origin = "annotation \(key)"
        } else if let single = service.spec?.loadBalancerIP, !single.isEmpty {
            texts = [single]
        }
        for text in texts {
            guard let address = IPAddress(text) else { return .failure(ServiceProblem("\(origin): '\(text)' is not an IP address")) }
            if request.addresses.contains(where: { $0.family == address.family }) {
                return .failure(ServiceProblem("\(origin): more than one \(address.family) address; a service gets at most one per family"))
            }
            request.addresses.append(address)
        }
        switch families(of: service, requested: request.addresses) {
        case .success(let families): request.families = families
        case .failure(let problem): return .failure(problem)
        }
        request.ports = (service.spec?.ports ?? []).compactMap { port in
            let transport = ServicePort.TransportProtocol(rawValue: (port.protocol ?? "TCP").lowercased()) ?? .tcp
            return (1...65535).contains(port.port) ? ServicePort(port: port.port, transport: transport) : nil
        }
        request.trafficPolicy = service.spec?.externalTrafficPolicy == "Local" ? .local : .cluster
        // An empty selector selects nothing: the Service's endpoints are managed by hand, as with none.
        if let selector = service.spec?.selector, !selector.isEmpty { request.endpointSelector = selector }
        return .success(request)
    }

    /// The families from spec.ipFamilyPolicy and spec.ipFamilies (primary family first); requested
    /// addresses must fit them.
    private func families(of service: ServiceObject, requested: [IPAddress]) -> Result<FamilyPolicy, ServiceProblem> {
        let declared = (service.spec?.ipFamilies ?? []).compactMap { family -> IPFamily? in
            family == "IPv6" ? .ipv6 : (family == "IPv4" ? .ipv4 : nil)
        }
        let policy: FamilyPolicy
        switch service.spec?.ipFamilyPolicy {
        case "RequireDualStack": policy = .dualStack
        case "PreferDualStack": policy = .preferDualStack
        default:
            if let only = Set(requested.map(\.family)).first, requested.count == 1, declared.isEmpty {
                policy = only == .ipv6 ? .ipv6 : .ipv4
            } else {
                policy = declared.first == .ipv6 ? .ipv6 : .ipv4
            }
        }
        for address in requested where !policy.families.contains(address.family) {
            return .failure(ServiceProblem("requested \(address) is \(address.family) but the service is single-stack \(policy.rawValue)"))
        }
        if policy == .dualStack, !requested.isEmpty, requested.count < 2 {
            return .failure(ServiceProblem("RequireDualStack with requested addresses needs one IPv4 and one IPv6 address"))
        }
        return .success(policy)
    }
}

/// Why a Service that is IronLB's cannot be served as it stands.
struct ServiceProblem: Error, Equatable, Sendable, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
