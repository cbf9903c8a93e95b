import Foundation
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// The slice store's readiness index follows every watch event, so building intents never walks
/// all EndpointSlices; it must agree with the slices at every step.
@Suite("Kubernetes endpoint readiness index")
struct EndpointReadinessTests {
    func slice(_ service: String, _ endpoints: [(node: String, ready: Bool)], name: String? = nil) throws -> EndpointSliceObject {
        var value = Fixtures.endpointSlice(service: service, endpoints: endpoints)
        if let name { value["metadata"]["name"] = .string(name) }
        return try JSONDecoder().decode(EndpointSliceObject.self, from: Data(value.text.utf8))
    }

    @Test("Added, modified and deleted slices move readiness per service and per node")
    func followsEvents() throws {
        var store = ObjectStore<EndpointSliceObject>()
        _ = store.apply(.added(try slice("web", [("node-a", false)])))
        #expect(!store.index.hasReadyEndpoint(service: "default/web"))
        _ = store.apply(.modified(try slice("web", [("node-a", true)])))
        #expect(store.index.hasReadyEndpoint(service: "default/web"))
        #expect(store.index.hasReadyEndpoint(service: "default/web", on: "node-a"))
        #expect(!store.index.hasReadyEndpoint(service: "default/web", on: "node-b"))

        // A second slice of the same service: the service is ready where either says so.
        _ = store.apply(.added(try slice("web", [("node-b", true)], name: "web-second")))
        #expect(store.index.hasReadyEndpoint(service: "default/web", on: "node-b"))
        _ = store.apply(.modified(try slice("web", [("node-a", false)])))
        #expect(!store.index.hasReadyEndpoint(service: "default/web", on: "node-a"))
        #expect(store.index.hasReadyEndpoint(service: "default/web"))
        _ = store.apply(.deleted(try slice("web", [("node-b", true)], name: "web-second")))
        #expect(!store.index.hasReadyEndpoint(service: "default/web"))
        #expect(!store.index.hasReadyEndpoint(service: "default/other"))
    }

    @Test("A relist rebuilds the index from the list alone")
    func relist() throws {
        var store = ObjectStore<EndpointSliceObject>()
        _ = store.apply(.added(try slice("gone", [("node-a", true)])))
        _ = store.replace(with: [try slice("web", [("node-a", true)])])
        #expect(!store.index.hasReadyEndpoint(service: "default/gone"))
        #expect(store.index.hasReadyEndpoint(service: "default/web", on: "node-a"))
    }
}
