@testable import BGPWire
import Testing

@Suite("Community")
struct CommunityTests {
    @Test("Well-known communities have their RFC values", arguments: [
        ("NO_EXPORT", 0xFFFF_FF01), ("NO_ADVERTISE", 0xFFFF_FF02), ("NO_EXPORT_SUBCONFED", 0xFFFF_FF03),
        ("NO_PEER", 0xFFFF_FF04), ("GRACEFUL_SHUTDOWN", 0xFFFF_0000), ("ACCEPT_OWN", 0xFFFF_0001),
        ("LLGR_STALE", 0xFFFF_0006), ("NO_LLGR", 0xFFFF_0007), ("BLACKHOLE", 0xFFFF_029A),
    ] as [(String, UInt32)])
    func wellKnown(name: String, value: UInt32) {
        #expect(Community(name) == Community(rawValue: value))
        #expect(Community(rawValue: value).description == name)
    }

    @Test("65000:100 parses and prints")
    func text() {
        let community = Community("65000:100")
        #expect(community == Community(asn: 65000, value: 100))
        #expect(community?.description == "65000:100")
        #expect(Community("65535:0") == .gracefulShutdown)
        #expect(Community("no-export") == .noExport)
    }

    @Test("Malformed community text is rejected", arguments: ["65536:1", "1:65536", "1", "1:2:3", ":1", "1:", "-1:2", "+1:2", "a:b", "", " 1:2"])
    func rejected(text: String) {
        #expect(Community(text) == nil)
    }
}
