public import IronLBPluginAPI
public import ServiceLifecycle
public import Logging

/// The daemon's centre: takes service intents from sources, gets addresses from the allocator,
/// computes the announcement plan and hands every announcer its desired routes.
///
/// Every allocation change is appended to the durable journal (and synced) before it is logged,
/// counted or announced; on start the journal is replayed, so every service keeps its address.
package actor Controller: ServiceIntentSink, Service {
    private var config: IronLBConfig
    private let registry: PluginRegistry
    private let logger: Logger
    private var allocator: Allocator
    private let journal: AllocationJournal?
    /// Records the journal could not take yet (a failing disk); nothing is reported while any wait.
    private var unsynced: [AllocationRecord] = []
    private var announcers: [String: any Announcer]
    private var intents: [ServiceKey: ServiceIntent] = [:]
    private var refusals: [ServiceKey: AllocationRefusal] = [:]
    private var plan = AnnouncementPlan(routes: [:])
    private var observers = AssignmentObservers()

    /// Creates a controller for `config`, announcing through `announcers` (by announcer name).
    ///
    /// With a `stateDirectory` (created if missing) the allocations are durable: the journal there is
    /// replayed now and every change is synced to it before it is reported. Without one (tests that do
    /// not exercise restarts) they live in memory only.
    package init(
        config: IronLBConfig, registry: PluginRegistry, announcers: [String: any Announcer], logger: Logger,
        stateDirectory: String? = nil, clock: @escaping @Sendable () -> WallClockInstant = WallClockInstant.now
    ) throws {
        self.config = config
        self.registry = registry
        self.logger = logger
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
        } else {
            self.journal = nil
        }
        self.allocator = allocator
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

    package func observeAssignments(of source: String, by observer: (any AssignmentObserver)?) async {
        observers.set(observer, for: source)
        await reconcile()
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

    /// Assignments a pool edit left outside every pool, with the sentence saying so (for status and metrics).
    package func orphanedAssignments() -> [ServiceKey: String] { allocator.orphans }

    /// The current refusals by service.
    package func currentRefusals() -> [ServiceKey: AllocationRefusal] { refusals }

    /// The current plan.
    package func currentPlan() -> AnnouncementPlan { plan }

    /// Releases what departed services held, allocates for new or changed ones, makes the changes
    /// durable, and only then logs them and pushes the new plan.
    private func reconcile() async {
        var messages: [(String, Logger.Metadata)] = []
        for key in allocator.assignments.keys.sorted() where intents[key] == nil {
            let addresses = allocator.assignments[key]?.addresses ?? []
            allocator.release(key)
            messages.append(("released \(addresses.map(\.description).joined(separator: ", ")) from \(key)", ["service": "\(key)"]))
        }
        for key in refusals.keys where intents[key] == nil { refusals[key] = nil }
        for intent in intents.values.sorted(by: { $0.key < $1.key }) {
            let before = allocator.assignments[intent.key]
            switch allocator.allocate(intent) {
            case .success(let assignment):
                refusals[intent.key] = nil
                if before != assignment {
                    messages.append((
                        "allocated \(assignment.addresses.map(\.description).joined(separator: ", ")) to \(intent.key) from pool \(assignment.pool)",
                        ["service": "\(intent.key)", "pool": "\(assignment.pool)"]
                    ))
                }
            case .failure(let refusal):
                if refusals[intent.key] != refusal {
                    logger.warning("cannot allocate for \(intent.key): \(refusal.message)", metadata: ["service": "\(intent.key)", "reason": "\(refusal.reason.rawValue)"])
                }
                refusals[intent.key] = refusal
            }
        }
        guard persist() else { return }
        for (message, metadata) in messages { logger.info("\(message)", metadata: metadata) }
        for (observer, picture) in observers.changes(assignments: allocator.assignments.values, refusals: refusals) {
            await observer.assignmentsChanged(picture.assignments, refusals: picture.refusals)
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

    /// Makes the allocator's changes durable; false (and nothing may be reported) when the journal fails.
    private func persist() -> Bool {
        unsynced += allocator.takeRecords()
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
