import Foundation
import IronLBPluginAPI
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// The cache keeps of each object only what intents and status writes read, and an update or a
/// relist that repeats what it holds keeps the copy it has (which intents already share).
@Suite("Kubernetes cache retention")
struct ObjectRetentionTests {
    func decode<Object: Decodable>(_ value: JSONValue, as: Object.Type = Object.self) throws -> Object {
        try JSONDecoder().decode(Object.self, from: Data(value.text.utf8))
    }

    /// The address of an array's elements: equal for two arrays that share one buffer.
    func storage<Element>(_ array: [Element]) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("A Service keeps its labels and only IronLB's and MetalLB's annotations")
    func serviceMetadata() throws {
        var value = Fixtures.service("web", annotations: [
            "kubectl.kubernetes.io/last-applied-configuration": #"{"apiVersion":"v1","kind":"Service"}"#,
            "ironlb.io/address-pool": "public", "metallb.universe.tf/allow-shared-ip": "web",
            "ironlb.io/allocated-from-pool": "public",
        ])
        value["metadata"]["uid"] = .string("0b1f4a3c-9e2d-4c1b-8a7e-5d6f7a8b9c0d")
        let service = try decode(value, as: ServiceObject.self)
        #expect(service.metadata.labels == ["app": "web"])
        #expect(service.metadata.annotations == [
            "ironlb.io/address-pool": "public", "metallb.universe.tf/allow-shared-ip": "web", "ironlb.io/allocated-from-pool": "public",
        ])
        #expect(service.metadata.uid == "0b1f4a3c-9e2d-4c1b-8a7e-5d6f7a8b9c0d", "Events name the Service by its uid")
        let unannotated = try decode(Fixtures.service("plain", annotations: ["example.com/owner": "team-a"]), as: ServiceObject.self)
        #expect(unannotated.metadata.annotations == nil)
    }

    @Test("An EndpointSlice keeps only its service-name label, and of each endpoint its readiness and node")
    func sliceMetadata() throws {
        var value = Fixtures.endpointSlice(service: "web", endpoints: [("node-a", true)])
        value["metadata"]["annotations"] = .object(["endpoints.kubernetes.io/last-change-trigger-time": .string("2026-11-01T09:00:00Z")])
        value["metadata"]["uid"] = .string("5d6f7a8b-9e2d-4c1b-8a7e-0b1f4a3c9c0d")
        let slice = try decode(value, as: EndpointSliceObject.self)
        #expect(slice.metadata.labels == [EndpointSliceObject.serviceNameLabel: "web"])
        #expect(slice.metadata.annotations == nil)
        #expect(slice.metadata.uid == nil)
        #expect(slice.serviceKey == "default/web")
        #expect(slice.endpoints == [.init(conditions: .init(ready: true), nodeName: "node-a")])
    }

    @Test("A Node keeps only the exclusion label")
    func nodeMetadata() throws {
        let plain = try decode(Fixtures.node("node-a", labels: ["kubernetes.io/hostname": "node-a"]), as: NodeObject.self)
        #expect(plain.metadata.labels == nil)
        #expect(!plain.isExcluded)
        let excluded = try decode(Fixtures.node("node-b", labels: [NodeObject.excludeLabel: "", "kubernetes.io/os": "linux"]), as: NodeObject.self)
        #expect(excluded.metadata.labels == [NodeObject.excludeLabel: ""])
        #expect(excluded.isExcluded)
    }

    @Test("An update or a relist that repeats an object's labels keeps the labels the store holds")
    func sharesUnchangedMetadata() throws {
        func service(_ version: String, ip: String? = nil) throws -> ServiceObject {
            var value = Fixtures.service("web")
            value["metadata"]["labels"] = .object(["app": .string("web"), "app.kubernetes.io/part-of": .string("shop-frontend")])
            value["metadata"]["resourceVersion"] = .string(version)
            if let ip { value["status"]["loadBalancer"]["ingress"] = .array([.object(["ip": .string(ip)])]) }
            return try decode(value)
        }
        var store = ObjectStore<ServiceObject>()
        #expect(store.apply(.added(try service("1"))) == .essential)
        let labels = try #require(store.objects["default/web"]?.metadata.labels)
        #expect(store.apply(.modified(try service("2", ip: "192.0.2.1"))) == .incidental)
        #expect(store.objects["default/web"]?.ingress.first?.ip == "192.0.2.1")
        #expect(store.objects["default/web"]?.metadata.labels.map(Self.identity) == Self.identity(labels))
        #expect(store.replace(with: [try service("3", ip: "192.0.2.1")]) == .incidental)
        #expect(store.objects["default/web"]?.metadata.resourceVersion == "3")
        #expect(store.objects["default/web"]?.metadata.labels.map(Self.identity) == Self.identity(labels))
        #expect(store.replace(with: []) == .essential)
        #expect(store.objects.isEmpty)
    }

    /// A dictionary's storage reference, as bytes: equal for two dictionaries that share one storage.
    static func identity(_ labels: [String: String]) -> String {
        withUnsafeBytes(of: labels) { Data($0).base64EncodedString() }
    }

    @Test("Intents equal to the delivered ones are the delivered ones; changed and new ones are not")
    func sharingWithDelivered() throws {
        func intent(_ name: String, port: Int) -> ServiceIntent {
            ServiceIntent(
                key: ServiceKey(source: "kubernetes", name: name),
                request: AddressRequest(ports: [ServicePort(port: port, transport: .tcp)]), labels: ["app": name]
            )
        }
        let delivered = [intent("default/a", port: 80), intent("default/b", port: 80), intent("default/d", port: 80)]
        let built = [intent("default/a", port: 80), intent("default/b", port: 443), intent("default/c", port: 80), intent("default/d", port: 80)]
        let shared = IntentBuilder.sharing(built, with: delivered)
        #expect(shared == built)
        #expect(storage(shared[0].request.ports) == storage(delivered[0].request.ports))
        #expect(storage(shared[1].request.ports) == storage(built[1].request.ports))
        #expect(storage(shared[2].request.ports) == storage(built[2].request.ports))
        #expect(storage(shared[3].request.ports) == storage(delivered[2].request.ports))
        #expect(storage(shared[3].request.ports) != storage(built[3].request.ports))
    }
}
