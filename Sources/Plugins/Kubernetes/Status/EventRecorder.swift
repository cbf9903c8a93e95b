import Foundation
import Logging

/// Records core/v1 Events on Services (`IPAllocated`, `AllocationFailed`), so `kubectl describe`
/// says what IronLB did and why not. Events queue up and go out one at a time behind the status
/// writes, which matter more; best effort: a failed Event is logged and dropped, and beyond
/// `capacity` queued Events new ones are dropped.
actor EventRecorder {
    private struct Pending: Sendable {
        var namespace: String
        var reason: String
        var name: String
        var body: Data
    }

    private let client: APIClient
    /// The node name, as `reportingInstance` and in `source.host`.
    private let instance: String
    private let logger: Logger
    private var pending: [Pending] = []
    private var dropped = 0
    private let signal: AsyncStream<Void>.Continuation
    private let triggers: AsyncStream<Void>
    /// The most Events waiting to be sent.
    static let capacity = 10_000

    init(client: APIClient, instance: String, logger: Logger) {
        self.client = client
        self.instance = instance
        self.logger = logger
        (triggers, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Sends queued Events until cancelled.
    func run() async {
        for await _ in triggers {
            let batch = pending
            pending = []
            for event in batch where !Task.isCancelled {
                do throws(APIError) {
                    try await client.createEvent(namespace: event.namespace, body: event.body)
                } catch {
                    logger.debug("cannot record event \(event.reason) on \(event.namespace)/\(event.name): \(error)")
                }
            }
            if dropped > 0 {
                logger.warning("dropped \(dropped) Kubernetes events: more than \(Self.capacity) were waiting")
                dropped = 0
            }
        }
    }

    /// Queues an Event of `type` (`Normal` or `Warning`) about `service`.
    func record(_ service: ServiceObject, type: String, reason: String, message: String) {
        let now = Self.timestamp(Date())
        let namespace = service.metadata.namespace ?? "default"
        let event: [String: Any] = [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["generateName": "\(service.metadata.name ?? "service").", "namespace": namespace],
            "involvedObject": [
                "apiVersion": "v1", "kind": "Service", "namespace": namespace, "name": service.metadata.name ?? "",
                "uid": service.metadata.uid ?? "", "resourceVersion": service.metadata.resourceVersion ?? "",
            ],
            "type": type, "reason": reason, "message": message, "count": 1,
            "firstTimestamp": now, "lastTimestamp": now,
            "source": ["component": "ironlb", "host": instance],
            "reportingComponent": "ironlb.io/ironlbd", "reportingInstance": instance,
        ]
        guard let body = try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]) else { return }
        guard pending.count < Self.capacity else {
            dropped += 1
            return
        }
        pending.append(Pending(namespace: namespace, reason: reason, name: service.metadata.name ?? "", body: body))
        signal.yield()
    }

    /// A `Time` as the API server writes it: RFC 3339 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        String(LeaseObject.microTime(date).prefix(19)) + "Z"
    }
}
