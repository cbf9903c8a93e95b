/// The identity of a service across sources: `static/web`, `kubernetes/default/web`, `local/vm-17`.
public struct ServiceKey: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The source that owns the service (`static`, `kubernetes`, `local`).
    public var source: String
    /// The service's name within its source (Kubernetes uses `namespace/name`).
    public var name: String

    /// Creates a key.
    public init(source: String, name: String) {
        self.source = source
        self.name = name
    }

    /// `source/name`.
    public var description: String { "\(source)/\(name)" }

    public static func < (lhs: ServiceKey, rhs: ServiceKey) -> Bool {
        (lhs.source, lhs.name) < (rhs.source, rhs.name)
    }
}
