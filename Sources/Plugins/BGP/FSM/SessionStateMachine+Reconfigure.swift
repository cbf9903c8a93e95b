/// Applying a new configuration without resetting a session that does not need it.
extension SessionStateMachine {
    /// Replaces the configuration. Settings that only the state machine uses (timers, back-off,
    /// graceful shutdown wait) apply in place; a change to what the OPENs negotiate closes a
    /// session past Active with Cease 6/6 (Other Configuration Change) and restarts it after the
    /// back-off, so the new OPEN is sent. Returns the actions, empty when nothing is reset.
    package mutating func reconfigure(to newConfiguration: SessionConfiguration) -> [Action] {
        let needsReset = !configuration.negotiatesLike(newConfiguration)
        configuration = newConfiguration
        backoff.initialDelay = newConfiguration.backoff.initialDelay
        backoff.maximumDelay = newConfiguration.backoff.maximumDelay
        backoff.jitter = newConfiguration.backoff.jitter
        backoff.resetAfter = newConfiguration.backoff.resetAfter
        guard needsReset else { return [] }
        switch state {
        case .idle, .connect, .active:
            // No OPEN sent yet: the next one carries the new settings.
            return []
        case .openSent, .openConfirm, .established:
            return handle(.automaticStop(.otherConfigurationChange))
        }
    }
}

extension SessionConfiguration {
    /// Whether the two configurations send the same OPEN and judge the peer's the same way.
    func negotiatesLike(_ other: SessionConfiguration) -> Bool {
        localOpen == other.localOpen && peerAS == other.peerAS && keepaliveTime == other.keepaliveTime
            && minimumHoldTime == other.minimumHoldTime && requireAllFamilies == other.requireAllFamilies
    }
}
