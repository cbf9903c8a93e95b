/// The Type field of the message header (RFC 4271 §4.1, RFC 2918 §3).
package enum BGPMessageType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// OPEN, the first message of a session.
    case open = 1
    /// UPDATE, which announces and withdraws routes.
    case update = 2
    /// NOTIFICATION, which closes a session with a reason.
    case notification = 3
    /// KEEPALIVE, which keeps the hold timer from expiring.
    case keepalive = 4
    /// ROUTE-REFRESH, which asks the peer to resend its Adj-RIB-Out.
    case routeRefresh = 5

    /// The shortest message of this type that is not a header error (RFC 4271 §6.1).
    ///
    /// ROUTE-REFRESH is absent from RFC 4271 §6.1: a wrong length is a ROUTE-REFRESH Message
    /// Error (RFC 7313 §5), which its body decoder reports.
    var minimumLength: Int {
        switch self {
        case .open: 29
        case .update: 23
        case .notification: 21
        case .keepalive, .routeRefresh: 19
        }
    }

    /// The longest valid message of this type, header included.
    var maximumLength: Int {
        switch self {
        // RFC 4271 §4.4: a KEEPALIVE is only the header.
        case .keepalive: 19
        default: BGPWire.maximumMessageLength
        }
    }

    /// The RFC name of the type.
    package var description: String {
        switch self {
        case .open: "OPEN"
        case .update: "UPDATE"
        case .notification: "NOTIFICATION"
        case .keepalive: "KEEPALIVE"
        case .routeRefresh: "ROUTE-REFRESH"
        }
    }
}
