public import IronLBPluginAPI
public import ServiceLifecycle
public import Logging

/// The daemon's centre: takes service intents from sources, gets addresses from the allocator,
/// computes the announcement plan and hands every announcer its desired routes.
package actor Controller: ServiceIntentSink, Service {
    private var config: IronLBConfig
    private let registry: PluginRegistry
    private let logger: Logger
    private var allocator: Allocator
    private var announcers: [String: any Announcer]
    private var intents: [ServiceKey: ServiceIntent] = [:]
    private var refusals: [ServiceKey: AllocationRefusal] = [:]
    private var plan = AnnouncementPlan(routes: [:])

    /// Creates a controller for `config`, announcing through `announcers` (by announcer name).
    package init(config: IronLBConfig, registry: PluginRegistry, announcers: [String: any Announcer], logger: Logger) throws(RegistryError) {
        self.config = config
        self.registry = registry
        self.logger = logger
        self.allocator = try Allocator(pools: config.pools, registry: registry)
        self.announcers = announcers
    }

    /// Runs until graceful shutdown; the work happens in the sink methods as sources call them.
    package func run() async throws {
        try? await gracefulShutdown()
        logger.debug("controller stopping", metadata: ["services": "\(intents.count)"])
    }

    package func replaceServices(from source: String, with newIntents: [ServiceIntent]) async {
        let incoming = Dictionary(newIntents.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        for key in intents.keys where key.source == source && incoming[key] == nil {
            intents[key] = nil
        }
        for (key, intent) in incoming { intents[key] = intent }
        await reconcile()
    }

    package func upsert(_ intent: ServiceIntent) async {
        intents[intent.key] = intent
        await reconcile()
    }

    package func remove(_ key: ServiceKey) async {
        intents[key] = nil
        await reconcile()
    }

    /// Takes a new configuration: pools and advertisements change in place, assignments stay, and the
    /// plan is recomputed and pushed. `announcers` is the new set of announcer instances by name.
    package func reconfigure(to next: IronLBConfig, announcers nextAnnouncers: [String: any Announcer]) async throws(RegistryError) {
        if next.pools != config.pools {
            try allocator.reconfigure(pools: next.pools, registry: registry)
            for orphan in allocator.orphans {
                logger.warning("\(orphan.key) keeps \(orphan.addresses.map(\.description).joined(separator: ", ")), which is no longer inside pool \(orphan.pool)",
                               metadata: ["service": "\(orphan.key)", "pool": "\(orphan.pool)"])
            }
        }
        config = next
        announcers = nextAnnouncers
        // Every announcer gets its whole route set again: new and restarted instances need it, and
        // unchanged ones diff it against what they announce and send nothing.
        plan = AnnouncementPlan(routes: [:])
        await reconcile()
    }

    /// Counts for the status line. The watchdog pings only after this answers, so a wedged
    /// controller stops the pings and systemd restarts the daemon.
    package func snapshot() async -> ControllerSnapshot {
        var statuses: [AnnouncerStatus] = []
        for (_, announcer) in announcers.sorted(by: { $0.key < $1.key }) { statuses.append(await announcer.status()) }
        return ControllerSnapshot(pools: config.pools.count, services: intents.count, allocated: allocator.assignments.count, announcers: statuses)
    }

    /// The current assignments.
    package func assignments() -> [Assignment] {
        allocator.assignments.values.sorted { $0.key < $1.key }
    }

    /// The current refusals by service.
    package func currentRefusals() -> [ServiceKey: AllocationRefusal] { refusals }

    /// The current plan.
    package func currentPlan() -> AnnouncementPlan { plan }

    /// Releases what departed services held, allocates for new or changed ones, and pushes the new plan.
    private func reconcile() async {
        for key in allocator.assignments.keys where intents[key] == nil {
            let addresses = allocator.assignments[key]?.addresses ?? []
            allocator.release(key)
            logger.info("released \(addresses.map(\.description).joined(separator: ", ")) from \(key)", metadata: ["service": "\(key)"])
        }
        for key in refusals.keys where intents[key] == nil { refusals[key] = nil }
        for intent in intents.values.sorted(by: { $0.key < $1.key }) {
            let before = allocator.assignments[intent.key]
            switch allocator.allocate(intent) {
            case .success(let assignment):
                refusals[intent.key] = nil
                if before != assignment {
                    logger.info(
                        "allocated \(assignment.addresses.map(\.description).joined(separator: ", ")) to \(intent.key) from pool \(assignment.pool)",
                        metadata: ["service": "\(intent.key)", "pool": "\(assignment.pool)"]
                    )
                }
            case .failure(let refusal):
                if refusals[intent.key] != refusal {
                    logger.warning("cannot allocate for \(intent.key): \(refusal.message)", metadata: ["service": "\(intent.key)", "reason": "\(refusal.reason.rawValue)"])
                }
                refusals[intent.key] = refusal
            }
        }
        let next = AnnouncementPlan.compute(
            assignments: allocator.assignments.values, intents: intents,
            advertisements: config.advertisements, announcers: announcers.keys
        )
        guard next != plan else { return }
        plan = next
        for (name, announcer) in announcers.sorted(by: { $0.key < $1.key }) {
            await announcer.announce(next.routes[name] ?? [])
        }
    }
}
