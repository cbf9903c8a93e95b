import IronLBPluginAPI
import Logging

/// Writes each IronLB Service's addresses into its `status.loadBalancer` through the status
/// subresource, and clears them when a Service stops being IronLB's. It writes only what differs
/// from the cached object, and retries failed writes with backoff.
actor StatusWriter {
    private struct Written: Equatable {
        var ips: [String]
        /// The object's resourceVersion when it was written: while the cache still holds that
        /// version, it has not seen the write yet.
        var before: String?
    }

    private var assigned: [ServiceKey: [IPAddress]] = [:]
    private var refused: [ServiceKey: String] = [:]
    /// The refusal each Service was last told about in an Event.
    private var reportedRefusals: [ServiceKey: String] = [:]
    private var toClear: Set<ServiceKey> = []
    private var written: [ServiceKey: Written] = [:]
    /// Whether this instance may write (it holds the Lease, or there is no election).
    private var leading: Bool
    private let client: APIClient
    private let events: EventRecorder
    private let cache: ClusterCache
    private let logger: Logger
    private var backoff: Backoff
    private let signal: AsyncStream<Void>.Continuation
    private let triggers: AsyncStream<Void>

    init(client: APIClient, cache: ClusterCache, events: EventRecorder, timing: KubernetesTiming, leading: Bool, logger: Logger) {
        self.leading = leading
        self.events = events
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
        refused = refusals
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

    /// One status write to make.
    private struct Write: Sendable {
        var key: ServiceKey
        var namespace: String
        var name: String
        var ingress: [ServiceObject.Ingress]
        var resourceVersion: String?
    }

    /// At most this many writes are in flight at once.
    private static let concurrentWrites = 8

    /// One pass over every Service whose status may be wrong; false when a write failed.
    private func writePending() async -> Bool {
        guard leading else { return true }
        let services = await cache.snapshot.services.objects
        await reportRefusals(services)
        let writes = plan(services)
        var succeeded = true
        let client = client
        let events = events
        await withTaskGroup(of: (Write, APIError?).self) { group in
            var pending = writes[...]
            func startNext() {
                guard let write = pending.popFirst() else { return }
                group.addTask {
                    do throws(APIError) {
                        let service = try await client.patchServiceStatus(namespace: write.namespace, name: write.name, patch: StatusPatch.body(write.ingress))
                        let ips = write.ingress.compactMap(\.ip)
                        if !ips.isEmpty {
                            await events.record(service, type: "Normal", reason: "IPAllocated", message: "Assigned IP [\(ips.map { "\"\($0)\"" }.joined(separator: ", "))]")
                        }
                        return (write, nil)
                    } catch {
                        return (write, error)
                    }
                }
            }
            for _ in 0..<Self.concurrentWrites { startNext() }
            for await (write, error) in group {
                succeeded = record(write, error) && succeeded
                startNext()
            }
        }
        return succeeded
    }

    /// Records an `AllocationFailed` Event for each refusal not yet reported with the same reason.
    private func reportRefusals(_ services: [String: ServiceObject]) async {
        for key in reportedRefusals.keys where refused[key] == nil { reportedRefusals[key] = nil }
        for (key, reason) in refused.sorted(by: { $0.key < $1.key }) where reportedRefusals[key] != reason {
            guard let service = services[key.name] else { continue }
            reportedRefusals[key] = reason
            await events.record(service, type: "Warning", reason: "AllocationFailed", message: "Failed to allocate IP for \"\(key.name)\": \(reason)")
        }
    }

    /// The writes needed to make the cached Services say what the controller assigned.
    private func plan(_ services: [String: ServiceObject]) -> [Write] {
        var writes: [Write] = []
        for key in Set(assigned.keys).union(refused.keys).union(toClear).sorted() {
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
            writes.append(Write(
                key: key, namespace: service.metadata.namespace ?? "", name: service.metadata.name ?? "",
                ingress: desired, resourceVersion: service.metadata.resourceVersion
            ))
        }
        return writes
    }

    /// Takes note of a write's outcome; false when it failed and must be retried.
    private func record(_ write: Write, _ error: APIError?) -> Bool {
        let ips = write.ingress.compactMap(\.ip)
        switch error {
        case nil:
            written[write.key] = Written(ips: ips, before: write.resourceVersion)
            if ips.isEmpty { toClear.remove(write.key) }
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
