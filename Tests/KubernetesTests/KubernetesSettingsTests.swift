import IronLBAllocators
import IronLBCore
import IronLBPluginAPI
import Testing
@testable import IronLBKubernetes

/// The `sources: kubernetes:` section: defaults, every key, strict errors with positions.
@Suite("Kubernetes settings")
struct KubernetesSettingsTests {
    let registry = try! PluginRegistry(announcers: [], strategies: [SequentialStrategyPlugin.self], sources: [KubernetesSourcePlugin.self])

    func load(_ section: String) -> (settings: KubernetesSettings?, errors: [String]) {
        let text = "version: 1\npools:\n  - name: default\n    addresses: [192.0.2.0/24]\n" + section
        let result = ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "c.yaml")
        let errors = result.diagnostics.errors.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        return (result.config?.sources["kubernetes"]?.configuration as? KubernetesSettings, errors)
    }

    @Test("Without a section the source is off; an empty section runs it in-cluster with the defaults")
    func defaults() throws {
        #expect(load("").settings == nil)
        let settings = try #require(load("sources:\n  kubernetes: {}\n").settings)
        #expect(settings == KubernetesSettings())
        #expect(settings.kubeconfig == nil)
        #expect(settings.loadBalancerClass == "ironlb.io/lb")
        #expect(settings.resyncPeriod == .seconds(300))
        #expect(load("sources:\n  kubernetes:\n    enabled: false\n").settings == nil)
    }

    @Test("Every key is read and rendered back")
    func everyKey() throws {
        let (settings, errors) = load("""
        sources:
          kubernetes:
            kubeconfig: /etc/ironlb/kubeconfig
            context: prod
            load-balancer-class: example.com/lb
            claim-services-without-class: true
            node-name: worker-3
            resync-period: 10m
            write-status: false
            leader-election: false
            lease-namespace: lb
            lease-name: ironlb-leader
            lease-duration: 30s

        """)
        #expect(errors.isEmpty)
        let decoded = try #require(settings)
        var expected = KubernetesSettings()
        expected.kubeconfig = "/etc/ironlb/kubeconfig"
        expected.context = "prod"
        expected.loadBalancerClass = "example.com/lb"
        expected.claimServicesWithoutClass = true
        expected.nodeName = "worker-3"
        expected.resyncPeriod = .seconds(600)
        expected.writeStatus = false
        expected.leaderElection = false
        expected.leaseNamespace = "lb"
        expected.leaseName = "ironlb-leader"
        expected.leaseDuration = .seconds(30)
        #expect(decoded == expected)
        #expect(decoded.rendered == .mapping([
            RenderedEntry("enabled", .bool(true)), RenderedEntry("kubeconfig", .string("/etc/ironlb/kubeconfig")),
            RenderedEntry("context", .string("prod")), RenderedEntry("load-balancer-class", .string("example.com/lb")),
            RenderedEntry("claim-services-without-class", .bool(true)), RenderedEntry("node-name", .string("worker-3")),
            RenderedEntry("resync-period", .string("10m")), RenderedEntry("write-status", .bool(false)),
            RenderedEntry("leader-election", .bool(false)), RenderedEntry("lease-namespace", .string("lb")),
            RenderedEntry("lease-name", .string("ironlb-leader")), RenderedEntry("lease-duration", .string("30s")),
        ]))
    }

    @Test("Problems are all reported, each at its position")
    func errors() {
        let (settings, errors) = load("""
        sources:
          kubernetes:
            context: prod
            resync-period: 1s
            load-balancer-clas: x
            enabled: yes

        """)
        #expect(settings == nil)
        #expect(errors == [
            "10:14: \"yes\" is ambiguous between YAML versions; write true or false",
            "7:14: 'context' needs 'kubeconfig'; in-cluster access has no contexts",
            "8:20: 1s is out of range 10s...24h",
            "9:5: unknown key 'load-balancer-clas'; did you mean 'load-balancer-class'?",
        ])
    }
}
