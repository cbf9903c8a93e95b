import CoreMetrics
import IronLBPluginAPI

/// The controller's Prometheus metrics, through swift-metrics: pool capacity and use per family,
/// allocations and refusals, and the time from a service change to its hand-off to the announcers.
struct ControllerMetrics {
    private let factory: any MetricsFactory
    private var poolGauges: [String: (capacity: Gauge, inUse: Gauge)] = [:]
    private var allocations: [String: Counter] = [:]
    private var refusals: [String: Counter] = [:]
    private let announceLatency: Timer
    private let drained: Gauge

    init(factory: any MetricsFactory) {
        self.factory = factory
        announceLatency = Timer(label: "ironlb_service_announce_latency_seconds", dimensions: [], preferredDisplayUnit: .seconds, factory: factory)
        drained = Gauge(label: "ironlb_drained", factory: factory)
    }

    /// Sets the capacity and in-use gauges of every pool and family.
    mutating func recordPools(_ usage: [(pool: String, family: IPFamily, held: AddressCount, capacity: AddressCount)]) {
        for entry in usage {
            let key = "\(entry.pool)|\(entry.family)"
            let gauges = poolGauges[key] ?? {
                let labels = [("pool", entry.pool), ("family", entry.family.rawValue)]
                return (Gauge(label: "ironlb_pool_addresses_total", dimensions: labels, factory: factory),
                        Gauge(label: "ironlb_pool_addresses_in_use", dimensions: labels, factory: factory))
            }()
            poolGauges[key] = gauges
            gauges.capacity.record(entry.capacity.doubleValue)
            gauges.inUse.record(entry.held.doubleValue)
        }
    }

    /// Counts one new or changed assignment from `pool`.
    mutating func allocated(fromPool pool: String) {
        let counter = allocations[pool] ?? Counter(label: "ironlb_allocations_total", dimensions: [("pool", pool)], factory: factory)
        allocations[pool] = counter
        counter.increment()
    }

    /// Counts one refusal (only when a service's refusal changes, not on every reconcile).
    mutating func refused(reason: String) {
        let counter = refusals[reason] ?? Counter(label: "ironlb_allocation_refusals_total", dimensions: [("reason", reason)], factory: factory)
        refusals[reason] = counter
        counter.increment()
    }

    /// Records how long a service change took to reach the announcers.
    func announced(after duration: Duration) {
        announceLatency.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// 1 while this node is drained (or draining), 0 otherwise.
    func maintenance(_ state: Maintenance) { drained.record(state == .normal ? 0 : 1) }
}
