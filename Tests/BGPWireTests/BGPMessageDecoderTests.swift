@testable import BGPWire
import NIOCore
import Testing

@Suite("BGPMessageDecoder framing")
struct BGPMessageDecoderTests {
    static let keepalive = message(type: 4, body: [])
    static let update = updateMessage(attributes: Wire.mandatory, nlri: Wire.nlri24)

    @Test("A KEEPALIVE fed one octet at a time yields exactly one message, at the last octet")
    func dripFeedKeepalive() throws {
        try dripFeed(Self.keepalive, expecting: .keepalive)
    }

    @Test("An UPDATE fed one octet at a time yields exactly one message, at the last octet")
    func dripFeedUpdate() throws {
        let expected = try decodeOne(Self.update)
        try dripFeed(Self.update, expecting: expected)
    }

    @Test("An OPEN fed one octet at a time yields exactly one message")
    func dripFeedOpen() throws {
        let bytes = BGPOpenTests.birdStyleOpen
        try dripFeed(bytes, expecting: try decodeOne(bytes))
    }

    private func dripFeed(_ bytes: [UInt8], expecting expected: BGPMessage) throws {
        var decoder = BGPMessageDecoder()
        var buffer = ByteBuffer()
        var messages: [BGPMessage] = []
        for (index, byte) in bytes.enumerated() {
            buffer.writeInteger(byte)
            let before = buffer.readerIndex
            if let message = try decoder.decode(buffer: &buffer) {
                messages.append(message)
                #expect(index == bytes.count - 1, "message completed early at octet \(index)")
            } else {
                #expect(buffer.readerIndex == before, "a partial message consumed octets")
            }
        }
        #expect(messages == [expected])
        #expect(buffer.readableBytes == 0)
    }

    @Test("Several messages in one read come out one per call, in order")
    func back2back() throws {
        var decoder = BGPMessageDecoder()
        var buffer = ByteBuffer(bytes: Self.keepalive + Self.update + Self.keepalive)
        var types: [BGPMessageType] = []
        while let message = try decoder.decode(buffer: &buffer) { types.append(message.type) }
        #expect(types == [.keepalive, .update, .keepalive])
    }

    @Test("A bad marker is reported as soon as the header has arrived, before the body")
    func earlyHeaderError() {
        var decoder = BGPMessageDecoder()
        var bytes = Self.update
        bytes[3] = 0
        var buffer = ByteBuffer(bytes: bytes.prefix(19))
        #expect(throws: BGPMessageError.self) { try decoder.decode(buffer: &buffer) }
    }

    @Test("decodeLast leaves a trailing partial message in the buffer")
    func decodeLastPartial() throws {
        var decoder = BGPMessageDecoder()
        var buffer = ByteBuffer(bytes: Self.keepalive + Self.update.prefix(30))
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == .keepalive)
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == nil)
        #expect(buffer.readableBytes == 30)
    }

    @Test("Built with the local OPEN, the decoder adopts 2-octet AS_PATHs from a peer without AS4")
    func negotiatesContext() throws {
        let local = BGPOpen(autonomousSystem: 65000, holdTime: 90, bgpIdentifier: ipv4("192.0.2.1"), capabilities: [])
        let peer = BGPOpen(myAS: 65001, holdTime: 90, bgpIdentifier: ipv4("192.0.2.2"), capabilities: [.multiprotocol(.ipv4Unicast)])
        var decoder = BGPMessageDecoder(localOpen: local)
        var buffer = ByteBuffer(bytes: try encode(.open(peer)))
        _ = try decoder.decode(buffer: &buffer)
        #expect(decoder.context == BGPCodingContext(fourOctetAS: false, peerIsExternal: true))
        // AS_PATH [65001] in 2-octet encoding now decodes cleanly.
        buffer.writeBytes(updateMessage(attributes: Wire.originIGP + hex("40 02 04 02 01 fde9") + Wire.nextHop, nlri: Wire.nlri24))
        guard case .update(let update) = try decoder.decode(buffer: &buffer) else {
            Issue.record("no UPDATE")
            return
        }
        #expect(update.attributes.asPath == [65001])
        #expect(update.errors.isEmpty)
    }

    @Test("The encoder writes what the decoder reads")
    func encoderRoundTrip() throws {
        let encoder = BGPMessageEncoder()
        var buffer = ByteBuffer()
        try encoder.encode(data: .keepalive, out: &buffer)
        #expect(Array(buffer: buffer) == Self.keepalive)
    }

    @Test("Encoding a message over 4096 octets throws and leaves the buffer as it was")
    func tooLong() {
        let prefixes = (0..<1100).map { prefix("10.\($0 / 256).\($0 % 256).0/24") }
        var buffer = ByteBuffer(bytes: [1, 2, 3])
        #expect(throws: BGPEncodingError.self) {
            try BGPMessage.update(BGPUpdate(withdrawnRoutes: prefixes)).encode(into: &buffer)
        }
        #expect(Array(buffer: buffer) == [1, 2, 3])
    }
}
