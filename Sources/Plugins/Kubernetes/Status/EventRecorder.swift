import Foundation
import Logging

/// Records core/v1 Events on Services (`IPAllocated`, `AllocationFailed`), so `kubectl describe`
/// says what IronLB did and why not. Best effort: a failed Event is logged and dropped.
struct EventRecorder: Sendable {
    let client: APIClient
    /// The node name, as `reportingInstance` and in `source.host`.
    let instance: String
    let logger: Logger

    /// Records an Event of `type` (`Normal` or `Warning`) about `service`.
    func record(_ service: ServiceObject, type: String, reason: String, message: String) async {
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
        do throws(APIError) {
            guard let body = try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]) else { return }
            try await client.createEvent(namespace: namespace, body: body)
        } catch {
            logger.debug("cannot record event \(reason) on \(namespace)/\(service.metadata.name ?? ""): \(error)")
        }
    }

    /// A `Time` as the API server writes it: RFC 3339 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        String(LeaseObject.microTime(date).prefix(19)) + "Z"
    }
}
