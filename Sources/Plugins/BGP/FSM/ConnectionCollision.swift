package import BGPWire
package import IronLBPluginAPI

/// Connection collision detection (RFC 4271 §6.8, RFC 6286 §2.3).
///
/// When both speakers connect at once, two connections to the same peer exist. The driver runs
/// one `SessionStateMachine` per connection; when an OPEN arrives on one of them it asks
/// `resolve` which to keep, and feeds `OpenCollisionDump` to the state machine of the loser,
/// which sends Cease 6/7 (Connection Collision Resolution) and closes.
package enum ConnectionCollision {
    /// What to do about a second connection to a peer.
    package enum Resolution: Hashable, Sendable {
        /// The other connection has not seen an OPEN yet (Idle, Connect, Active), so §6.8 cannot
        /// compare identifiers; both live on until one of them does.
        case noCollision
        /// Close the connection opened in this direction with Cease 6/7 and keep the other.
        case close(ConnectionDirection)
    }

    /// The NOTIFICATION the losing connection sends: Cease 6/7, Connection Collision Resolution
    /// (RFC 4486). `SessionStateMachine` sends it itself on `openCollisionDump`.
    package static let notification = CeaseReason.connectionCollisionResolution.notification

    /// Decides which of two connections to the same peer survives.
    ///
    /// - Parameters:
    ///   - existing: the state of the connection that was there first and its direction; the new
    ///     connection, whose OPEN was just received, runs the other way.
    ///   - localIdentifier: this speaker's BGP Identifier.
    ///   - remoteIdentifier: the BGP Identifier in the OPEN just received.
    ///   - localAS, remoteAS: the AS numbers, compared only when the identifiers are equal (RFC 6286).
    package static func resolve(
        existing: (state: SessionStateName, direction: ConnectionDirection),
        localIdentifier: IPv4Address,
        remoteIdentifier: IPv4Address,
        localAS: UInt32,
        remoteAS: UInt32
    ) -> Resolution {
        switch existing.state {
        case .idle, .connect, .active:
            return .noCollision
        case .established:
            // §6.8: with CollisionDetectEstablishedState off (the default, and all this module
            // offers), an established session always wins over a newcomer.
            return .close(existing.direction.opposite)
        case .openSent, .openConfirm:
            // §6.8 names OpenConfirm; OpenSent qualifies too because the new connection's OPEN
            // already told us the peer's identifier.
            return .close(loser(localIdentifier: localIdentifier, remoteIdentifier: remoteIdentifier, localAS: localAS, remoteAS: remoteAS))
        }
    }

    /// The direction of the connection to close: the one opened by the speaker with the lower
    /// BGP Identifier, compared as unsigned 32-bit integers in host order (§6.8); with equal
    /// identifiers, the one opened by the speaker with the lower AS number (RFC 6286 §2.3).
    package static func loser(localIdentifier: IPv4Address, remoteIdentifier: IPv4Address, localAS: UInt32, remoteAS: UInt32) -> ConnectionDirection {
        if localIdentifier != remoteIdentifier {
            // IPv4Address orders by its UInt32 value: unsigned, host order, as §6.8 asks.
            // The lower speaker's own connection goes: ours is the outbound one.
            return localIdentifier < remoteIdentifier ? .outbound : .inbound
        }
        // Equal identifiers and equal AS numbers are refused by the OPEN checks (2/3) before
        // this point; should they meet here anyway, keep our own connection.
        return localAS < remoteAS ? .outbound : .inbound
    }
}

extension ConnectionDirection {
    /// The other direction.
    package var opposite: ConnectionDirection {
        self == .outbound ? .inbound : .outbound
    }
}
