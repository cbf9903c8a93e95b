package import IronLBPluginAPI
import ServiceLifecycle
package import Logging
package import CoreMetrics

/// The daemon's centre: takes service intents from sources, gets addresses from the allocator,
/// computes the announcement plan and hands every announcer its desired routes.
///
/// Every allocation change is appended to the durable journal (and synced) before it is logged,
/// counted or announced; on start the journal is replayed, so every service keeps its address.
package actor Controller: ServiceIntentSink, Service {
    var config: IronLBConfig
    private let registry: PluginRegistry
    let logger: Logger
    var allocator: Allocator
    private let journal: AllocationJournal?
    let stateDirectory: String?
    /// Records the journal could not take yet (a failing disk); nothing is reported while any wait.
    private var unsynced: [AllocationRecord] = []
    var announcers: [String: any Announcer]
    var intents: [ServiceKey: ServiceIntent] = [:]
    var refusals: [ServiceKey: AllocationRefusal] = [:]
    /// Services whose recorded addresses disagreed with the store when first heard of, with the
    /// sentence saying how it was resolved (see ``ServiceIntent/recordedAddresses``).
    var conflicts: [ServiceKey: String] = [:]
    /// Services heard of for the first time since the last reconcile: their recorded addresses are
    /// compared with the store (or adopted) once.
    var firstHeard: Set<ServiceKey> = []
    var plan = AnnouncementPlan(routes: [:])
    /// Configured sources that have not delivered their first full list: their restored
    /// assignments are kept (and announced) until they do, so a slow source moves nobody.
    private var pendingSources: Set<String>
    /// When each service's change arrived, until its route is handed to the announcers.
    private var changedAt: [ServiceKey: ContinuousClock.Instant] = [:]
    var maintenance = Maintenance.normal
    /// Whether the current announcers have been told about a drain restored from the state directory.
    private var maintenanceDelivered = true
    var metrics: ControllerMetrics
    private var observers = AssignmentObservers()

    /// Creates a controller for `config`, announcing through `announcers` (by announcer name).
    ///
    /// With a `stateDirectory` (created if missing) the allocations are durable: the journal there is
    /// replayed now and every change is synced to it before it is reported. Without one (tests that do
    /// not exercise restarts) they live in memory only.
    package init(
        config: IronLBConfig, registry: PluginRegistry, announcers: [String: any Announcer], logger: Logger,
        stateDirectory: String? = nil, clock: @escaping @Sendable () -> WallClockInstant = WallClockInstant.now,
        metrics: any MetricsFactory = MetricsSystem.factory
    ) throws {
        self.config = config
        self.registry = registry
        self.logger = logger
        self.stateDirectory = stateDirectory
        self.metrics = ControllerMetrics(factory: metrics)
        pendingSources = Set(config.sources.keys).union([Self.localSource])
        var allocator = try Allocator(pools: config.pools, registry: registry, clock: clock)
        if let stateDirectory {
            let (journal, records) = try AllocationJournal.open(directory: stateDirectory)
            allocator.replay(records)
            _ = allocator.takeRecords()
            try journal.compact(allocator.snapshot())
            if journal.droppedBytes > 0 {
                logger.warning("dropped a torn record (\(journal.droppedBytes) bytes) at the end of the allocation journal; it was never acknowledged")
            }
            logger.info("restored \(allocator.assignments.count) assignments from \(stateDirectory)", metadata: ["orphaned": "\(allocator.orphans.count)"])
            for (key, reason) in allocator.orphans.sorted(by: { $0.key < $1.key }) {
                logger.warning("orphaned: \(reason)", metadata: ["service": "\(key)"])
            }
            self.journal = journal
            maintenance = try Self.recordedMaintenance(in: stateDirectory)
            if maintenance != .normal {
                logger.notice("this node was drained before it stopped; it announces nothing until `ironlbctl undrain`")
                maintenanceDelivered = false
            }
        } else {
            self.journal = nil
        }
        self.allocator = allocator
        self.announcers = announcers
        self.metrics.maintenance(maintenance)
    }

    /// The name of the host's own source, the local API (`ironlbctl assign`).
    package static let localSource = "local"

    /// Runs until graceful shutdown; the work happens in the sink methods as sources call them.
    package func run() async throws {
        try? await gracefulShutdown()
        logger.debug("controller stopping", metadata: ["services": "\(intents.count)"])
    }

    package func replaceServices(from source: String, with newIntents: [ServiceIntent]) async {
        let incoming = Dictionary(newIntents.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        for key in intents.keys where key.source == source && incoming[key] == nil {
            noteChange(key, nil)
        }
        for (key, intent) in incoming { noteChange(key, intent) }
        pendingSources.remove(source)
        await reconcile()
    }

    package func upsert(_ intent: ServiceIntent) async {
        noteChange(intent.key, intent)
        await reconcile()
    }

    package func remove(_ key: ServiceKey) async {
        noteChange(key, nil)
        await reconcile()
    }

    package func observeAssignments(of source: String, by observer: (any AssignmentObserver)?) async {
        observers.set(observer, for: source)
        await reconcile()
    }

    /// Sets `key`'s intent and remembers when it changed, for the announce-latency metric.
    private func noteChange(_ key: ServiceKey, _ intent: ServiceIntent?) {
        guard intents[key] != intent else { return }
        if intents[key] == nil, intent != nil { firstHeard.insert(key) }
        intents[key] = intent
        changedAt[key] = intent == nil ? nil : ContinuousClock.now
    }

    /// Takes a new configuration: pools and advertisements change in place, assignments stay, and the
    /// plan is recomputed and pushed. `announcers` is the new set of announcer instances by name.
    package func reconfigure(to next: IronLBConfig, announcers nextAnnouncers: [String: any Announcer]) async throws(RegistryError) {
        if next.pools != config.pools {
            try allocator.reconfigure(pools: next.pools)
            for (key, reason) in allocator.orphans.sorted(by: { $0.key < $1.key }) {
                logger.warning("orphaned: \(reason)", metadata: ["service": "\(key)"])
            }
        }
        pendingSources.formIntersection(Set(next.sources.keys).union([Self.localSource]))
        pendingSources.formUnion(Set(next.sources.keys).subtracting(config.sources.keys))
        config = next
        if maintenance != .normal { maintenanceDelivered = false }
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

    /// Assignments a pool edit left outside every pool, with the sentence saying so (for status and metrics).
    package func orphanedAssignments() -> [ServiceKey: String] { allocator.orphans }

    /// The current refusals by service.
    package func currentRefusals() -> [ServiceKey: AllocationRefusal] { refusals }

    /// How each disagreement between the store and a source's recorded addresses was resolved.
    package func currentConflicts() -> [ServiceKey: String] { conflicts }

    /// The current plan.
    package func currentPlan() -> AnnouncementPlan { plan }

    /// Releases what departed services held, allocates for new or changed ones, makes the changes
    /// durable, and only then logs them and pushes the new plan.
    private func reconcile() async {
        var messages: [(String, Logger.Metadata)] = []
        for key in allocator.assignments.keys.sorted() where intents[key] == nil && !pendingSources.contains(key.source) {
            let addresses = allocator.assignments[key]?.addresses ?? []
            allocator.release(key)
            messages.append(("released \(addresses.map(\.description).joined(separator: ", ")) from \(key)", ["service": "\(key)"]))
        }
        for key in refusals.keys where intents[key] == nil { refusals[key] = nil }
        for key in conflicts.keys where intents[key] == nil { conflicts[key] = nil }
        firstHeard.formIntersection(intents.keys)
        for intent in intents.values.sorted(by: { $0.key < $1.key }) {
            let before = allocator.assignments[intent.key]
            switch allocate(intent, before: before, messages: &messages) {
            case .success(let assignment):
                refusals[intent.key] = nil
                if before != assignment {
                    metrics.allocated(fromPool: assignment.pool)
                    messages.append((
                        "allocated \(assignment.addresses.map(\.description).joined(separator: ", ")) to \(intent.key) from pool \(assignment.pool)",
                        ["service": "\(intent.key)", "pool": "\(assignment.pool)"]
                    ))
                }
            case .failure(let refusal):
                if refusals[intent.key] != refusal {
                    metrics.refused(reason: refusal.reason.rawValue)
                    logger.warning("cannot allocate for \(intent.key): \(refusal.message)", metadata: ["service": "\(intent.key)", "reason": "\(refusal.reason.rawValue)"])
                }
                refusals[intent.key] = refusal
            }
        }
        guard persist() else { return }
        for (message, metadata) in messages { logger.info("\(message)", metadata: metadata) }
        metrics.recordPools(config.pools.flatMap { pool in
            allocator.usage(ofPool: pool.name).sorted { $0.key < $1.key }.map { (pool.name, $0.key, $0.value.held, $0.value.capacity) }
        })
        let next = AnnouncementPlan.compute(
            assignments: allocator.assignments.values, intents: intents.merging(restoredIntents()) { current, _ in current },
            advertisements: config.advertisements, announcers: announcers.keys
        )
        if !maintenanceDelivered {
            maintenanceDelivered = true
            await applyMaintenance(maintenance)
        }
        if next != plan {
            plan = next
            for (name, announcer) in announcers.sorted(by: { $0.key < $1.key }) {
                await announcer.announce(next.routes[name] ?? [])
            }
        }
        // Observers hear after the announcers were told, so what they hear as announced is.
        for (observer, picture) in observers.changes(
            assignments: allocator.assignments.values, refusals: refusals, conflicts: conflicts,
            announced: maintenance == .normal ? plan : AnnouncementPlan(routes: [:])
        ) {
            await observer.assignmentsChanged(picture)
        }
        recordLatency()
    }

    /// Stand-in intents for assignments of sources that have not reported yet: announced as before.
    private func restoredIntents() -> [ServiceKey: ServiceIntent] {
        guard !pendingSources.isEmpty else { return [:] }
        var restored: [ServiceKey: ServiceIntent] = [:]
        for (key, assignment) in allocator.assignments where intents[key] == nil && pendingSources.contains(key.source) {
            restored[key] = ServiceIntent(key: key, request: AddressRequest(pool: assignment.pool, addresses: Array(assignment.addresses)))
        }
        return restored
    }

    /// Records the change-to-announcement time of every changed service that now has routes; a
    /// change that gave no route (refused, or no advertisement) is forgotten.
    private func recordLatency() {
        guard !changedAt.isEmpty else { return }
        var routed = Set<ServiceKey>()
        for routes in plan.routes.values { for route in routes { routed.formUnion(route.services) } }
        let now = ContinuousClock.now
        for (key, since) in changedAt where routed.contains(key) { metrics.announced(after: now - since) }
        changedAt.removeAll()
    }

    /// Makes the allocator's changes durable; false (and nothing may be reported) when the journal fails.
    private func persist() -> Bool {
        let records = allocator.takeRecords()
        if unsynced.isEmpty { unsynced = records } else { unsynced += records }
        guard let journal, !unsynced.isEmpty else {
            unsynced.removeAll()
            return true
        }
        do {
            try journal.append(unsynced)
            unsynced.removeAll()
        } catch {
            logger.critical("cannot make allocations durable; nothing is announced until it works: \(error)")
            return false
        }
        if journal.shouldCompact(live: allocator.assignments.count) {
            do { try journal.compact(allocator.snapshot()) } catch {
                logger.error("cannot compact the allocation journal; it keeps growing: \(error)")
            }
        }
        return true
    }
}
