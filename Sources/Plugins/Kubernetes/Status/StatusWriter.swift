import IronLBPluginAPI
import Logging

/// Writes each IronLB Service's addresses into its `status.loadBalancer` through the status
/// subresource, and clears them when a Service stops being IronLB's. It writes only what differs
/// from the cached object, and retries failed writes with backoff.
actor StatusWriter {
    private struct Written: Equatable {
        var ips: [String]
        /// The object's resourceVersion before and after the write: until the cache moves past
        /// `before`, it has not seen the write yet.
        var before: String?
        var after: String?
    }

    private var assigned: [ServiceKey: [IPAddress]] = [:]
    private var refused: Set<ServiceKey> = []
    private var toClear: Set<ServiceKey> = []
    private var written: [ServiceKey: Written] = [:]
    /// Whether this instance may write (it holds the Lease, or there is no election).
    private var leading: Bool
    private let client: APIClient
    private let cache: ClusterCache
    private let logger: Logger
    private var backoff: Backoff
    private let signal: AsyncStream<Void>.Continuation
    private let triggers: AsyncStream<Void>

    init(client: APIClient, cache: ClusterCache, timing: KubernetesTiming, leading: Bool, logger: Logger) {
        self.leading = leading
        self.client = client
        self.cache = cache
        self.logger = logger
        backoff = Backoff(initial: timing.initialBackoff, maximum: timing.maximumBackoff)
        (triggers, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Takes the controller's latest picture of the Kubernetes services.
    func update(assignments: [ServiceKey: [IPAddress]], refusals: [ServiceKey: String]) {
        for key in assigned.keys where assignments[key] == nil && refusals[key] == nil { toClear.insert(key) }
        for key in assignments.keys { toClear.remove(key) }
        assigned = assignments
        refused = Set(refusals.keys)
        signal.yield()
    }

    /// Starts or stops writing as leadership comes and goes; a new leader checks every status.
    func setLeading(_ leading: Bool) {
        self.leading = leading
        written = [:]
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

    /// One pass over every Service whose status may be wrong; false when a write failed.
    private func writePending() async -> Bool {
        guard leading else { return true }
        let services = await cache.snapshot.services.objects
        var succeeded = true
        let keys = Set(assigned.keys).union(refused).union(toClear).sorted()
        for key in keys {
            guard let service = services[key.name] else {
                toClear.remove(key)
                written[key] = nil
                continue
            }
            let desired = StatusPatch.ingress(for: assigned[key] ?? [])
            if StatusPatch.matches(service.ingress, desired) {
                toClear.remove(key)
                continue
            }
            let ips = desired.compactMap(\.ip)
            if let last = written[key], last.ips == ips, service.metadata.resourceVersion == last.before {
                continue  // our write is on its way through the watch
            }
            do {
                let updated = try await client.patchServiceStatus(
                    namespace: service.metadata.namespace ?? "", name: service.metadata.name ?? "", patch: StatusPatch.body(desired)
                )
                written[key] = Written(ips: ips, before: service.metadata.resourceVersion, after: updated.metadata.resourceVersion)
                if ips.isEmpty { toClear.remove(key) }
                logger.info(
                    ips.isEmpty ? "cleared the load-balancer status of \(key.name)" : "wrote \(ips.joined(separator: ", ")) into the status of \(key.name)",
                    metadata: ["service": "\(key)"]
                )
            } catch {
                if case .status(404, _) = error { continue }  // deleted meanwhile
                logger.warning("cannot write the status of \(key.name): \(error)", metadata: ["service": "\(key)"])
                succeeded = false
            }
        }
        return succeeded
    }
}
