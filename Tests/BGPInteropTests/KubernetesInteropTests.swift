import Foundation
import KubernetesLab
import RouterLab
import Testing

extension RouterInterop {
/// The whole path: a Service created with kubectl on the (in-test) API server gets an address from
/// ironlbd, the real binary, which announces it to BIRD; deleting the Service withdraws the route.
/// The API server listens inside ironlbd's namespace, so nothing is added to the host's network.
@Suite("Kubernetes Service to BIRD", .serialized, .enabled(
    if: RouterLab.unavailableReason == nil && RouterLab.has("bird") && RouterLab.has("kubectl"), "needs root, bird2 and kubectl (kubernetes-client)"
))
struct KubernetesInteropTests {
    static let service = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          type: LoadBalancer
          loadBalancerClass: ironlb.io/lb
          ipFamilies: [IPv4]
          ipFamilyPolicy: SingleStack
          externalTrafficPolicy: Cluster
          selector: {app: web}
          ports: [{name: https, port: 443, protocol: TCP}]
        """

    @Test("A Service applied with kubectl becomes a /32 at BIRD and its status; deleting it withdraws the route", .timeLimit(.minutes(2)))
    func serviceToBIRD() async throws {
        let topology = try InteropTopology(routerRole: "bird")
        defer { topology.lab.shutdown() }
        let server = try await FakeAPIServer(namespace: topology.speaker)
        let directory = topology.lab.directory.path
        try kubeconfig(server).write(toFile: "\(directory)/kubeconfig", atomically: true, encoding: .utf8)
        try Self.service.write(toFile: "\(directory)/service.yaml", atomically: true, encoding: .utf8)
        // The cluster's EndpointSlice controller: the Service has a ready endpoint on the node.
        server.store.put(.endpointslices, Fixtures.endpointSlice(service: "web", endpoints: [("lab", true)]))

        let neighbors = topology.neighbors(ipv6: false)
        let bird = try BIRDRouter(lab: topology.lab, namespace: topology.router, routerID: "192.0.2.200", asn: 64500, neighbors: neighbors)
        let daemon = try topology.startDaemon(config(topology))
        try await poll("BGP session", daemon) { try bird.isEstablished(neighbors[0]) }

        func kubectl(_ arguments: String...) async throws -> LabCommand.Output {
            let words = ["ip", "netns", "exec", topology.speaker, try LabCommand.resolve("kubectl"), "--kubeconfig", "\(directory)/kubeconfig",
                         "--cache-dir", "\(directory)/kube-cache", "--request-timeout", "20s"] + arguments
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try LabCommand.run(words, timeout: .seconds(60), check: false) }) }
            }
        }

        let applied = ContinuousClock.now
        let apply = try await kubectl("apply", "--validate=false", "-f", "\(directory)/service.yaml")
        #expect(apply.status == 0, "\(apply.stderr)")
        try await poll("the /32 at BIRD", daemon) { try bird.routes().map(\.prefix) == ["203.0.113.1/32"] }
        let routed = ContinuousClock.now - applied
        let route = try #require(try bird.routes().first)
        #expect(route.nextHop == topology.link.ipv4A && route.asPath == [64512], "\(route)")
        try await poll("the address in the status", daemon) {
            server.store.object(.services, key: "default/web")?["status"]["loadBalancer"]["ingress"] == .array([.object(["ip": .string("203.0.113.1"), "ipMode": .string("VIP")])])
        }
        let shown = try await kubectl("get", "service", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")
        #expect(shown.stdout == "203.0.113.1", "\(shown.stdout) \(shown.stderr)")

        let deleting = ContinuousClock.now
        let delete = try await kubectl("delete", "service", "web", "--wait=false")
        #expect(delete.status == 0, "\(delete.stderr)")
        try await poll("the route withdrawn", daemon) { try bird.routes().isEmpty }
        let withdrawn = ContinuousClock.now - deleting
        print("kubernetes to BIRD: kubectl apply → route at BIRD in \(routed); kubectl delete → withdrawn in \(withdrawn)")
        await server.shutdown()
    }

    /// Polls without holding a cooperative thread between tries (the API server's watches need them).
    func poll(_ what: String, _ daemon: LabProcess, timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? condition()) == true { return }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PollTimeout(description: "timed out after \(timeout) waiting for \(what); ironlbd's log ends:\n\(daemon.log.suffix(3000))")
    }

    struct PollTimeout: Error, CustomStringConvertible {
        var description: String
    }

    func kubeconfig(_ server: FakeAPIServer) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: lab
        clusters: [{name: lab, cluster: {server: "\(server.url)", certificate-authority-data: \(Data(server.pki.caPEM.utf8).base64EncodedString())}}]
        users: [{name: ironlb, user: {token: "\(server.token)"}}]
        contexts: [{name: lab, context: {cluster: lab, user: ironlb}}]
        """
    }

    func config(_ topology: InteropTopology) -> String {
        let directory = topology.lab.directory.path
        return """
        version: 1
        node: {name: lab, router-id: 192.0.2.100}
        state-directory: \(directory)/state
        control: {socket: \(directory)/control.sock}
        metrics: {enabled: false}
        pools:
          - name: public
            addresses: [203.0.113.0/28]
            avoid-buggy-ips: true
        announcers:
          bgp:
            local-asn: 64512
            hold-time: 9s
            connect-retry: 1s
            connect-retry-max: 4s
            peers:
              - {name: r4, address: \(topology.link.ipv4B), asn: 64500, families: [ipv4]}
        advertisements:
          - {name: pub, announcer: bgp, pools: [public]}
        sources:
          kubernetes:
            kubeconfig: \(directory)/kubeconfig
        """
    }
}
}
