/// The discovery documents kubectl reads before anything else (`/api`, `/apis`, and the resource
/// list of each group version), in the shapes of the Kubernetes API reference.
enum FakeAPIDiscovery {
    /// The document served at `path`, if it is a discovery path.
    static func document(_ path: String, serverAddress: String) -> JSONValue? {
        switch path {
        case "/api":
            return .parse("""
            {"kind": "APIVersions", "versions": ["v1"],
             "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "\(serverAddress)"}]}
            """)
        case "/apis":
            return .parse("""
            {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
              {"name": "discovery.k8s.io", "versions": [{"groupVersion": "discovery.k8s.io/v1", "version": "v1"}],
               "preferredVersion": {"groupVersion": "discovery.k8s.io/v1", "version": "v1"}},
              {"name": "coordination.k8s.io", "versions": [{"groupVersion": "coordination.k8s.io/v1", "version": "v1"}],
               "preferredVersion": {"groupVersion": "coordination.k8s.io/v1", "version": "v1"}}]}
            """)
        case "/api/v1":
            return resources("v1", [
                resource("services", "service", "Service", namespaced: true, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], short: ["svc"]),
                resource("services/status", "", "Service", namespaced: true, verbs: ["get", "patch", "update"]),
                resource("nodes", "node", "Node", namespaced: false, verbs: ["get", "list", "watch"], short: ["no"]),
                resource("events", "event", "Event", namespaced: true, verbs: ["create", "list"], short: ["ev"]),
            ])
        case "/apis/discovery.k8s.io/v1":
            return resources("discovery.k8s.io/v1", [
                resource("endpointslices", "endpointslice", "EndpointSlice", namespaced: true, verbs: ["get", "list", "watch"]),
            ])
        case "/apis/coordination.k8s.io/v1":
            return resources("coordination.k8s.io/v1", [
                resource("leases", "lease", "Lease", namespaced: true, verbs: ["create", "get", "update"]),
            ])
        default:
            return nil
        }
    }

    private static func resources(_ groupVersion: String, _ resources: [JSONValue]) -> JSONValue {
        .object(["kind": .string("APIResourceList"), "apiVersion": .string("v1"), "groupVersion": .string(groupVersion), "resources": .array(resources)])
    }

    private static func resource(_ name: String, _ singular: String, _ kind: String, namespaced: Bool, verbs: [String], short: [String] = []) -> JSONValue {
        var resource: JSONValue = .object([
            "name": .string(name), "singularName": .string(singular), "namespaced": .bool(namespaced),
            "kind": .string(kind), "verbs": .array(verbs.map { .string($0) }),
        ])
        if !short.isEmpty { resource["shortNames"] = .array(short.map { .string($0) }) }
        return resource
    }
}
