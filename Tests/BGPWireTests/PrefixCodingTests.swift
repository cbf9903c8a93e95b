@testable import BGPWire
import IronLBPluginAPI
import NIOCore
import Testing

@Suite("PrefixCoding")
struct PrefixCodingTests {
    @Test("Prefixes use just enough octets for their length", arguments: [
        ("0.0.0.0/0", "00"), ("10.0.0.0/8", "08 0a"), ("192.0.2.128/25", "19 c00002 80"),
        ("192.0.2.1/32", "20 c0000201"), ("::/0", "00"), ("2001:db8::/32", "20 20010db8"),
        ("2001:db8::1/128", "80 20010db8000000000000000000000001"),
    ])
    func vectors(text: String, wire: String) throws {
        var buffer = ByteBuffer()
        PrefixCoding.write(prefix(text), into: &buffer)
        #expect(Array(buffer: buffer) == hex(wire))
        #expect(PrefixCoding.encodedLength(of: prefix(text)) == hex(wire).count)
        let (decoded, hostBits) = try PrefixCoding.read(prefix(text).family, from: &buffer)
        #expect(decoded == prefix(text))
        #expect(!hostBits)
    }

    @Test("Prefix lengths beyond the family's width are refused")
    func tooLong() {
        var ipv4 = ByteBuffer(bytes: hex("21 0a000000 00"))
        #expect(throws: PrefixCoding.Malformed.self) { try PrefixCoding.read(.ipv4, from: &ipv4) }
        var ipv6 = ByteBuffer(bytes: [129] + [UInt8](repeating: 0, count: 17))
        #expect(throws: PrefixCoding.Malformed.self) { try PrefixCoding.read(.ipv6, from: &ipv6) }
    }

    @Test("A prefix overrunning its field is refused")
    func overrun() {
        var buffer = ByteBuffer(bytes: hex("18 c000"))
        #expect(throws: PrefixCoding.Malformed.self) { try PrefixCoding.read(.ipv4, from: &buffer) }
    }
}
