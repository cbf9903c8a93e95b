import Foundation
import IronLBPluginAPI
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// Which Services are ours, what they ask for, and whether this node announces them: pure, from a snapshot.
@Suite("Kubernetes intent builder")
struct IntentBuilderTests {
    let builder = IntentBuilder(claim: ServiceClaim(loadBalancerClass: "ironlb.io/lb", claimServicesWithoutClass: false), nodeName: "node-a")

    func decode<Object: Decodable>(_ value: JSONValue, as: Object.Type = Object.self) throws -> Object {
        try JSONDecoder().decode(Object.self, from: Data(value.text.utf8))
    }

    func snapshot(services: [JSONValue], slices: [JSONValue] = [], nodes: [JSONValue] = [Fixtures.node("node-a")]) throws -> ClusterSnapshot {
        var snapshot = ClusterSnapshot()
        _ = snapshot.services.replace(with: try services.map { try decode($0) })
        _ = snapshot.endpointSlices.replace(with: try slices.map { try decode($0) })
        _ = snapshot.nodes.replace(with: try nodes.map { try decode($0) })
        return snapshot
    }

    func intent(_ service: JSONValue, slices: [JSONValue] = [], nodes: [JSONValue] = [Fixtures.node("node-a")]) throws -> ServiceIntent? {
        try builder.intents(from: snapshot(services: [service], slices: slices, nodes: nodes)).intents.first
    }

    @Test("Only type LoadBalancer with our class is claimed; class-less ones only when the switch says so")
    func classFiltering() throws {
        let services = [
            Fixtures.service("ours"), Fixtures.service("theirs", className: "example.com/lb"),
            Fixtures.service("classless", className: nil), Fixtures.service("cluster-ip", type: "ClusterIP", className: nil),
        ]
        #expect(try builder.intents(from: snapshot(services: services)).intents.map(\.key.name) == ["default/ours"])
        var permissive = builder
        permissive.claim.claimServicesWithoutClass = true
        #expect(try permissive.intents(from: snapshot(services: services)).intents.map(\.key.name) == ["default/classless", "default/ours"])
    }

    @Test("The intent carries key, namespace, labels, ports and traffic policy")
    func intentShape() throws {
        let intent = try #require(try intent(Fixtures.service("web", namespace: "shop", ports: [(443, "TCP"), (443, "UDP")], trafficPolicy: "Local")))
        #expect(intent.key == ServiceKey(source: "kubernetes", name: "shop/web"))
        #expect(intent.namespace == "shop")
        #expect(intent.labels == ["app": "web"])
        #expect(intent.request.ports == [ServicePort(port: 443, transport: .tcp), ServicePort(port: 443, transport: .udp)])
        #expect(intent.request.trafficPolicy == .local)
        #expect(intent.request.endpointSelector == ["app": "web"])
        #expect(intent.request.families == .ipv4)
        var selectorless = Fixtures.service("manual")
        selectorless["spec"]["selector"] = .object([:])
        #expect(try #require(try self.intent(selectorless)).request.endpointSelector == nil, "an empty selector is no selector")
    }

