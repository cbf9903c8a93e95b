package import IronLBPluginAPI

/// Which addresses a service holds, and from which pool.
package struct Assignment: Hashable, Sendable, Codable {
    /// The service.
    package var key: ServiceKey
    /// The pool the addresses came from.
    package var pool: String
    /// One address per family, IPv4 first.
    package var addresses: AssignedAddresses

    package init(key: ServiceKey, pool: String, addresses: AssignedAddresses) {
        self.key = key
        self.pool = pool
        self.addresses = addresses
    }
}

/// Why an allocation was refused, in words an operator understands.
package struct AllocationRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable reason label for metrics.
    package enum Reason: String, Sendable {
        case poolFull = "pool_full"
        case noPool = "no_pool"
        case unknownPool = "unknown_pool"
        case addressUnavailable = "address_unavailable"
        case addressOutsidePools = "address_outside_pools"
        case familyUnavailable = "family_unavailable"
        case poolDraining = "pool_draining"
    }

    /// The reason label.
    package var reason: Reason
    /// The sentence.
    package var message: String

    package var description: String { message }
}
