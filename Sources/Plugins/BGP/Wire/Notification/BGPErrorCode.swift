/// The Error Code of a NOTIFICATION message (RFC 4271 §4.5; IANA "BGP Error Codes").
///
/// A struct rather than an enum because a peer may send codes this speaker does not know,
/// and those must still decode and print.
package struct BGPErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as it is on the wire.
    package var rawValue: UInt8

    /// Wraps a code from the wire.
    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// 1: the message header is bad (RFC 4271 §6.1); subcodes in `MessageHeaderErrorSubcode`.
    package static let messageHeaderError = BGPErrorCode(rawValue: 1)
    /// 2: the OPEN is bad (RFC 4271 §6.2); subcodes in `OpenMessageErrorSubcode`.
    package static let openMessageError = BGPErrorCode(rawValue: 2)
    /// 3: the UPDATE is bad (RFC 4271 §6.3); subcodes in `UpdateMessageErrorSubcode`.
    package static let updateMessageError = BGPErrorCode(rawValue: 3)
    /// 4: the hold timer expired (RFC 4271 §6.5).
    package static let holdTimerExpired = BGPErrorCode(rawValue: 4)
    /// 5: an event arrived that the FSM does not expect (RFC 4271 §6.6; subcodes RFC 6608).
    package static let finiteStateMachineError = BGPErrorCode(rawValue: 5)
    /// 6: the session is being closed on purpose (RFC 4271 §6.7; subcodes RFC 4486).
    package static let cease = BGPErrorCode(rawValue: 6)
    /// 7: a ROUTE-REFRESH is bad (RFC 7313 §5).
    package static let routeRefreshMessageError = BGPErrorCode(rawValue: 7)

    /// The RFC name of the code, or its number if it is unknown.
    package var description: String {
        switch rawValue {
        case 1: "Message Header Error"
        case 2: "OPEN Message Error"
        case 3: "UPDATE Message Error"
        case 4: "Hold Timer Expired"
        case 5: "Finite State Machine Error"
        case 6: "Cease"
        case 7: "ROUTE-REFRESH Message Error"
        default: "error code \(rawValue)"
        }
    }
}
