import IronLBPluginAPI

/// The result of the latest reload, for `ironlbctl status`, metrics and the systemd status line.
package struct ReloadStatus: Sendable, Equatable {
    /// How a reload ended.
    package enum Outcome: Sendable, Equatable {
        /// Nothing has been reloaded since start.
        case none
        /// The new configuration is running; `summary` says what changed.
        case applied(summary: String)
        /// The file was unchanged in substance.
        case unchanged
        /// The new configuration was refused; the previous one keeps running.
        case rejected(reasons: [String])
    }

    /// Incremented each time a new configuration is committed; 1 is the one read at start.
    package var generation: Int = 1
    /// The outcome of the latest attempt.
    package var outcome: Outcome = .none
    /// When the latest attempt ended (wall-clock seconds since the epoch), if any.
    package var attemptedAt: Double?
    /// When a configuration was last committed (start-up counts).
    package var lastSuccessAt: Double?

    /// Whether the latest attempt succeeded (true before any attempt).
    package var lastSucceeded: Bool {
        if case .rejected = outcome { return false }
        return true
    }
}
