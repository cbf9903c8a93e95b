import BGPWire
import Testing
@testable import BGPFSM

@Suite("SessionEvent")
struct SessionEventTests {
    @Test("A received 2/1 is NotifMsgVerErr; every other NOTIFICATION is NotifMsg")
    func classification() {
        #expect(SessionEvent.received(Fixtures.versionNotification) == .notifMsgVerErr(Fixtures.versionNotification))
        #expect(SessionEvent.received(.openMessageError(.badPeerAS)) == .notifMsg(.openMessageError(.badPeerAS)))
        #expect(SessionEvent.received(.holdTimerExpired) == .notifMsg(.holdTimerExpired))
    }

    @Test("Events carry their RFC 4271 names")
    func names() {
        #expect(SessionEvent.connectRetryTimerExpires.name == "ConnectRetryTimer_Expires")
        #expect(SessionEvent.tcpCRAcked.name == "Tcp_CR_Acked")
        #expect(SessionEvent.manualStartWithPassiveTcpEstablishment.name == "ManualStart_with_PassiveTcpEstablishment")
        #expect(SessionEvent.bgpOpen(Fixtures.peerOpen()).isMessage)
        #expect(!SessionEvent.holdTimerExpires.isMessage)
    }
}
