import IronLBPluginAPI
import Logging
import ServiceLifecycle

/// The running Kubernetes source: watches Services, EndpointSlices and Nodes, hands the controller
/// the intents of IronLB's Services, and writes their addresses back into their status.
///
/// An API outage changes nothing that was delivered: the cache keeps the last known objects, so
/// the controller keeps the assignments and the announcers keep the routes.
actor KubernetesSource: ServiceSource, AssignmentObserver {
    private let settings: KubernetesSettings
    private let sink: any ServiceIntentSink
    private let logger: Logger
    private let builder: IntentBuilder
    private var writer: StatusWriter?
    private var announcements: AnnouncementEvents?

    init(settings: KubernetesSettings, sink: any ServiceIntentSink, context: PluginContext) {
        self.settings = settings
        self.sink = sink
        self.logger = context.logger
        builder = IntentBuilder(
            claim: ServiceClaim(loadBalancerClass: settings.loadBalancerClass, claimServicesWithoutClass: settings.claimServicesWithoutClass),
            nodeName: settings.nodeName ?? context.node.name
        )
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            guard let connection = await self.connect() else { return }
            await self.watch(connection)
        }
    }

    func reconfigure(to configuration: any PluginConfiguration) async -> ReconfigureOutcome {
        guard let next = configuration as? KubernetesSettings else { return .needsRestart(reason: "configuration of another type") }
        return next == settings ? .applied : .needsRestart(reason: "its settings changed")
    }

    func assignmentsChanged(_ picture: AssignmentPicture) async {
        await writer?.update(picture)
        await announcements?.update(picture)
    }

    /// Resolves the connection, retrying (with backoff) while the kubeconfig or service account is unusable.
    private func connect() async -> ClusterConnection? {
        var backoff = Backoff(initial: settings.timing.initialBackoff, maximum: settings.timing.maximumBackoff)
        while !Task.isCancelled {
            do throws(ConnectionError) {
                let connection = if let path = settings.kubeconfig {
                    try ClusterConnection.fromKubeconfig(path: path, context: settings.context)
                } else {
                    try ClusterConnection.inCluster()
                }
                logger.info("connecting to the Kubernetes API at \(connection.server)")
                return connection
            } catch {
                logger.error("cannot use the Kubernetes API: \(error)")
                try? await Task.sleep(for: backoff.next())
            }
        }
        return nil
    }

    private func watch(_ connection: ClusterConnection) async {
        let client = APIClient(connection: connection, timing: settings.timing, logger: logger)
        let elect = settings.writeStatus && settings.leaderElection
        // An instance that does not write status follows the one that does.
        // An elected instance publishes nothing before its first election round says whether it
        // leads: a restarted leader takes its Lease back at once and reconciles as the leader.
        let cache = ClusterCache(following: elect || !settings.writeStatus, awaitingElection: elect, logger: logger)
        let events = EventRecorder(client: client, instance: builder.nodeName, logger: logger)
        let writer = StatusWriter(
            client: client, cache: cache, claim: builder.claim, events: events, timing: settings.timing, leading: !elect, logger: logger
        )
        self.writer = writer
        announcements = AnnouncementEvents(node: builder.nodeName, cache: cache, events: events)
        if settings.writeStatus { await sink.observeAssignments(of: KubernetesSourcePlugin.name, by: self) }
        await withDiscardingTaskGroup { group in
            group.addTask { await self.reflector(client, cache, .services, "/api/v1/services", \ClusterSnapshot.services).run() }
            group.addTask {
                await self.reflector(client, cache, .endpointSlices, "/apis/discovery.k8s.io/v1/endpointslices", \ClusterSnapshot.endpointSlices).run()
            }
            group.addTask { await self.reflector(client, cache, .nodes, "/api/v1/nodes", \ClusterSnapshot.nodes).run() }
            group.addTask { await self.publish(cache) }
            if settings.writeStatus {
                group.addTask { await writer.run() }
                group.addTask { await events.run() }
                group.addTask { for await _ in cache.serviceChanges { await writer.cacheChanged() } }
            }
            if elect {
                let elector = LeaseElector(
                    client: client, namespace: settings.leaseNamespace, name: settings.leaseName, identity: builder.nodeName,
                    leaseDuration: settings.leaseDuration, logger: logger,
                    onChange: { leading in
                        await cache.setFollowing(!leading)
                        await writer.setLeading(leading)
                    }
                )
                group.addTask { await elector.run() }
            }
        }
        if settings.writeStatus { await sink.observeAssignments(of: KubernetesSourcePlugin.name, by: nil) }
        self.writer = nil
        announcements = nil
        await cache.finish()
        await client.shutdown()
    }

    private nonisolated func reflector<Object>(
        _ client: APIClient, _ cache: ClusterCache, _ resource: ClusterCache.Resource, _ path: String,
        _ store: any WritableKeyPath<ClusterSnapshot, ObjectStore<Object>> & Sendable
    ) -> Reflector<Object> {
        Reflector(
            resource: resource, path: path, store: store, client: client, cache: cache,
            resyncPeriod: settings.resyncPeriod, timing: settings.timing, logger: logger
        )
    }

    /// Hands the controller the intents after each batch of changes, once every resource was listed.
    ///
    /// A pass rebuilds every intent and the controller reconciles them all, so during a burst (10,000
    /// Services created, then a status echo for each) back-to-back passes would take the CPU from
    /// the watch decoder and the status writer. After each pass the loop rests `passSpacing` times
    /// as long as the pass took (at most `maximumRest`) while further changes coalesce: whole passes
    /// use at most a fifth of the time, and a change after a quiet spell is published at once.
    private func publish(_ cache: ClusterCache) async {
        var delivered: [ServiceIntent]?
        var reported: [ServiceKey: ServiceProblem] = [:]
        let clock = ContinuousClock()
        for await _ in cache.changes {
            guard await cache.isComplete else { continue }
            let started = clock.now
            await publishPass(cache, delivered: &delivered, reported: &reported)
            let rest = min((clock.now - started) * Self.passSpacing, Self.maximumRest)
            try? await Task.sleep(for: rest)
        }
    }

    /// See `publish`.
    static let passSpacing = 4
    static let maximumRest = Duration.milliseconds(500)

    private func publishPass(_ cache: ClusterCache, delivered: inout [ServiceIntent]?, reported: inout [ServiceKey: ServiceProblem]) async {
        let (built, problems) = await intents(cache)
        let intents = delivered.map { IntentBuilder.sharing(built, with: $0) } ?? built
        for (key, problem) in problems.sorted(by: { $0.key < $1.key }) where reported[key] != problem {
            logger.warning("ignoring \(key.name): \(problem)", metadata: ["service": "\(key)"])
        }
        reported = problems
        if intents != delivered {
            await sink.replaceServices(from: KubernetesSourcePlugin.name, with: intents)
            delivered = intents
        }
    }

    /// The intents from the cache's current snapshot. The snapshot is let go before the controller
    /// is awaited: held across it, the first change the cache takes meanwhile copies every object.
    private func intents(_ cache: ClusterCache) async -> (intents: [ServiceIntent], problems: [ServiceKey: ServiceProblem]) {
        let (snapshot, following) = await cache.view
        return builder.intents(from: snapshot, following: following)
    }
}
