public import IronLBPluginAPI

/// The `sources: kubernetes:` section.
public struct KubernetesSettings: PluginConfiguration {
    /// Whether the source runs (a present section means yes unless `enabled: false`).
    public var enabled = true
    /// The kubeconfig file; nil means in-cluster (service-account token and CA).
    public var kubeconfig: String?
    /// The kubeconfig context; nil means its current-context.
    public var context: String?
    /// The `spec.loadBalancerClass` that marks a Service as IronLB's.
    public var loadBalancerClass = "ironlb.io/lb"
    /// Whether Services of type LoadBalancer without a class are IronLB's too.
    public var claimServicesWithoutClass = false
    /// The Kubernetes node this daemon runs on; nil means the configuration's `node.name`.
    public var nodeName: String?
    /// How often the whole state is listed again, as a safety net under the watches.
    public var resyncPeriod: Duration = .seconds(300)
    /// Whether this instance writes `status.loadBalancer` back to the Services.
    public var writeStatus = true
    /// Whether status is written only by the holder of a Lease (one writer among many instances).
    public var leaderElection = true
    /// The namespace of the Lease.
    public var leaseNamespace = "ironlb-system"
    /// The name of the Lease.
    public var leaseName = "ironlb"
    /// How long the Lease is valid without renewal (failover time).
    public var leaseDuration: Duration = .seconds(15)
    /// Retry and timeout settings; not configurable, replaced by tests.
    package var timing = KubernetesTiming()

    /// Creates the default settings.
    public init() {}

    /// Every key of the section.
    static let keys = [
        "enabled", "kubeconfig", "context", "load-balancer-class", "claim-services-without-class",
        "node-name", "resync-period", "write-status", "leader-election", "lease-namespace", "lease-name", "lease-duration",
    ]

    public var rendered: RenderedValue {
        var entries = [RenderedEntry("enabled", .bool(enabled))]
        if let kubeconfig { entries.append(RenderedEntry("kubeconfig", .string(kubeconfig))) }
        if let context { entries.append(RenderedEntry("context", .string(context))) }
        entries.append(RenderedEntry("load-balancer-class", .string(loadBalancerClass)))
        entries.append(RenderedEntry("claim-services-without-class", .bool(claimServicesWithoutClass)))
        if let nodeName { entries.append(RenderedEntry("node-name", .string(nodeName))) }
        entries.append(RenderedEntry("resync-period", .duration(resyncPeriod)))
        entries.append(RenderedEntry("write-status", .bool(writeStatus)))
        entries.append(RenderedEntry("leader-election", .bool(leaderElection)))
        entries.append(RenderedEntry("lease-namespace", .string(leaseNamespace)))
        entries.append(RenderedEntry("lease-name", .string(leaseName)))
        entries.append(RenderedEntry("lease-duration", .duration(leaseDuration)))
        return .mapping(entries)
    }
}

/// Retry and timeout settings of the watches and writes.
package struct KubernetesTiming: Sendable, Equatable {
    /// The first retry delay after an error; it doubles up to `maximumBackoff`.
    package var initialBackoff: Duration = .milliseconds(500)
    /// The longest retry delay.
    package var maximumBackoff: Duration = .seconds(30)
    /// How long one watch request lasts before it is renewed (the server's `timeoutSeconds`).
    package var watchTimeout: Duration = .seconds(290)
    /// How long a list or a write may take.
    package var requestTimeout: Duration = .seconds(30)
    /// How long a kubeconfig's credential plugin may run before it is killed.
    package var credentialPluginTimeout: Duration = .seconds(30)
    /// The first wait before a credential plugin that failed runs again, or before a credential
    /// that the API server refused is replaced again; it doubles up to `credentialMaximumBackoff`.
    package var credentialInitialBackoff: Duration = .seconds(1)
    /// The longest of those waits.
    package var credentialMaximumBackoff: Duration = .seconds(60)

    /// The defaults.
    package init() {}
}
