/// A service declared by name with request options: a static service in the config file, or a
/// workload registered through the local API. Both read the same keys, with the same checks.
public struct ServiceDeclaration: Hashable, Sendable, Codable {
    /// The service's name within its source.
    public var name: String
    /// What it asks for.
    public var request: AddressRequest
    /// Labels, for pools' service selectors.
    public var labels: [String: String]

    /// Creates a declaration.
    public init(name: String, request: AddressRequest, labels: [String: String] = [:]) {
        self.name = name
        self.request = request
        self.labels = labels
    }

    /// The keys a declaration may have.
    public static let keys = ["name", "pool", "addresses", "families", "sharing-key", "ports", "traffic-policy", "labels"]

    /// Decodes one declaration strictly; pool references and requested addresses are checked against `context`.
    public static func decode(_ node: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> ServiceDeclaration? {
        guard var mapping = ConfigMapping(node, &diagnostics) else { return nil }
        defer { mapping.finish(&diagnostics) }
        let name = mapping.require("name", &diagnostics)?.name(&diagnostics)
        var request = AddressRequest()
        var valid = name != nil
        if let poolNode = mapping.value("pool"), let pool = poolNode.name(&diagnostics) {
            if context.pools[pool] == nil {
                report(unknownPool: pool, at: poolNode, context: context, &diagnostics)
                valid = false
            }
            request.pool = pool
        }
        let familiesNode = mapping.value("families")
        if let familiesNode {
            let choices = FamilyPolicy.allCases.map(\.rawValue)
            if let text = familiesNode.choice(choices, &diagnostics), let policy = FamilyPolicy(rawValue: text) {
                request.families = policy
            } else {
                valid = false
            }
        }
        if let addressesNode = mapping.value("addresses") {
            let addresses = addressesNode.list(&diagnostics) { item, diagnostics -> (ConfigNode, IPAddress)? in
                item.address(&diagnostics).map { (item, $0) }
            } ?? []
            valid = valid && checkRequested(addresses, request: &request, familiesGiven: familiesNode != nil, context: context, &diagnostics)
        }
        if let node = mapping.value("sharing-key") { request.sharingKey = node.name(&diagnostics) }
        if let node = mapping.value("ports") {
            var seen: Set<ServicePort> = []
            request.ports = node.list(&diagnostics) { item, diagnostics -> ServicePort? in
                guard let text = item.scalar?.text, let port = ServicePort(parsing: text) else {
                    diagnostics.error(item, "expected a port such as 443/tcp (protocols: tcp, udp, sctp), found \(item.kindDescription)")
                    return nil
                }
                if !seen.insert(port).inserted { diagnostics.error(item, "port \(port) is listed twice") }
                return port
            } ?? []
        }
        if let node = mapping.value("traffic-policy") {
            if let text = node.choice(TrafficPolicy.allCases.map(\.rawValue), &diagnostics) {
                request.trafficPolicy = TrafficPolicy(rawValue: text) ?? .cluster
            }
        }
        let labels = mapping.value("labels")?.labels(&diagnostics) ?? [:]
        guard valid, let name else { return nil }
        return ServiceDeclaration(name: name, request: request, labels: labels)
    }

    /// Checks requested addresses: at most one per family, inside the named pool (or some pool), and
    /// consistent with `families`; infers `families` from them when it was not given.
    private static func checkRequested(
        _ addresses: [(ConfigNode, IPAddress)],
        request: inout AddressRequest,
        familiesGiven: Bool,
        context: ConfigContext,
        _ diagnostics: inout Diagnostics
    ) -> Bool {
        var valid = true
        var seenFamilies: Set<IPFamily> = []
        for (node, address) in addresses {
            if !seenFamilies.insert(address.family).inserted {
                diagnostics.error(node, "more than one \(address.family) address requested; a service gets at most one per family")
                valid = false
            }
            let pools = request.pool.map { [$0] } ?? context.pools.keys.sorted()
            let inside = pools.contains { name in context.pools[name]?.contains { $0.contains(address) } ?? false }
            if !inside {
                let scope = request.pool.map { "pool '\($0)'" } ?? "any pool"
                diagnostics.error(node, "\(address) is not inside \(scope)")
                valid = false
            }
        }
        request.addresses = addresses.map(\.1)
        if familiesGiven {
            for (node, address) in addresses where !request.families.families.contains(address.family) {
                diagnostics.error(node, "\(address) is \(address.family) but families is '\(request.families.rawValue)'")
                valid = false
            }
        } else if !addresses.isEmpty {
            let families = Set(addresses.map(\.1.family))
            request.families = families.count == 2 ? .dualStack : (families.first == .ipv6 ? .ipv6 : .ipv4)
        }
        return valid
    }

    /// Reports a reference to a pool that does not exist, listing the known ones.
    public static func report(unknownPool pool: String, at node: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) {
        let known = context.pools.keys.sorted()
        if let nearest = KeySuggestion.nearest(to: pool, among: known) {
            diagnostics.error(node, "unknown pool '\(pool)'; did you mean '\(nearest)'?")
        } else {
            diagnostics.error(node, "unknown pool '\(pool)'; known pools: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
    }

    /// The normalized form.
    public var rendered: RenderedValue {
        var entries = [RenderedEntry("name", .string(name))]
        if let pool = request.pool { entries.append(RenderedEntry("pool", .string(pool))) }
        if !request.addresses.isEmpty { entries.append(RenderedEntry("addresses", .strings(request.addresses.map(\.description)))) }
        entries.append(RenderedEntry("families", .string(request.families.rawValue)))
        if let key = request.sharingKey { entries.append(RenderedEntry("sharing-key", .string(key))) }
        if !request.ports.isEmpty { entries.append(RenderedEntry("ports", .strings(request.ports.map(\.description)))) }
        entries.append(RenderedEntry("traffic-policy", .string(request.trafficPolicy.rawValue)))
        if !labels.isEmpty {
            entries.append(RenderedEntry("labels", .mapping(labels.sorted { $0.key < $1.key }.map { RenderedEntry($0.key, .string($0.value)) })))
        }
        return .mapping(entries)
    }
}
