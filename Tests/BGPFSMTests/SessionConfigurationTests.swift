import BGPWire
import Testing
@testable import BGPFSM
import IronLBPluginAPI

@Suite("SessionConfiguration: OPEN checks and capability negotiation")
struct SessionConfigurationTests {
    func negotiate(_ configuration: SessionConfiguration, _ open: BGPOpen) -> Result<NegotiatedSession, OpenRejection> {
        configuration.negotiate(with: open)
    }

    func negotiate(_ open: BGPOpen) -> Result<NegotiatedSession, OpenRejection> {
        Fixtures.configuration().negotiate(with: open)
    }

    @Test("A version other than 4 is refused with 2/1 carrying version 4", arguments: [UInt8(3), 5])
    func version(version: UInt8) {
        let result = negotiate(Fixtures.peerOpen(version: version))
        #expect(result == .failure(.unsupportedVersion(version)))
        #expect(OpenRejection.unsupportedVersion(version).notification == .openMessageError(.unsupportedVersionNumber, data: [0, 4]))
    }

    @Test("A peer AS other than the configured one is refused with 2/2")
    func badPeerAS() {
        #expect(negotiate(Fixtures.peerOpen(myAS: 65003, capabilities: [])) == .failure(.badPeerAS(received: 65003, expected: 65002)))
        // The 4-octet capability wins over My AS (RFC 6793).
        #expect(negotiate(Fixtures.peerOpen(myAS: 65002, capabilities: [.fourOctetAS(65003)])) == .failure(.badPeerAS(received: 65003, expected: 65002)))
        // AS 0 is never acceptable (RFC 7607).
        #expect(negotiate(Fixtures.configuration(), Fixtures.peerOpen(myAS: 0, capabilities: [.fourOctetAS(65002)])) == .failure(.badPeerAS(received: 65002, expected: 65002)))
    }

    @Test("A 4-octet peer AS comes from the capability, with AS_TRANS in My AS")
    func fourOctetPeerAS() throws {
        let configuration = Fixtures.configuration(peerAS: 4_200_000_001)
        let session = try negotiate(configuration, Fixtures.peerOpen(myAS: 23456, capabilities: [.fourOctetAS(4_200_000_001)])).get()
        #expect(session.peerAS == 4_200_000_001 && session.fourOctetAS)
        // Without the capability the peer looks like AS_TRANS, which is not the configured AS.
        #expect(negotiate(configuration, Fixtures.peerOpen(myAS: 23456, capabilities: [])) == .failure(.badPeerAS(received: 23456, expected: 4_200_000_001)))
    }

    @Test("A 2-octet-only peer negotiates without 4-octet AS")
    func twoOctetPeer() throws {
        let session = try negotiate(Fixtures.peerOpen(capabilities: [.multiprotocol(.ipv4Unicast)])).get()
        #expect(!session.fourOctetAS && !session.routeRefresh && session.peerAS == 65002)
    }

    @Test("Identifier 0 is refused with 2/3; our own identifier only on iBGP")
    func identifier() throws {
        #expect(negotiate(Fixtures.peerOpen(identifier: IPv4Address(0))) == .failure(.badBGPIdentifier(IPv4Address(0))))
        let ibgp = Fixtures.configuration(peerAS: 65001)
        let sameID = Fixtures.peerOpen(myAS: 65001, identifier: Fixtures.localID, capabilities: [.fourOctetAS(65001)])
        #expect(negotiate(ibgp, sameID) == .failure(.badBGPIdentifier(Fixtures.localID)))
        #expect(OpenRejection.badBGPIdentifier(Fixtures.localID).notification == .openMessageError(.badBGPIdentifier))
        // RFC 6286: on eBGP the same identifier is allowed.
        let ebgp = try negotiate(Fixtures.peerOpen(identifier: Fixtures.localID)).get()
        #expect(ebgp.peerIdentifier == Fixtures.localID && !ebgp.isInternal)
    }

    @Test("Hold times: 0 and 3 are accepted, 1 and 2 refused, below a configured minimum refused")
    func holdTimes() throws {
        #expect(try negotiate(Fixtures.peerOpen(holdTime: 0)).get().holdTime == 0)
        #expect(try negotiate(Fixtures.peerOpen(holdTime: 0)).get().keepaliveTime == 0)
        #expect(try negotiate(Fixtures.peerOpen(holdTime: 3)).get().keepaliveTime == 1)
        #expect(negotiate(Fixtures.peerOpen(holdTime: 1)) == .failure(.unacceptableHoldTime(1)))
        #expect(negotiate(Fixtures.peerOpen(holdTime: 2)) == .failure(.unacceptableHoldTime(2)))
        var strict = Fixtures.configuration()
        strict.minimumHoldTime = 10
        #expect(negotiate(strict, Fixtures.peerOpen(holdTime: 9)) == .failure(.unacceptableHoldTime(9)))
        #expect(try negotiate(strict, Fixtures.peerOpen(holdTime: 10)).get().holdTime == 10)
        // Our hold time 0 wins over theirs.
        #expect(try negotiate(Fixtures.configuration(holdTime: 0), Fixtures.peerOpen(holdTime: 90)).get().holdTime == 0)
        #expect(OpenRejection.unacceptableHoldTime(1).notification == .openMessageError(.unacceptableHoldTime))
    }

