@testable import BGPWire
import NIOCore
import Testing

@Suite("ASPath")
struct ASPathTests {
    @Test("Path length counts sequence ASes, a set once, confederation segments not at all")
    func pathLength() {
        let path = ASPath([.init(.confederationSequence, [64512, 64513]), .init(.sequence, [1, 2, 3]), .init(.set, [4, 5])])
        #expect(path.pathLength == 4)
        #expect(path.description == "(64512 64513) 1 2 3 {4 5}")
        #expect(path.hasConfederationSegments)
    }

    @Test("Prepending extends a leading sequence or adds one before a set")
    func prepending() {
        #expect(ASPath(sequence: [1, 2]).prepending(65000, count: 2) == [65000, 65000, 1, 2])
        #expect(ASPath([.init(.set, [1])]).prepending(7) == ASPath([.init(.sequence, [7]), .init(.set, [1])]))
        #expect(ASPath.empty.prepending(7) == [7])
        #expect(ASPath(sequence: [1]).prepending(7, count: 0) == [1])
    }

    @Test("A sequence of more than 255 ASes is split into several segments on the wire")
    func longSegmentSplit() throws {
        let path = ASPath(sequence: (1...300).map(UInt32.init))
        var buffer = ByteBuffer()
        path.encode(into: &buffer, fourOctet: true)
        #expect(buffer.readableBytes == 2 + 255 * 4 + 2 + 45 * 4)
        let decoded = try ASPath.decode(from: &buffer, asnWidth: 4)
        #expect(decoded.allASNs == path.allASNs)
        #expect(decoded.segments.map(\.asns.count) == [255, 45])
    }

    @Test("RFC 6793 §4.2.3: leading 2-octet ASes are kept in front of AS4_PATH")
    func reconstruction() {
        let twoOctet: ASPath = [65001, 23456, 23456, 65004]
        let fourOctet: ASPath = [4_200_000_002, 4_200_000_003, 65004]
        #expect(ASPath.reconstructed(twoOctet: twoOctet, fourOctet: fourOctet) == [65001, 4_200_000_002, 4_200_000_003, 65004])
    }

    @Test("RFC 6793 §4.2.3: an AS4_PATH longer than AS_PATH is ignored")
    func reconstructionIgnoresLongerAS4Path() {
        let twoOctet: ASPath = [65001, 23456]
        #expect(ASPath.reconstructed(twoOctet: twoOctet, fourOctet: [1, 2, 3]) == twoOctet)
    }

    @Test("RFC 6793 §4.2.3: an AS_SET counts as one AS when taking the leading part")
    func reconstructionWithSet() {
        let twoOctet = ASPath([.init(.set, [1, 2]), .init(.sequence, [23456])])
        let fourOctet: ASPath = [4_200_000_001]
        #expect(ASPath.reconstructed(twoOctet: twoOctet, fourOctet: fourOctet) == ASPath([.init(.set, [1, 2]), .init(.sequence, [4_200_000_001])]))
    }

    @Test("RFC 6793 §4.2.3: an AGGREGATOR with a real AS makes AS4_PATH and AS4_AGGREGATOR stale")
    func staleAS4Attributes() {
        let attributes = PathAttributes(
            asPath: [65001, 23456], aggregator: Aggregator(asn: 65001, address: ipv4("192.0.2.1")),
            as4Path: [4_200_000_001], as4Aggregator: Aggregator(asn: 4_200_000_001, address: ipv4("192.0.2.2"))
        )
        let rebuilt = attributes.reconstructingFourOctetPath()
        #expect(rebuilt.asPath == [65001, 23456])
        #expect(rebuilt.aggregator?.asn == 65001)
        #expect(rebuilt.as4Path == nil && rebuilt.as4Aggregator == nil)
    }
}
