/// Subcodes of Cease, code 6 (RFC 4486 §4, RFC 8538, RFC 9384).
package enum CeaseSubcode: UInt8, Sendable, CaseIterable {
    /// The peer sent more prefixes than allowed; data: AFI, SAFI, limit.
    case maximumNumberOfPrefixesReached = 1
    /// The session is shut down by the operator; data: RFC 9003 shutdown communication.
    case administrativeShutdown = 2
    /// The peer was removed from the configuration.
    case peerDeconfigured = 3
    /// The session is reset by the operator; data: RFC 9003 shutdown communication.
    case administrativeReset = 4
    /// The connection was refused before an OPEN was accepted.
    case connectionRejected = 5
    /// A configuration change needs a new session.
    case otherConfigurationChange = 6
    /// Connection collision resolution closed this connection (RFC 4271 §6.8).
    case connectionCollisionResolution = 7
    /// The speaker ran out of resources.
    case outOfResources = 8
    /// Hard reset: graceful restart must not be used (RFC 8538).
    case hardReset = 9
    /// BFD declared the peer down (RFC 9384).
    case bfdDown = 10
}
