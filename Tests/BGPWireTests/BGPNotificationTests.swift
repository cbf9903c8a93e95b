@testable import BGPWire
import Testing

@Suite("BGPNotification")
struct BGPNotificationTests {
    @Test("Hold Timer Expired is 4/0 with no data on the wire")
    func holdTimerVector() throws {
        #expect(try encode(.notification(.holdTimerExpired)) == message(type: 3, body: [4, 0]))
    }

    @Test("A NOTIFICATION with data round-trips")
    func roundTripWithData() throws {
        let notification = BGPNotification.updateMessageError(.attributeFlagsError, data: hex("c0 01 01 00"))
        #expect(try roundTrip(.notification(notification)) == .notification(notification))
    }

    @Test("An unknown error code still decodes and prints its number")
    func unknownCode() throws {
        let decoded = try decodeOne(message(type: 3, body: [42, 7, 1, 2]))
        #expect(decoded == .notification(BGPNotification(code: BGPErrorCode(rawValue: 42), subcode: 7, data: [1, 2])))
        #expect("\(BGPErrorCode(rawValue: 42))" == "error code 42")
    }

    @Test("Administrative Shutdown carries an RFC 9003 communication that reads back")
    func shutdownCommunication() throws {
        let notification = BGPNotification.administrativeShutdown(communication: "maintenance: node drained, back at 14:00 UTC")
        #expect(notification.code == .cease)
        #expect(notification.subcode == CeaseSubcode.administrativeShutdown.rawValue)
        #expect(notification.data.first == 44)
        guard case .notification(let decoded) = try roundTrip(.notification(notification)) else {
            Issue.record("not a NOTIFICATION")
            return
        }
        #expect(decoded.shutdownCommunication == "maintenance: node drained, back at 14:00 UTC")
        #expect(decoded.description.contains("maintenance"))
    }

    @Test("A shutdown communication longer than 255 octets is cut on a character boundary")
    func shutdownTruncation() {
        let text = String(repeating: "é", count: 200)  // 400 UTF-8 octets
        let notification = BGPNotification.administrativeReset(communication: text)
        #expect(notification.data.first == 254)
        #expect(notification.shutdownCommunication == String(repeating: "é", count: 127))
    }

    @Test("A shutdown communication whose length overruns the data or that is not UTF-8 is ignored")
    func badShutdownCommunication() {
        #expect(BGPNotification.cease(.administrativeShutdown, data: [10, 0x41]).shutdownCommunication == nil)
        #expect(BGPNotification.cease(.administrativeShutdown, data: [2, 0xC3, 0x28]).shutdownCommunication == nil)
        #expect(BGPNotification.cease(.peerDeconfigured, data: [1, 0x41]).shutdownCommunication == nil)
        #expect(BGPNotification.cease(.administrativeReset, data: []).shutdownCommunication == nil)
    }

    @Test("Factories set the RFC code and subcode numbers")
    func factories() {
        #expect(BGPNotification.messageHeaderError(.badMessageType).code.rawValue == 1)
        #expect(BGPNotification.openMessageError(.unacceptableHoldTime).subcode == 6)
        #expect(BGPNotification.finiteStateMachineError(.unexpectedMessageInOpenConfirm).subcode == 2)
        #expect(BGPNotification.cease(.connectionCollisionResolution).subcode == 7)
        #expect(BGPNotification.routeRefreshMessageError(.invalidMessageLength, data: []).code.rawValue == 7)
    }
}
