package import BGPWire

extension SessionConfiguration {
    /// The OPEN this speaker sends: our AS (AS_TRANS in My AS when it needs 4 octets), hold time,
    /// identifier, and the multiprotocol, route refresh, graceful restart and 4-octet AS capabilities.
    package var localOpen: BGPOpen {
        var capabilities: [BGPCapability] = families.map { .multiprotocol($0) }
        if routeRefresh {
            capabilities.append(.routeRefresh)
        }
        if let restart = gracefulRestart {
            capabilities.append(
                .gracefulRestart(
                    GracefulRestartCapability(
                        restartState: restart.restartState,
                        restartTime: restart.restartTime,
                        families: families.map { .init($0, forwardingStatePreserved: restart.forwardingStatePreserved) }
                    )
                )
            )
        }
        capabilities.append(.fourOctetAS(localAS))
        return BGPOpen(autonomousSystem: localAS, holdTime: holdTime, bgpIdentifier: routerID, capabilities: capabilities)
    }

    /// Checks the peer's OPEN in the order of RFC 4271 §6.2 and, if it is acceptable, returns
    /// what the two OPENs agree on.
    package func negotiate(with open: BGPOpen) -> Result<NegotiatedSession, OpenRejection> {
        // §6.2: version first.
        guard open.version == BGPWire.version else {
            return .failure(.unsupportedVersion(open.version))
        }

        // RFC 6793 §4.1: with the 4-octet AS capability its value is the peer's AS and My AS is
        // only AS_TRANS or a copy; without it, My AS is the AS (so a 4-octet AS peer that does not
        // send the capability shows up as AS_TRANS and is refused). RFC 7607: AS 0 is refused.
        let peerAS = open.autonomousSystem
        guard peerAS == self.peerAS, peerAS != 0, open.myAS != 0 else {
            return .failure(.badPeerAS(received: peerAS, expected: self.peerAS))
        }

        // RFC 6286 §2.2: any non-zero identifier, unique within the AS.
        let identifier = open.bgpIdentifier
        guard identifier.rawValue != 0, !(isInternal && identifier == routerID) else {
            return .failure(.badBGPIdentifier(identifier))
        }

        // §4.2, §6.2: 0 or at least 3 seconds; below our configured minimum is refused too.
        guard open.holdTime == 0 || open.holdTime >= max(3, minimumHoldTime) else {
            return .failure(.unacceptableHoldTime(open.holdTime))
        }
        let holdTime = min(self.holdTime, open.holdTime)
        let keepaliveTime = holdTime == 0 ? 0 : max(1, min(self.keepaliveTime ?? holdTime / 3, holdTime / 3))

        // RFC 4760 §8: a speaker that sends no multiprotocol capability offers IPv4 unicast only.
        let offered = open.multiprotocolFamilies
        let peerFamilies = Set(offered.isEmpty ? [.ipv4Unicast] : offered)
        let common = families.filter(peerFamilies.contains).sorted()
        let missing = families.filter { !peerFamilies.contains($0) }.sorted()
        guard !common.isEmpty, missing.isEmpty || !requireAllFamilies else {
            return .failure(.unsupportedFamilies(missing))
        }

        return .success(
            NegotiatedSession(
                peerAS: peerAS,
                peerIdentifier: identifier,
                isInternal: isInternal,
                holdTime: holdTime,
                keepaliveTime: keepaliveTime,
                families: common,
                fourOctetAS: open.fourOctetASCapability != nil,
                routeRefresh: routeRefresh && open.supportsRouteRefresh,
                gracefulRestart: gracefulRestartNegotiation(with: open, families: common)
            )
        )
    }

    /// Graceful restart as both ends advertised it, limited to the families in common.
    private func gracefulRestartNegotiation(with open: BGPOpen, families: [RouteFamily]) -> GracefulRestartNegotiation? {
        guard let local = gracefulRestart, let peer = open.gracefulRestart else { return nil }
        return GracefulRestartNegotiation(
            peerRestartState: peer.restartState,
            peerNotificationSupport: peer.notificationSupport,
            peerRestartTime: peer.restartTime,
            peerFamilies: peer.families.filter { families.contains($0.family) },
            localRestartTime: local.restartTime,
            localForwardingStatePreserved: local.forwardingStatePreserved,
            localRestartState: local.restartState
        )
    }
}
