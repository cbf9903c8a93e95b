/// Objects in the exact shapes the API server returns (Kubernetes API reference, core/v1 Service
/// and Node, discovery.k8s.io/v1 EndpointSlice), with the fields tests vary as parameters.
package enum Fixtures {
    package static func service(
        _ name: String, namespace: String = "default", type: String = "LoadBalancer", className: String? = "ironlb.io/lb",
        annotations: [String: String] = [:], ports: [(Int, String)] = [(80, "TCP")], families: [String] = ["IPv4"],
        familyPolicy: String = "SingleStack", trafficPolicy: String = "Cluster", loadBalancerIP: String? = nil
    ) -> JSONValue {
        var service = JSONValue.parse("""
        {
          "apiVersion": "v1", "kind": "Service",
          "metadata": {
            "name": "\(name)", "namespace": "\(namespace)", "labels": {"app": "\(name)"},
            "creationTimestamp": "2026-11-01T09:00:00Z"
          },
          "spec": {
            "type": "\(type)", "clusterIP": "10.96.12.34", "clusterIPs": ["10.96.12.34"],
            "externalTrafficPolicy": "\(trafficPolicy)", "internalTrafficPolicy": "Cluster",
            "allocateLoadBalancerNodePorts": true, "sessionAffinity": "None",
            "ipFamilyPolicy": "\(familyPolicy)", "selector": {"app": "\(name)"}
          },
          "status": {"loadBalancer": {}}
        }
        """)
        if let className { service["spec"]["loadBalancerClass"] = .string(className) }
        if let loadBalancerIP { service["spec"]["loadBalancerIP"] = .string(loadBalancerIP) }
        if !annotations.isEmpty { service["metadata"]["annotations"] = .object(annotations.mapValues { .string($0) }) }
        service["spec"]["ipFamilies"] = .array(families.map { .string($0) })
        service["spec"]["ports"] = .array(ports.enumerated().map { index, port in
            .object([
                "name": .string("p\(index)"), "protocol": .string(port.1), "port": .number(Double(port.0)),
                "targetPort": .number(Double(port.0)), "nodePort": .number(Double(30000 + index)),
            ])
        })
        return service
    }

    /// One EndpointSlice of `service` with one endpoint per `(node, ready)`.
    package static func endpointSlice(service: String, namespace: String = "default", endpoints: [(node: String, ready: Bool)]) -> JSONValue {
        var slice = JSONValue.parse("""
        {
          "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
          "metadata": {
            "name": "\(service)-x7k2p", "namespace": "\(namespace)", "generateName": "\(service)-",
            "labels": {"kubernetes.io/service-name": "\(service)", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"},
            "ownerReferences": [{"apiVersion": "v1", "kind": "Service", "name": "\(service)", "uid": "0b1f4a3c-9e2d-4c1b-8a7e-5d6f7a8b9c0d", "controller": true, "blockOwnerDeletion": true}]
          },
          "ports": [{"name": "p0", "protocol": "TCP", "port": 8080}]
        }
        """)
        slice["endpoints"] = .array(endpoints.enumerated().map { index, endpoint in
            .object([
                "addresses": .array([.string("10.244.\(index).5")]),
                "conditions": .object(["ready": .bool(endpoint.ready), "serving": .bool(endpoint.ready), "terminating": .bool(false)]),
                "nodeName": .string(endpoint.node),
                "targetRef": .object(["kind": .string("Pod"), "namespace": .string(namespace), "name": .string("\(service)-\(index)")]),
            ])
        })
        return slice
    }

    package static func node(_ name: String, labels: [String: String] = [:], networkUnavailable: Bool = false) -> JSONValue {
        var node = JSONValue.parse("""
        {
          "apiVersion": "v1", "kind": "Node",
          "metadata": {"name": "\(name)"},
          "spec": {"podCIDR": "10.244.0.0/24"},
          "status": {
            "conditions": [
              {"type": "NetworkUnavailable", "status": "\(networkUnavailable ? "True" : "False")", "reason": "RouteCreated"},
              {"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"}
            ],
            "addresses": [{"type": "InternalIP", "address": "192.168.10.11"}, {"type": "Hostname", "address": "\(name)"}]
          }
        }
        """)
        node["metadata"]["labels"] = .object((["kubernetes.io/hostname": name].merging(labels) { $1 }).mapValues { .string($0) })
        return node
    }
}