    @Test("A configured keepalive is used when it is at most a third of the hold time")
    func keepalive() throws {
        var configuration = Fixtures.configuration()
        configuration.keepaliveTime = 5
        #expect(try negotiate(configuration, Fixtures.peerOpen()).get().keepaliveTime == 5)
        configuration.keepaliveTime = 60
        #expect(try negotiate(configuration, Fixtures.peerOpen()).get().keepaliveTime == 30)
    }

    @Test("A peer lacking a configured family is refused with 2/7 listing the multiprotocol capability")
    func missingFamily() throws {
        let configuration = Fixtures.configuration(families: [.ipv4Unicast, .ipv6Unicast])
        let result = negotiate(configuration, Fixtures.peerOpen())
        #expect(result == .failure(.unsupportedFamilies([.ipv6Unicast])))
        #expect(OpenRejection.unsupportedFamilies([.ipv6Unicast]).notification
            == .openMessageError(.unsupportedCapability, data: [1, 4, 0, 2, 0, 1]))
        // With requireAllFamilies off, the families in common are enough.
        var lenient = configuration
        lenient.requireAllFamilies = false
        #expect(try negotiate(lenient, Fixtures.peerOpen()).get().families == [.ipv4Unicast])
        // No family in common is refused either way.
        var v6only = Fixtures.configuration(families: [.ipv6Unicast])
        v6only.requireAllFamilies = false
        #expect(negotiate(v6only, Fixtures.peerOpen()) == .failure(.unsupportedFamilies([.ipv6Unicast])))
    }

    @Test("A peer with no multiprotocol capability offers IPv4 unicast (RFC 4760)")
    func implicitIPv4() throws {
        let session = try negotiate(Fixtures.peerOpen(capabilities: [.fourOctetAS(65002)])).get()
        #expect(session.families == [.ipv4Unicast])
        #expect(negotiate(Fixtures.configuration(families: [.ipv6Unicast]), Fixtures.peerOpen(capabilities: [])) == .failure(.unsupportedFamilies([.ipv6Unicast])))
    }

    @Test("Route refresh is negotiated when both sides advertise it")
    func routeRefresh() throws {
        #expect(try negotiate(Fixtures.peerOpen()).get().routeRefresh)
        var quiet = Fixtures.configuration()
        quiet.routeRefresh = false
        #expect(try !negotiate(quiet, Fixtures.peerOpen()).get().routeRefresh)
    }

    @Test("Graceful restart: the peer's flags, time and F bits, with our advertised time and F bit")
    func gracefulRestart() throws {
        let peerRestart = GracefulRestartCapability(
            restartState: true, notificationSupport: true, restartTime: 300,
            families: [.init(.ipv4Unicast, forwardingStatePreserved: true), .init(.ipv6Unicast, forwardingStatePreserved: false)]
        )
        let open = Fixtures.peerOpen(capabilities: [.multiprotocol(.ipv4Unicast), .gracefulRestart(peerRestart), .fourOctetAS(65002)])
        let session = try negotiate(open).get()
        #expect(session.gracefulRestart == GracefulRestartNegotiation(
            peerRestartState: true, peerNotificationSupport: true, peerRestartTime: 300,
            peerFamilies: [.init(.ipv4Unicast, forwardingStatePreserved: true)],
            localRestartTime: 120, localForwardingStatePreserved: true, localRestartState: false
        ))
        // Only one side advertising it means no graceful restart.
        #expect(try negotiate(Fixtures.peerOpen()).get().gracefulRestart == nil)
        var without = Fixtures.configuration()
        without.gracefulRestart = nil
        #expect(try negotiate(without, open).get().gracefulRestart == nil)
    }

    @Test("Our OPEN: AS_TRANS for a 4-octet AS, and every capability we offer")
    func localOpen() {
        var configuration = Fixtures.configuration(localAS: 4_200_000_001, families: [.ipv4Unicast, .ipv6Unicast])
        configuration.gracefulRestart = GracefulRestartSettings(restartTime: 90, forwardingStatePreserved: true, restartState: true)
        let open = configuration.localOpen
        #expect(open.myAS == 23456 && open.autonomousSystem == 4_200_000_001)
        #expect(open.holdTime == 90 && open.bgpIdentifier == Fixtures.localID && open.version == 4)
        #expect(open.capabilities == [
            .multiprotocol(.ipv4Unicast), .multiprotocol(.ipv6Unicast), .routeRefresh,
            .gracefulRestart(GracefulRestartCapability(
                restartState: true, restartTime: 90,
                families: [.init(.ipv4Unicast, forwardingStatePreserved: true), .init(.ipv6Unicast, forwardingStatePreserved: true)]
            )),
            .fourOctetAS(4_200_000_001),
        ])
        #expect(Fixtures.configuration().localOpen.myAS == 65001)
    }

    @Test("Unusable settings are reported, one sentence each")
    func problems() {
        #expect(Fixtures.configuration().problems.isEmpty)
        var bad = Fixtures.configuration(localAS: 23456, peerAS: 0, holdTime: 2, families: [])
        bad.routerID = IPv4Address(0)
        bad.gracefulRestart = GracefulRestartSettings(restartTime: 5000)
        #expect(bad.problems.count == 6)
    }
}
