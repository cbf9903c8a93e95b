/// How a received UPDATE with an error must be handled (RFC 7606 §2).
///
/// Session resets are thrown as `BGPMessageError` by the decoder; the weaker two are reported
/// on the decoded `BGPUpdate` so the session can continue.
package enum UpdateErrorAction: Hashable, Sendable, CustomStringConvertible {
    /// The malformed attribute is dropped and the UPDATE is otherwise used (RFC 7606 §2).
    case attributeDiscard(UpdateErrorReason)
    /// Every route the UPDATE announces is handled as withdrawn (RFC 7606 §2).
    case treatAsWithdraw(UpdateErrorReason)
    /// The session must be reset with this NOTIFICATION (RFC 4271 §6.3).
    case sessionReset(BGPNotification)

    /// The strength of the action; RFC 7606 §3 says the strongest of several applies.
    package var strength: Int {
        switch self {
        case .attributeDiscard: 1
        case .treatAsWithdraw: 2
        case .sessionReset: 3
        }
    }

    /// The action with its reason, for logs.
    package var description: String {
        switch self {
        case .attributeDiscard(let reason): "attribute-discard (\(reason))"
        case .treatAsWithdraw(let reason): "treat-as-withdraw (\(reason))"
        case .sessionReset(let notification): "session-reset (NOTIFICATION \(notification))"
        }
    }
}
