@testable import BGPWire
import Testing

@Suite("BGPRouteRefresh")
struct BGPRouteRefreshTests {
    @Test("ROUTE-REFRESH for IPv6 unicast matches the RFC 2918 layout: AFI, reserved, SAFI")
    func vector() throws {
        let bytes = message(type: 5, body: hex("0002 00 01"))
        #expect(try decodeOne(bytes) == .routeRefresh(BGPRouteRefresh(family: .ipv6Unicast)))
        #expect(try encode(.routeRefresh(BGPRouteRefresh(family: .ipv6Unicast))) == bytes)
    }

    @Test("The RFC 7313 subtype round-trips")
    func subtype() throws {
        let refresh = BGPMessage.routeRefresh(BGPRouteRefresh(family: .ipv4Unicast, subtype: 2))
        #expect(try roundTrip(refresh) == refresh)
    }

    @Test("A ROUTE-REFRESH of the wrong length is 7/1 with the whole message as data")
    func wrongLength() {
        let bytes = message(type: 5, body: hex("0001 00 01 00"))
        #expect {
            try decodeOne(bytes)
        } throws: { error in
            (error as? BGPMessageError)?.notification == .routeRefreshMessageError(.invalidMessageLength, data: bytes)
        }
    }
}
