/// Subcodes of ROUTE-REFRESH Message Error, code 7 (RFC 7313 §5).
package enum RouteRefreshMessageErrorSubcode: UInt8, Sendable, CaseIterable {
    /// The ROUTE-REFRESH message is not 23 octets long; the data is the message.
    case invalidMessageLength = 1
}
