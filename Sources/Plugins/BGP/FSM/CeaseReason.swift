package import BGPWire

/// Why this speaker closes a session on purpose: the Cease subcodes of RFC 4486 that an
/// operator or the configuration can cause, with RFC 9003 shutdown communications.
package enum CeaseReason: Hashable, Sendable, CustomStringConvertible {
    /// 6/2: the operator shut the session down; `communication` is shown to the peer's operator.
    case administrativeShutdown(communication: String)
    /// 6/3: the peer was removed from the configuration.
    case peerDeconfigured
    /// 6/4: the operator reset the session.
    case administrativeReset(communication: String)
    /// 6/6: a configuration change needs a new session.
    case otherConfigurationChange
    /// 6/7: collision resolution closed this connection (RFC 4271 §6.8).
    case connectionCollisionResolution

    /// 6/2 with no communication.
    package static let administrativeShutdown = CeaseReason.administrativeShutdown(communication: "")

    /// The Cease NOTIFICATION that tells the peer this reason.
    package var notification: BGPNotification {
        switch self {
        case .administrativeShutdown(let communication):
            .administrativeShutdown(communication: communication)
        case .peerDeconfigured:
            .cease(.peerDeconfigured)
        case .administrativeReset(let communication):
            .administrativeReset(communication: communication)
        case .otherConfigurationChange:
            .cease(.otherConfigurationChange)
        case .connectionCollisionResolution:
            .cease(.connectionCollisionResolution)
        }
    }

    /// The subcode name, plus the communication when there is one.
    package var description: String {
        switch self {
        case .administrativeShutdown(let text): text.isEmpty ? "administrative shutdown" : "administrative shutdown: \"\(text)\""
        case .peerDeconfigured: "peer de-configured"
        case .administrativeReset(let text): text.isEmpty ? "administrative reset" : "administrative reset: \"\(text)\""
        case .otherConfigurationChange: "other configuration change"
        case .connectionCollisionResolution: "connection collision resolution"
        }
    }
}
