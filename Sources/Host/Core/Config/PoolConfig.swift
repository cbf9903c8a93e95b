package import IronLBPluginAPI

/// One address pool as configured.
package struct PoolConfig: Sendable, Equatable {
    /// Unique name.
    package var name: String
    /// The pool's addresses: CIDRs, ranges and single addresses, in file order.
    package var addresses: [IPRange]
    /// The allocation strategy's name.
    package var strategy: String
    /// The strategy's options.
    package var strategyOptions: PluginSection
    /// Whether services that name no pool may get addresses from here.
    package var autoAssign: Bool = true
    /// Whether IPv4 .0 and .255 addresses and IPv6 subnet-router anycast addresses are skipped.
    package var avoidBuggyIPs: Bool = false
    /// Addresses never handed out.
    package var reserved: [IPRange] = []
    /// Higher priority pools are tried first; ties go by name.
    package var priority: Int = 0
    /// Namespaces allowed to use the pool; empty means all.
    package var namespaces: [String] = []
    /// Labels a service must carry to use the pool.
    package var serviceSelector: LabelSelector = .everything
    /// No new allocations; existing ones are kept.
    package var draining: Bool = false
    /// What happens to an assignment that a pool edit leaves outside every pool.
    package var orphans: OrphanPolicy = .keep

    /// Whether auto-assignment may pick this pool for `intent`.
    /// Whether the pool admits every intent (no namespace list, an empty service selector).
    var selectsNothing: Bool {
        namespaces.isEmpty && serviceSelector == .everything
    }

    package func admits(_ intent: ServiceIntent) -> Bool {
        if !namespaces.isEmpty {
            guard let namespace = intent.namespace, namespaces.contains(namespace) else { return false }
        }
        return serviceSelector.matches(intent.labels)
    }
}

/// What happens to an assignment whose address a pool edit leaves outside every pool (`orphans:`).
package enum OrphanPolicy: String, Sendable, Equatable, CaseIterable {
    /// The service keeps its address, flagged as orphaned, until it goes away or the policy changes.
    case keep
    /// The address is released; the service is then allocated afresh like a new one.
    case release
}
