import Testing
import BGPWire
@testable import BGPFSM
import IronLBPluginAPI

@Suite("ConnectionCollision")
struct ConnectionCollisionTests {
    @Test("The connection opened by the speaker with the lower identifier is closed, both ways")
    func lowerIdentifierLoses() {
        // We are 10.0.0.1, the peer 10.0.0.2: our outbound connection goes.
        #expect(ConnectionCollision.loser(localIdentifier: IPv4Address(0x0A00_0001), remoteIdentifier: IPv4Address(0x0A00_0002), localAS: 65001, remoteAS: 65002) == .outbound)
        // We are 10.0.0.2, the peer 10.0.0.1: the peer's inbound connection goes.
        #expect(ConnectionCollision.loser(localIdentifier: IPv4Address(0x0A00_0002), remoteIdentifier: IPv4Address(0x0A00_0001), localAS: 65001, remoteAS: 65002) == .inbound)
    }

    @Test("Identifiers compare as unsigned 32-bit integers, so 128.0.0.1 beats 127.255.255.255")
    func unsignedComparison() {
        // As signed Int32, 0x8000_0001 would be negative and lose.
        #expect(ConnectionCollision.loser(localIdentifier: IPv4Address(0x8000_0001), remoteIdentifier: IPv4Address(0x7FFF_FFFF), localAS: 1, remoteAS: 2) == .inbound)
        #expect(ConnectionCollision.loser(localIdentifier: IPv4Address(0x7FFF_FFFF), remoteIdentifier: IPv4Address(0x8000_0001), localAS: 1, remoteAS: 2) == .outbound)
    }

    @Test("Equal identifiers fall back to the AS numbers (RFC 6286)")
    func equalIdentifiers() {
        #expect(ConnectionCollision.loser(localIdentifier: IPv4Address(7), remoteIdentifier: IPv4Address(7), localAS: 65001, remoteAS: 65002) == .outbound)
        #expect(ConnectionCollision.loser(localIdentifier: IPv4Address(7), remoteIdentifier: IPv4Address(7), localAS: 65002, remoteAS: 65001) == .inbound)
    }

    @Test("Existing connection in OpenSent or OpenConfirm: the identifiers decide", arguments: [SessionStateName.openSent, .openConfirm])
    func openStates(state: SessionStateName) {
        let weAreHigher = ConnectionCollision.resolve(
            existing: (state, .outbound), localIdentifier: IPv4Address(0x0A00_0009), remoteIdentifier: IPv4Address(0x0A00_0001), localAS: 65001, remoteAS: 65002
        )
        #expect(weAreHigher == .close(.inbound))
        let weAreLower = ConnectionCollision.resolve(
            existing: (state, .outbound), localIdentifier: IPv4Address(0x0A00_0001), remoteIdentifier: IPv4Address(0x0A00_0009), localAS: 65001, remoteAS: 65002
        )
        #expect(weAreLower == .close(.outbound))
    }

    @Test("An Established connection always survives a newcomer")
    func establishedWins() {
        let resolution = ConnectionCollision.resolve(
            existing: (.established, .inbound), localIdentifier: IPv4Address(0x0A00_0009), remoteIdentifier: IPv4Address(0x0A00_0001), localAS: 65001, remoteAS: 65002
        )
        #expect(resolution == .close(.outbound))
    }

    @Test("No collision while the other connection has not reached OpenSent", arguments: [SessionStateName.idle, .connect, .active])
    func noCollision(state: SessionStateName) {
        let resolution = ConnectionCollision.resolve(
            existing: (state, .outbound), localIdentifier: IPv4Address(1), remoteIdentifier: IPv4Address(2), localAS: 65001, remoteAS: 65002
        )
        #expect(resolution == .noCollision)
    }

    @Test("The loser sends Cease 6/7")
    func notification() {
        #expect(ConnectionCollision.notification.code == .cease)
        #expect(ConnectionCollision.notification.subcode == 7)
    }
}
