import Foundation

/// A coordination.k8s.io/v1 `Lease`, as read and written for leader election.
struct LeaseObject: Codable, Sendable, Equatable {
    /// `spec` of a Lease (Kubernetes API reference, LeaseSpec).
    struct Spec: Codable, Sendable, Equatable {
        var holderIdentity: String?
        var leaseDurationSeconds: Int?
        var acquireTime: String?
        var renewTime: String?
        var leaseTransitions: Int?
    }

    var apiVersion = "coordination.k8s.io/v1"
    var kind = "Lease"
    var metadata: ObjectMeta
    var spec: Spec?

    /// A MicroTime as the API server writes it: RFC 3339, UTC, exactly six fractional digits.
    static func microTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int((date.timeIntervalSince1970 - seconds) * 1_000_000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(micros, 6))Z"
    }
}
