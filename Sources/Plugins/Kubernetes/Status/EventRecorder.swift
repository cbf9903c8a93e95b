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
    /// Queued Events, encoded only when sent: after a burst thousands wait, and their fields share
    /// the Services' strings where encoded bodies would each be a buffer of their own.
    private var pending: [EventBody] = []
    private let encoder = JSONEncoder()
    private var dropped = 0
    private let signal: AsyncStream<Void>.Continuation
    private let triggers: AsyncStream<Void>
    /// The most Events waiting to be sent.
    static let capacity = 10_000
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
                let namespace = event.metadata.namespace
                do throws(APIError) {
                    // A Codable body: JSONSerialization of a [String: Any] with sorted keys cost more
                    // than the status write itself when 10,000 Services got their addresses at once.
                    guard let body = try? encoder.encode(event) else { continue }
                    try await client.createEvent(namespace: namespace, body: body)
                } catch {
                    logger.debug("cannot record event \(event.reason) on \(namespace)/\(event.involvedObject.name): \(error)")
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
        let now = Self.timestamp(Date())
        let namespace = metadata.namespace ?? "default"
        let event = EventBody(
            metadata: .init(generateName: "\(metadata.name ?? "service").", namespace: namespace),
            involvedObject: .init(namespace: namespace, name: metadata.name ?? "", uid: metadata.uid ?? "",
                                  resourceVersion: metadata.resourceVersion ?? ""),
            type: type, reason: reason, message: message, firstTimestamp: now, lastTimestamp: now,
            source: .init(host: instance), reportingInstance: instance
        )
        pending.append(event)
        signal.yield()
    }

    /// A `Time` as the API server writes it: RFC 3339 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        String(LeaseObject.microTime(date).prefix(19)) + "Z"
    }
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
