import BGPWire
import Testing
@testable import BGPFSM

@Suite("CeaseReason")
struct CeaseReasonTests {
    @Test("Each reason maps to its RFC 4486 subcode", arguments: [
        (CeaseReason.administrativeShutdown, UInt8(2)),
        (.peerDeconfigured, 3),
        (.administrativeReset(communication: ""), 4),
        (.otherConfigurationChange, 6),
        (.connectionCollisionResolution, 7),
    ])
    func subcodes(reason: CeaseReason, subcode: UInt8) {
        #expect(reason.notification.code == .cease)
        #expect(reason.notification.subcode == subcode)
    }

    @Test("Shutdown and reset carry the RFC 9003 communication: a length octet, then UTF-8")
    func communication() {
        let shutdown = CeaseReason.administrativeShutdown(communication: "maintenance ✓").notification
        #expect(shutdown.data == [15] + Array("maintenance ✓".utf8))
        #expect(shutdown.shutdownCommunication == "maintenance ✓")
        #expect(CeaseReason.administrativeReset(communication: "ticket 42").notification.shutdownCommunication == "ticket 42")
        // Without text, the length octet is 0 (RFC 9003 §2).
        #expect(CeaseReason.administrativeShutdown.notification.data == [0])
        #expect(CeaseReason.peerDeconfigured.notification.data.isEmpty)
    }
}
