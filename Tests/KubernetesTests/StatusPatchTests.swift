import Foundation
import IronLBPluginAPI
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// The status IronLB writes, and when it counts as already written.
@Suite("Kubernetes status patch")
struct StatusPatchTests {
    @Test("One ingress entry per address with ipMode VIP; an empty list removes the ingress")
    func body() throws {
        let ingress = StatusPatch.ingress(for: [IPAddress("192.0.2.1")!, IPAddress("2001:db8::1")!])
        #expect(try JSONValue.parse(StatusPatch.body(ingress)) == .parse(#"{"status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.1", "ipMode": "VIP"}, {"ip": "2001:db8::1", "ipMode": "VIP"}]}}}"#))
        #expect(try JSONValue.parse(StatusPatch.body([])) == .parse(#"{"status": {"loadBalancer": {"ingress": null}}}"#))
    }

    @Test("The pool annotation patch sets the annotation, or removes it with null")
    func poolAnnotation() throws {
        #expect(try JSONValue.parse(StatusPatch.poolAnnotation("public")) == .parse(#"{"metadata": {"annotations": {"ironlb.io/allocated-from-pool": "public"}}}"#))
        #expect(try JSONValue.parse(StatusPatch.poolAnnotation(nil)) == .parse(#"{"metadata": {"annotations": {"ironlb.io/allocated-from-pool": null}}}"#))
    }

    @Test("A server that dropped ipMode still matches; another address or a hostname does not")
    func matching() {
        let desired = StatusPatch.ingress(for: [IPAddress("192.0.2.1")!])
        #expect(StatusPatch.matches([ServiceObject.Ingress(ip: "192.0.2.1", hostname: nil, ipMode: nil)], desired))
        #expect(!StatusPatch.matches([ServiceObject.Ingress(ip: "192.0.2.2", hostname: nil, ipMode: "VIP")], desired))
        #expect(!StatusPatch.matches([ServiceObject.Ingress(ip: "192.0.2.1", hostname: "lb.example", ipMode: "VIP")], desired))
        #expect(StatusPatch.matches([], []))
    }
}
