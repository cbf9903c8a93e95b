/// The annotations a Service may carry to steer its allocation, under IronLB's prefix and, so that a
/// cluster can move over without editing its Services, under MetalLB's two prefixes. IronLB's wins
/// when a Service carries more than one.
enum ServiceAnnotations {
    /// The prefixes, in order of precedence.
    static let prefixes = ["ironlb.io/", "metallb.io/", "metallb.universe.tf/"]

    /// The pool to allocate from.
    static let addressPool = "address-pool"
    /// Comma-separated addresses, at most one per family.
    static let loadBalancerIPs = "loadBalancerIPs"
    /// The sharing key: Services with equal keys may share an address when their ports differ.
    static let allowSharedIP = "allow-shared-ip"

    /// Written by IronLB (never read as a request): the pool the Service's addresses come from.
    /// Removed when the Service has no address from IronLB or stops being IronLB's.
    static let allocatedFromPool = "ironlb.io/allocated-from-pool"

    /// Whether IronLB reads (or writes) the annotation `key`: it has one of the ``prefixes``.
    static func isRead(_ key: String) -> Bool {
        prefixes.contains { key.hasPrefix($0) }
    }

    /// The value of `name` under the first prefix that has it, with the full annotation key.
    static func value(_ name: String, in annotations: [String: String]) -> (key: String, value: String)? {
        for prefix in prefixes {
            if let value = annotations[prefix + name] { return (prefix + name, value) }
        }
        return nil
    }
}
