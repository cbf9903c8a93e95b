import Foundation
import Logging

/// Records core/v1 Events on Services (`IPAllocated`, `AllocationFailed`), so `kubectl describe`
/// says what IronLB did and why not. Events queue up and go out one at a time, and none while the
/// status writer is writing (`holdWhile(writing:)`): statuses matter more. Best effort: a failed
/// Event is logged and dropped, and beyond `capacity` queued Events new ones are dropped.
actor EventRecorder {
    private let client: APIClient
    /// The node name, as `reportingInstance` and in `source.host`.
    private let instance: String
    private let logger: Logger
    /// Queued Events, as the few fields that differ between them (about 180 bytes each, sharing the
    /// Services' strings); the body is built and encoded when sent. After a burst of 10,000
    /// Services about 20,000 wait (`IPAllocated` and `AnnouncingFrom` for each) until the statuses
    /// are written.
    private var pending: [PendingEvent] = []
    private let encoder = JSONEncoder()
    private var dropped = 0
    private let signal: AsyncStream<Void>.Continuation
    private let triggers: AsyncStream<Void>
    /// The most Events waiting to be sent (at most about 9 MB).
    static let capacity = 50_000
    /// Whether the status writer is writing, and who waits for it to stop.
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

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
                if held { await waitForTheWriter() }
                do throws(APIError) {
                    // A Codable body: JSONSerialization of a [String: Any] with sorted keys cost more
                    // than the status write itself when 10,000 Services got their addresses at once.
                    guard let body = try? encoder.encode(self.body(of: event)) else { continue }
                    try await client.createEvent(namespace: event.namespace, body: body)
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

    /// Holds Events back while the status writer writes; lets them go when it stops.
    func holdWhile(writing: Bool) {
        held = writing
        if !writing { resumeWaiting() }
    }

    /// Returns when the status writer stops writing, or at once when cancelled (shutting down).
    private func waitForTheWriter() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume() } else { waiting.append(continuation) }
            }
        } onCancel: {
            Task { await self.resumeWaiting() }
        }
    }

    private func resumeWaiting() {
        let resumed = waiting
        waiting = []
        for continuation in resumed { continuation.resume() }
    }

    /// Queues an Event of `type` (`Normal` or `Warning`) about the Service with `metadata`.
    func record(_ metadata: ObjectMeta, type: String, reason: String, message: String) {
        guard pending.count < Self.capacity else {
            dropped += 1
            return
        }
        pending.append(PendingEvent(
            namespace: metadata.namespace ?? "default", name: metadata.name ?? "", uid: metadata.uid ?? "",
            resourceVersion: metadata.resourceVersion ?? "", type: type, reason: reason, message: message, time: Date()
        ))
        signal.yield()
    }

    /// The Event to create for `event`, stamped with the time it was recorded.
    private func body(of event: PendingEvent) -> EventBody {
        let time = Self.timestamp(event.time)
        return EventBody(
            metadata: .init(generateName: "\(event.name.isEmpty ? "service" : event.name).", namespace: event.namespace),
            involvedObject: .init(namespace: event.namespace, name: event.name, uid: event.uid, resourceVersion: event.resourceVersion),
            type: event.type, reason: event.reason, message: event.message, firstTimestamp: time, lastTimestamp: time,
            source: .init(host: instance), reportingInstance: instance
        )
    }

    /// A `Time` as the API server writes it: RFC 3339 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        String(LeaseObject.microTime(date).prefix(19)) + "Z"
    }
}

/// An Event waiting to be sent: what differs from one to the next.
private struct PendingEvent: Sendable {
    var namespace: String
    var name: String
    var uid: String
    var resourceVersion: String
    var type: String
    var reason: String
    var message: String
    var time: Date
}

/// A core/v1 Event as IronLB creates it.
private struct EventBody: Encodable, Sendable {
    struct Metadata: Encodable, Sendable {
        var generateName: String
        var namespace: String
    }

    struct InvolvedObject: Encodable, Sendable {
        var apiVersion = "v1"
        var kind = "Service"
        var namespace: String
        var name: String
        var uid: String
        var resourceVersion: String
    }

    struct Source: Encodable, Sendable {
        var component = "ironlb"
        var host: String
    }

    var apiVersion = "v1"
    var kind = "Event"
    var metadata: Metadata
    var involvedObject: InvolvedObject
    var type: String
    var reason: String
    var message: String
    var count = 1
    var firstTimestamp: String
    var lastTimestamp: String
    var source: Source
    var reportingComponent = "ironlb.io/ironlbd"
    var reportingInstance: String
}
