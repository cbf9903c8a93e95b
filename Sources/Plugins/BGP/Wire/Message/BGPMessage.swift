/// One BGP message (RFC 4271 §4, RFC 2918 §3).
package enum BGPMessage: Hashable, Sendable, CustomStringConvertible {
    /// OPEN, with the capabilities the speaker offers.
    case open(BGPOpen)
    /// UPDATE, announcing and withdrawing routes.
    case update(BGPUpdate)
    /// NOTIFICATION, closing the session.
    case notification(BGPNotification)
    /// KEEPALIVE.
    case keepalive
    /// ROUTE-REFRESH, asking for the peer's routes of one family again.
    case routeRefresh(BGPRouteRefresh)

    /// The message's type code.
    package var type: BGPMessageType {
        switch self {
        case .open: .open
        case .update: .update
        case .notification: .notification
        case .keepalive: .keepalive
        case .routeRefresh: .routeRefresh
        }
    }

    /// A one-line summary for logs.
    package var description: String {
        switch self {
        case .open(let open): "OPEN \(open)"
        case .update(let update): "UPDATE \(update)"
        case .notification(let notification): "NOTIFICATION \(notification)"
        case .keepalive: "KEEPALIVE"
        case .routeRefresh(let refresh): "ROUTE-REFRESH \(refresh.family)"
        }
    }
}
