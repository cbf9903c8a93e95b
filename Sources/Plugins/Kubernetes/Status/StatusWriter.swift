import IronLBPluginAPI
import Logging

/// Writes each IronLB Service's addresses into its `status.loadBalancer` through the status
/// subresource, and then the pool they come from into its `ironlb.io/allocated-from-pool` annotation;
/// clears both when a Service stops being IronLB's (also when that happened while IronLB was down:
/// the annotation says it was). It writes only what differs from the cached object, and retries
/// failed writes with backoff.
actor StatusWriter {
    /// The writes to make to one Service: its pool annotation, or its status (``plan(_:)`` makes
    /// only one of them at a time).
    struct Write: Sendable {
        var key: ServiceKey
        var namespace: String
        var name: String
        var uid: String?
        /// Whether the annotation is written, and its value (nil removes it).
        var writesPool: Bool
        var pool: String?
        /// The status to write, or nil to leave it.
        var ingress: [ServiceObject.Ingress]?
        var resourceVersion: String?
    }

    /// What was written, so a write whose echo the cache has not seen yet is not repeated; kept
    /// until the cache shows what was written.
    private struct Written: Equatable {
        var value: [String?]
        /// The object's resourceVersions before the write: while the cache still holds one of them,
        /// it has not seen the write yet.
        var before: [String?]

        func isOnItsWay(_ value: [String?], at version: String?) -> Bool {
            self.value == value && before.contains(version)
        }
    }

    private var assigned: [ServiceKey: [IPAddress]] = [:]
    private var pools: [ServiceKey: String] = [:]
    var refused: [ServiceKey: String] = [:]
    var conflicts: [ServiceKey: String] = [:]
    /// The refusal and the conflict each Service was last told about in an Event.
    var reportedRefusals: [ServiceKey: String] = [:]
    var reportedConflicts: [ServiceKey: String] = [:]
    private var toClear: Set<ServiceKey> = []
    private var written: [ServiceKey: Written] = [:]
    /// Services whose last status write failed: their retries do not hold annotations back.
    private var failing: Set<ServiceKey> = []
    private var writtenPool: [ServiceKey: Written] = [:]
    /// Whether this instance may write (it holds the Lease, or there is no election).
    private var leading: Bool
    private let client: APIClient
    let events: EventRecorder
    private let cache: ClusterCache
    private let claim: ServiceClaim
    let logger: Logger
    private var backoff: Backoff
    private let signal: AsyncStream<Void>.Continuation
    private let triggers: AsyncStream<Void>

    init(client: APIClient, cache: ClusterCache, claim: ServiceClaim, events: EventRecorder, timing: KubernetesTiming, leading: Bool, logger: Logger) {
        self.leading = leading
        self.events = events
        self.client = client
        self.cache = cache
        self.claim = claim
        self.logger = logger
        backoff = Backoff(initial: timing.initialBackoff, maximum: timing.maximumBackoff)
        (triggers, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Takes the controller's latest picture of the Kubernetes services.
    func update(_ picture: AssignmentPicture) {
        for key in assigned.keys where picture.addresses[key] == nil && picture.refusals[key] == nil { toClear.insert(key) }
        for key in picture.addresses.keys { toClear.remove(key) }
        assigned = picture.addresses
        pools = picture.pools
        refused = picture.refusals
        conflicts = picture.conflicts
        signal.yield()
    }

    /// Starts or stops writing as leadership comes and goes; a new leader checks every status.
    func setLeading(_ leading: Bool) {
        self.leading = leading
        written = [:]
        writtenPool = [:]
        signal.yield()
    }

    /// Something in the cache changed: statuses may need writing again.
    func cacheChanged() {
        signal.yield()
    }

    /// Writes until cancelled.
    func run() async {
        for await _ in triggers {
            if await writePending() {
                backoff.reset()
            } else {
                try? await Task.sleep(for: backoff.next())
                signal.yield()
            }
        }
    }

    /// At most this many writes are in flight at once: a real API server takes hundreds of mutating
    /// requests at a time (--max-mutating-requests-inflight defaults to 200).
    static let concurrentWrites = 32

    /// One pass over every Service whose status may be wrong; false when a write failed.
    private func writePending() async -> Bool {
        guard leading else { return true }
        let writes = await pendingWrites()
        guard !writes.isEmpty else { return true }
        // Events wait while statuses are written: on two cores, 10,000 Event posts alongside 10,000
        // status writes held the last status back by seconds.
        await events.holdWhile(writing: true)
        var succeeded = true
        let client = client
        let events = events
        await withTaskGroup(of: (Write, String?, APIError?).self) { group in
            var pending = writes[...]
            func startNext() {
                guard let write = pending.popFirst() else { return }
                group.addTask {
                    var version = write.resourceVersion
                    do throws(APIError) {
                        if write.writesPool {
                            version = try await client.patchService(namespace: write.namespace, name: write.name, patch: StatusPatch.poolAnnotation(write.pool))
                        }
                        if let ingress = write.ingress {
                            try await client.patchServiceStatus(namespace: write.namespace, name: write.name, patch: StatusPatch.body(ingress))
                            let ips = ingress.compactMap(\.ip)
                            if !ips.isEmpty {
                                let service = ObjectMeta(name: write.name, namespace: write.namespace, uid: write.uid, resourceVersion: version)
                                await events.record(service, type: "Normal", reason: "IPAllocated", message: "Assigned IP [\(ips.map { "\"\($0)\"" }.joined(separator: ", "))]")
                            }
                        }
                        return (write, version, nil)
                    } catch {
                        return (write, version, error)
                    }
                }
            }
            for _ in 0..<Self.concurrentWrites { startNext() }
            for await (write, version, error) in group {
                succeeded = record(write, statusBefore: version, error) && succeeded
                startNext()
            }
        }
        await events.holdWhile(writing: false)
        return succeeded
    }

    /// The writes needed now, after reporting refusals and conflicts. The cached Services are let
    /// go before the writes start: held while they run, the first status the watch brings back
    /// would copy every object in the cache.
    private func pendingWrites() async -> [Write] {
        let services = await cache.snapshot.services.objects
        await reportRefusalsAndConflicts(services)
        return plan(services)
    }

    /// The writes needed to make the cached Services say what the controller assigned.
    /// Annotation writes wait for a pass without new status writes: the status is what users wait
    /// for, and after a burst the annotations of the first Services would delay the statuses of the
    /// rest. Retries of failed status writes do not hold them back (one Service whose status is
    /// always refused must not keep every annotation from being written).
    private func plan(_ services: [String: ServiceObject]) -> [Write] {
        var statusWrites: [Write] = [], poolWrites: [Write] = []
        // A Service that carries IronLB's annotation but is not IronLB's stopped being ours, perhaps
        // while IronLB was down: its status and annotation go.
        for (name, service) in services where service.metadata.annotations?[ServiceAnnotations.allocatedFromPool] != nil && !claim.claims(service) {
            toClear.insert(ServiceKey(source: KubernetesSourcePlugin.name, name: name))
        }
        for key in Set(assigned.keys).union(refused.keys).union(toClear).sorted() {
            guard let service = services[key.name] else {
                toClear.remove(key)
                written[key] = nil
                writtenPool[key] = nil
                failing.remove(key)
                continue
            }
            let desired = StatusPatch.ingress(for: assigned[key] ?? [])
            let pool = assigned[key] == nil ? nil : pools[key]
            let statusMatches = StatusPatch.matches(service.ingress, desired)
            let poolMatches = service.metadata.annotations?[ServiceAnnotations.allocatedFromPool] == pool
            // A write the cache shows is no longer on its way: forget it rather than keep a
            // record per Service for as long as it exists.
            if statusMatches {
                written[key] = nil
                failing.remove(key)
            }
            if poolMatches { writtenPool[key] = nil }
            if statusMatches && poolMatches {
                toClear.remove(key)
                continue
            }
            let version = service.metadata.resourceVersion
            // The status first (it is what users and the benchmark wait for), then, once the cache
            // shows it, the annotation: one write per Service at a time.
            let writesStatus = !statusMatches && !(written[key]?.isOnItsWay(desired.map(\.ip), at: version) ?? false)
            let writesPool = statusMatches && !poolMatches && !(writtenPool[key]?.isOnItsWay([pool], at: version) ?? false)
            guard writesPool || writesStatus else { continue }
            let write = Write(
                key: key, namespace: service.metadata.namespace ?? "", name: service.metadata.name ?? "", uid: service.metadata.uid,
                writesPool: writesPool, pool: pool, ingress: writesStatus ? desired : nil, resourceVersion: version
            )
            if writesStatus { statusWrites.append(write) } else { poolWrites.append(write) }
        }
        if !poolWrites.isEmpty && statusWrites.contains(where: { !failing.contains($0.key) }) {
            signal.yield()  // another pass, for the annotations
            return statusWrites
        }
        return statusWrites + poolWrites
    }

    /// Takes note of a write's outcome; false when it failed and must be retried. `statusBefore`
    /// is the object's version after the annotation write (or as planned, without one).
    private func record(_ write: Write, statusBefore: String?, _ error: APIError?) -> Bool {
        if write.writesPool, error == nil || statusBefore != write.resourceVersion {
            writtenPool[write.key] = Written(value: [write.pool], before: [write.resourceVersion])
            logger.debug("\(write.pool.map { "annotated \(write.key.name) with pool \($0)" } ?? "removed the pool annotation of \(write.key.name)")")
        }
        if write.ingress != nil {
            if error == nil { failing.remove(write.key) } else { failing.insert(write.key) }
        }
        switch error {
        case nil:
            guard let ingress = write.ingress else { return true }
            written[write.key] = Written(value: ingress.map(\.ip), before: [write.resourceVersion, statusBefore])
            let ips = ingress.compactMap(\.ip)
            logger.info(
                ips.isEmpty ? "cleared the load-balancer status of \(write.key.name)" : "wrote \(ips.joined(separator: ", ")) into the status of \(write.key.name)",
                metadata: ["service": "\(write.key)"]
            )
            return true
        case .status(404, _)?:
            return true  // deleted meanwhile
        case let error?:
            logger.warning("cannot write the status of \(write.key.name): \(error)", metadata: ["service": "\(write.key)"])
            return false
        }
    }
}