    @Test("IronLB's annotations win over MetalLB's; both MetalLB prefixes are read")
    func annotationPrecedence() throws {
        let both = try #require(try intent(Fixtures.service("a", annotations: [
            "ironlb.io/address-pool": "mine", "metallb.io/address-pool": "theirs", "metallb.universe.tf/allow-shared-ip": "key",
        ])))
        #expect(both.request.pool == "mine")
        #expect(both.request.sharingKey == "key")
        let legacy = try #require(try intent(Fixtures.service("b", annotations: ["metallb.universe.tf/loadBalancerIPs": "192.0.2.7"])))
        #expect(legacy.request.addresses == [IPAddress("192.0.2.7")!])
    }

    @Test("loadBalancerIPs gives one address per family; spec.loadBalancerIP is the fallback")
    func requestedAddresses() throws {
        let dual = try #require(try intent(Fixtures.service("a", annotations: ["ironlb.io/loadBalancerIPs": "192.0.2.7, 2001:db8::7"],
                                                             families: ["IPv4", "IPv6"], familyPolicy: "RequireDualStack")))
        #expect(dual.request.addresses.map(\.description) == ["192.0.2.7", "2001:db8::7"])
        #expect(dual.request.families == .dualStack)
        let spec = try #require(try intent(Fixtures.service("b", loadBalancerIP: "192.0.2.9")))
        #expect(spec.request.addresses.map(\.description) == ["192.0.2.9"])
    }

    @Test("A Service with a broken request is reported, not claimed")
    func problems() throws {
        let services = [
            Fixtures.service("garbage", annotations: ["ironlb.io/loadBalancerIPs": "192.0.2.300"]),
            Fixtures.service("two-v4", annotations: ["ironlb.io/loadBalancerIPs": "192.0.2.1,192.0.2.2"]),
            Fixtures.service("wrong-family", annotations: ["ironlb.io/loadBalancerIPs": "2001:db8::1"]),
        ]
        let (intents, problems) = try builder.intents(from: snapshot(services: services))
        #expect(intents.isEmpty)
        #expect(problems.keys.map(\.name).sorted() == ["default/garbage", "default/two-v4", "default/wrong-family"])
        #expect(problems[ServiceKey(source: "kubernetes", name: "default/garbage")]?.description.contains("'192.0.2.300' is not an IP address") == true)
    }

    @Test("Dual-stack follows ipFamilyPolicy")
    func families() throws {
        #expect(try intent(Fixtures.service("a", families: ["IPv6", "IPv4"], familyPolicy: "PreferDualStack"))?.request.families == .preferDualStack)
        #expect(try intent(Fixtures.service("b", families: ["IPv6"]))?.request.families == .ipv6)
        #expect(try intent(Fixtures.service("c", families: ["IPv4", "IPv6"], familyPolicy: "RequireDualStack"))?.request.families == .dualStack)
    }

    @Test("Cluster policy: announce while any ready endpoint exists, on any node")
    func clusterPolicy() throws {
        let service = Fixtures.service("web")
        #expect(try intent(service)?.announceFromThisNode == false)
        #expect(try intent(service, slices: [Fixtures.endpointSlice(service: "web", endpoints: [("node-b", false)])])?.announceFromThisNode == false)
        #expect(try intent(service, slices: [Fixtures.endpointSlice(service: "web", endpoints: [("node-b", true)])])?.announceFromThisNode == true)
    }

    @Test("Local policy: announce only with a ready endpoint on this node, following endpoints as they move")
    func localPolicy() throws {
        let service = Fixtures.service("web", trafficPolicy: "Local")
        #expect(try intent(service, slices: [Fixtures.endpointSlice(service: "web", endpoints: [("node-b", true)])])?.announceFromThisNode == false)
        #expect(try intent(service, slices: [Fixtures.endpointSlice(service: "web", endpoints: [("node-a", false), ("node-b", true)])])?.announceFromThisNode == false)
        #expect(try intent(service, slices: [Fixtures.endpointSlice(service: "web", endpoints: [("node-a", true)])])?.announceFromThisNode == true)
    }

    @Test("An excluded node or one whose network is unavailable announces nothing")
    func excludedNode() throws {
        let service = Fixtures.service("web")
        let slices = [Fixtures.endpointSlice(service: "web", endpoints: [("node-a", true)])]
        let excluded = Fixtures.node("node-a", labels: ["node.kubernetes.io/exclude-from-external-load-balancers": ""])
        #expect(try intent(service, slices: slices, nodes: [excluded])?.announceFromThisNode == false)
        #expect(try intent(service, slices: slices, nodes: [Fixtures.node("node-a", networkUnavailable: true)])?.announceFromThisNode == false)
        #expect(try intent(service, slices: slices, nodes: [Fixtures.node("node-a")])?.announceFromThisNode == true)
    }

    @Test("A follower asks for exactly the addresses in the status, and leaves out Services that have none")
    func following() throws {
        var written = Fixtures.service("web", families: ["IPv4", "IPv6"], familyPolicy: "PreferDualStack")
        written["status"] = .parse(#"{"loadBalancer": {"ingress": [{"ip": "192.0.2.4", "ipMode": "VIP"}]}}"#)
        let services = [written, Fixtures.service("new")]
        let (intents, _) = builder.intents(from: try snapshot(services: services), following: true)
        #expect(intents.map(\.key.name) == ["default/web"])
        #expect(intents.first?.request.addresses == [IPAddress("192.0.2.4")!])
        #expect(intents.first?.request.families == .ipv4, "no second family the leader did not allocate")
        #expect(builder.intents(from: try snapshot(services: services)).intents.count == 2, "a leader allocates for both")
    }
}
