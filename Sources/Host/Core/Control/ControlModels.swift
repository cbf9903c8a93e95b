package import IronLBPluginAPI

/// `GET /v1/status`: is ironlbd healthy, which configuration runs, how did the last reload go.
package struct StatusReport: Codable, Sendable, Equatable {
    /// ironlbd's version.
    package var version: String
    /// The configuration file.
    package var configFile: String
    /// The generation of the running configuration (1 at start, +1 per applied reload).
    package var generation: Int
    /// `ok`, or `degraded` when the last reload failed or an announcer is unhealthy.
    package var health: String
    /// How the last reload ended: `none`, `applied`, `unchanged` or `rejected`.
    package var lastReload: String
    /// What the last applied reload changed, or why the last one was rejected (positioned errors).
    package var lastReloadDetails: [String]
    /// When the last successful load happened (Unix time).
    package var lastSuccessAt: Double?
    /// Counts.
    package var pools: Int
    package var services: Int
    package var refusals: Int
    /// Where this node stands in a maintenance drain.
    package var maintenance: Maintenance
    /// Each announcer's own summary.
    package var announcers: [AnnouncerStatus]
}

/// One line of `GET /v1/services`.
package struct ServiceReport: Codable, Sendable, Equatable {
    package var service: String
    package var pool: String?
    package var addresses: [String]
    /// Why the service has no address, when it has none.
    package var refusal: String?
    /// How a disagreement between the store and what its source records was resolved, if there was one.
    package var conflict: String? = nil
    /// The announcers that announce it.
    package var announcedBy: [String]
    /// The sharing key it asked for, and the other services that share an address with it.
    package var sharingKey: String?
    package var sharedWith: [String]
}

/// `GET /v1/routes`: the desired routes of every announcer.
package struct RoutesReport: Codable, Sendable, Equatable {
    package var routes: [String: [DesiredRoute]]
}

/// `POST /v1/reload`.
package struct ReloadReport: Codable, Sendable, Equatable {
    package var outcome: String
    package var generation: Int
    package var details: [String]
}

/// An error answer of the control API.
package struct ControlError: Codable, Sendable, Equatable, Error {
    package var error: String
}

extension ReloadStatus {
    /// The outcome's name and details for reports.
    package var report: (outcome: String, details: [String]) {
        switch outcome {
        case .none: ("none", [])
        case .unchanged: ("unchanged", [])
        case .applied(let summary): ("applied", [summary])
        case .rejected(let reasons): ("rejected", reasons)
        }
    }
}

/// One pool in `GET /v1/pools`.
package struct PoolReport: Codable, Sendable, Equatable {
    package struct Usage: Codable, Sendable, Equatable {
        /// The family (`ipv4`, `ipv6`), or the block (CIDR or range) for per-block usage.
        package var name: String
        package var capacity: AddressCount
        package var inUse: AddressCount
    }

    package var name: String
    package var strategy: String
    package var autoAssign: Bool
    package var draining: Bool
    package var priority: Int
    package var families: [Usage]
    package var blocks: [Usage]
    /// Services whose address a pool edit left outside every pool, with the reason.
    package var orphans: [String]
}

/// `GET /v1/services/SOURCE/NAME`: why this service has this address, and where it is announced.
package struct ExplainReport: Codable, Sendable, Equatable {
    package var service: String
    /// Whether a source currently declares it (false: only a restored assignment, or nothing).
    package var declared: Bool
    package var request: AddressRequest?
    package var pool: String?
    package var addresses: [String]
    /// Sentences, in order: how the pool and address were chosen, or why there is none.
    package var allocation: [String]
    /// The routes that carry it, per announcer.
    package var routes: [String: [DesiredRoute]]
    /// What each neighbour holds for its addresses (filled in by the control API).
    package var sent: [ExportedRoute]
    /// Sentences: why it is or is not announced.
    package var announcement: [String]
}

/// `POST /v1/drain`, `POST /v1/undrain`.
package typealias MaintenanceReport = Controller.MaintenanceReport

/// `GET /v1/peers`: one line per neighbour of every announcer.
package struct PeerReport: Codable, Sendable, Equatable {
    package var announcer: String
    package var peer: AnnouncerPeer
}
