/// The six states of the BGP finite state machine (RFC 4271 §8.2.2), without their payloads.
package enum SessionStateName: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Idle: refuses connections; waits for a start event or the back-off to end.
    case idle
    /// Connect: waiting for the outbound TCP connection to complete.
    case connect
    /// Active: listening for the peer to connect.
    case active
    /// OpenSent: our OPEN is sent; waiting for the peer's.
    case openSent
    /// OpenConfirm: OPENs exchanged; waiting for the first KEEPALIVE.
    case openConfirm
    /// Established: UPDATEs flow.
    case established

    /// The RFC spelling: "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established".
    package var description: String {
        switch self {
        case .idle: "Idle"
        case .connect: "Connect"
        case .active: "Active"
        case .openSent: "OpenSent"
        case .openConfirm: "OpenConfirm"
        case .established: "Established"
        }
    }
}
