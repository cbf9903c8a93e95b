@testable import BGPWire
import Testing

@Suite("LargeCommunity")
struct LargeCommunityTests {
    @Test("a:b:c parses and prints with full 32-bit fields")
    func text() {
        let community = LargeCommunity("4200000001:0:4294967295")
        #expect(community == LargeCommunity(4_200_000_001, 0, 4_294_967_295))
        #expect(community?.description == "4200000001:0:4294967295")
    }

    @Test("Malformed large community text is rejected", arguments: ["1:2", "1:2:3:4", "4294967296:1:1", "1::3", "a:b:c", "1:2:-3"])
    func rejected(text: String) {
        #expect(LargeCommunity(text) == nil)
    }

    @Test("Large communities sort by global administrator, then the local parts")
    func ordering() {
        #expect(LargeCommunity(1, 9, 9) < LargeCommunity(2, 0, 0))
        #expect(LargeCommunity(1, 1, 2) < LargeCommunity(1, 1, 3))
    }
}
