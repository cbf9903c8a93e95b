@testable import BGPWire
import NIOCore
import Testing

/// The corpus of malformed messages: each must yield exactly the NOTIFICATION or RFC 7606
/// treatment the RFCs prescribe, and none may crash the decoder.
@Suite("Malformed message corpus")
struct MalformedMessageTests {
    /// What decoding one malformed message must produce.
    enum Expected: Sendable, CustomStringConvertible {
        /// A session reset with this code and subcode, and the data when given.
        case reset(UInt8, UInt8, data: [UInt8]? = nil)
        /// Treat-as-withdraw because of this attribute and kind of problem.
        case withdraw(PathAttributeCode, UpdateErrorReason.Kind)
        /// Attribute discard because of this attribute and kind of problem.
        case discard(PathAttributeCode, UpdateErrorReason.Kind)

        var description: String {
            switch self {
            case .reset(let code, let subcode, _): "NOTIFICATION \(code)/\(subcode)"
            case .withdraw(let code, let kind): "treat-as-withdraw \(code) \(kind)"
            case .discard(let code, let kind): "attribute-discard \(code) \(kind)"
            }
        }
    }

    /// One corpus entry.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: Expected
        var context = BGPCodingContext()
        var testDescription: String { "\(name) → \(expected)" }
    }

    static let ibgp = BGPCodingContext(fourOctetAS: true, peerIsExternal: false)
    static let oldPeer = BGPCodingContext(fourOctetAS: false, peerIsExternal: true)
    static let keepalive = message(type: 4, body: [])
    static let origin = Wire.originIGP, asPath = Wire.asPath65001, nextHop = Wire.nextHop, nlri = Wire.nlri24

    /// An UPDATE with the mandatory attributes, `extra` attributes and the /24 NLRI.
    static func update(_ extra: String, nlri: [UInt8] = Wire.nlri24) -> [UInt8] {
        updateMessage(attributes: Wire.mandatory + hex(extra), nlri: nlri)
    }

    /// A valid OPEN body followed by `parameters` (with their length octet).
    static func open(_ parameters: String, version: String = "04") -> [UInt8] {
        message(type: 1, body: hex(version + " fde9 005a c0000201 " + parameters))
    }

    static let cases: [Case] = [
        // Header (RFC 4271 §6.1)
        Case(name: "marker not all ones", bytes: { var b = keepalive; b[7] = 0xFE; return b }(), expected: .reset(1, 1)),
        Case(name: "length 18", bytes: { var b = keepalive; b[17] = 18; return b }(), expected: .reset(1, 2, data: [0, 18])),
        Case(name: "length 0", bytes: { var b = keepalive; b[17] = 0; return b }(), expected: .reset(1, 2, data: [0, 0])),
        Case(name: "length 4097", bytes: { var b = keepalive; b[16] = 0x10; b[17] = 0x01; return b }(), expected: .reset(1, 2, data: [0x10, 0x01])),
        Case(name: "unknown type 6", bytes: message(type: 6, body: []), expected: .reset(1, 3, data: [6])),
        Case(name: "type 0", bytes: message(type: 0, body: []), expected: .reset(1, 3, data: [0])),
        Case(name: "KEEPALIVE of 20 octets", bytes: message(type: 4, body: [0]), expected: .reset(1, 2, data: [0, 20])),
        Case(name: "OPEN of 28 octets", bytes: message(type: 1, body: hex("04 fde9 005a c0000201")), expected: .reset(1, 2, data: [0, 28])),
        Case(name: "UPDATE of 22 octets", bytes: message(type: 2, body: [0, 0, 0]), expected: .reset(1, 2, data: [0, 22])),
        Case(name: "NOTIFICATION of 20 octets", bytes: message(type: 3, body: [6]), expected: .reset(1, 2, data: [0, 20])),
        Case(name: "ROUTE-REFRESH of 22 octets", bytes: message(type: 5, body: [0, 1, 0]), expected: .reset(7, 1)),

        // OPEN (RFC 4271 §6.2, RFC 5492, RFC 9072)
        Case(name: "OPEN version 3", bytes: open("00", version: "03"), expected: .reset(2, 1, data: [0, 4])),
        Case(name: "optional parameters length too long", bytes: open("08 02 02 02 00"), expected: .reset(2, 0)),
        Case(name: "optional parameters length too short", bytes: open("02 02 02 02 00"), expected: .reset(2, 0)),
        Case(name: "unsupported optional parameter (authentication, type 1)", bytes: open("04 01 02 00 00"), expected: .reset(2, 4)),
        Case(name: "capability overruns its parameter", bytes: open("04 02 02 41 04"), expected: .reset(2, 0)),
        Case(name: "capability header truncated", bytes: open("03 02 01 41"), expected: .reset(2, 0)),
        Case(name: "4-octet AS capability of 2 octets", bytes: open("06 02 04 41 02 fde9"), expected: .reset(2, 0)),
        Case(name: "multiprotocol capability of 3 octets", bytes: open("07 02 05 01 03 0001 00"), expected: .reset(2, 0)),
        Case(name: "graceful restart capability of 3 octets", bytes: open("07 02 05 40 03 0078 00"), expected: .reset(2, 0)),
        Case(name: "route refresh capability with a value", bytes: open("05 02 03 02 01 00"), expected: .reset(2, 0)),
        Case(name: "RFC 9072 extended length truncated", bytes: open("ff ff 00"), expected: .reset(2, 0)),

        // UPDATE framing (RFC 4271 §6.3, RFC 7606 §4, §5.3)
        Case(name: "withdrawn routes length overruns", bytes: message(type: 2, body: hex("0010 0000")), expected: .reset(3, 1)),
        Case(name: "withdrawn routes leave no room for attribute length", bytes: message(type: 2, body: hex("0002 0000")), expected: .reset(3, 1)),
        Case(name: "total attribute length overruns", bytes: message(type: 2, body: hex("0000 0020") + origin), expected: .reset(3, 1)),
        Case(name: "two octets left for an attribute header", bytes: updateMessage(attributes: Wire.mandatory + hex("40 01")), expected: .reset(3, 1)),
        Case(name: "extended-length header truncated", bytes: updateMessage(attributes: hex("50 01 00")), expected: .reset(3, 1)),
        Case(name: "attribute length overruns the block", bytes: updateMessage(attributes: hex("40 01 05 00")), expected: .reset(3, 1)),
        Case(name: "NLRI prefix length 33", bytes: update("", nlri: hex("21 c0000201 00")), expected: .reset(3, 10)),
        Case(name: "NLRI prefix overruns the message", bytes: update("", nlri: hex("18 c000")), expected: .reset(3, 10)),
        Case(name: "withdrawn prefix length 40", bytes: updateMessage(withdrawn: hex("28 0a000000 00"), attributes: []), expected: .reset(3, 10)),

        // Attribute flags (RFC 7606 §3)
        Case(name: "ORIGIN marked optional", bytes: updateMessage(attributes: hex("c0 01 01 00") + asPath + nextHop, nlri: nlri), expected: .withdraw(.origin, .flags)),
        Case(name: "AS_PATH marked non-transitive", bytes: updateMessage(attributes: origin + hex("00 02 06 02 01 0000fde9") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .flags)),
        Case(name: "NEXT_HOP marked optional transitive", bytes: updateMessage(attributes: origin + asPath + hex("c0 03 04 c0000201"), nlri: nlri), expected: .withdraw(.nextHop, .flags)),
        Case(name: "MULTI_EXIT_DISC marked transitive", bytes: update("c0 04 04 00000001"), expected: .withdraw(.multiExitDiscriminator, .flags)),
        Case(name: "COMMUNITIES marked well-known", bytes: update("40 08 04 fde80064"), expected: .withdraw(.communities, .flags)),

        // Duplicates and missing attributes (RFC 7606 §3)
        Case(name: "ORIGIN twice", bytes: update("40 01 01 02"), expected: .discard(.origin, .duplicate)),
        Case(name: "MP_REACH_NLRI twice", bytes: update("80 0e 0a 0001 01 04 c0000201 00 00 | 80 0e 0a 0001 01 04 c0000201 00 00"), expected: .reset(3, 1)),
        Case(name: "MP_UNREACH_NLRI twice", bytes: updateMessage(attributes: hex("80 0f 03 0002 01 80 0f 03 0002 01")), expected: .reset(3, 1)),
        Case(name: "ORIGIN missing with NLRI", bytes: updateMessage(attributes: asPath + nextHop, nlri: nlri), expected: .withdraw(.origin, .missing)),
        Case(name: "AS_PATH missing with NLRI", bytes: updateMessage(attributes: origin + nextHop, nlri: nlri), expected: .withdraw(.asPath, .missing)),
        Case(name: "NEXT_HOP missing with NLRI", bytes: updateMessage(attributes: origin + asPath, nlri: nlri), expected: .withdraw(.nextHop, .missing)),
        Case(name: "AS_PATH missing with MP_REACH_NLRI", bytes: updateMessage(attributes: hex("80 0e 1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8") + origin), expected: .withdraw(.asPath, .missing)),

        // Attribute values (RFC 7606 §7, RFC 8092 §6, RFC 6793 §6)
        Case(name: "ORIGIN value 3", bytes: updateMessage(attributes: hex("40 01 01 03") + asPath + nextHop, nlri: nlri), expected: .withdraw(.origin, .value)),
        Case(name: "ORIGIN of 2 octets", bytes: updateMessage(attributes: hex("40 01 02 00 00") + asPath + nextHop, nlri: nlri), expected: .withdraw(.origin, .length)),
        Case(name: "AS_PATH segment overruns", bytes: updateMessage(attributes: origin + hex("40 02 06 02 02 0000fde9") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .value)),
        Case(name: "AS_PATH segment of length zero", bytes: updateMessage(attributes: origin + hex("40 02 02 02 00") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .value)),
        Case(name: "AS_PATH segment type 5", bytes: updateMessage(attributes: origin + hex("40 02 06 05 01 0000fde9") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .value)),
        Case(name: "AS_PATH with one stray octet", bytes: updateMessage(attributes: origin + hex("40 02 07 02 01 0000fde9 02") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .value)),
        Case(name: "AS_PATH 2-octet encoding on a 4-octet session", bytes: updateMessage(attributes: origin + hex("40 02 04 02 01 fde9") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .value)),
        Case(name: "AS_PATH confederation segment from eBGP", bytes: updateMessage(attributes: origin + hex("40 02 06 03 01 0000fde9") + nextHop, nlri: nlri), expected: .withdraw(.asPath, .unexpected)),
        Case(name: "NEXT_HOP of 5 octets", bytes: updateMessage(attributes: origin + asPath + hex("40 03 05 c0000201 00"), nlri: nlri), expected: .withdraw(.nextHop, .length)),
        Case(name: "NEXT_HOP 0.0.0.0", bytes: updateMessage(attributes: origin + asPath + hex("40 03 04 00000000"), nlri: nlri), expected: .withdraw(.nextHop, .value)),
        Case(name: "NEXT_HOP multicast 224.0.0.1", bytes: updateMessage(attributes: origin + asPath + hex("40 03 04 e0000001"), nlri: nlri), expected: .withdraw(.nextHop, .value)),
        Case(name: "MULTI_EXIT_DISC of 3 octets", bytes: update("80 04 03 000001"), expected: .withdraw(.multiExitDiscriminator, .length)),
        Case(name: "LOCAL_PREF from an external peer", bytes: update("40 05 04 00000064"), expected: .discard(.localPreference, .unexpected)),
        Case(name: "LOCAL_PREF of 2 octets", bytes: update("40 05 02 0064"), expected: .withdraw(.localPreference, .length), context: ibgp),
        Case(name: "ATOMIC_AGGREGATE of 1 octet", bytes: update("40 06 01 00"), expected: .discard(.atomicAggregate, .length)),
        Case(name: "AGGREGATOR of 7 octets", bytes: update("c0 07 07 0000fde9 c00002"), expected: .discard(.aggregator, .length)),
        Case(name: "AGGREGATOR of 8 octets on a 2-octet session", bytes: updateMessage(attributes: origin + hex("40 02 04 02 01 fde9") + nextHop + hex("c0 07 08 0000fde9 c0000201"), nlri: nlri), expected: .discard(.aggregator, .length), context: oldPeer),
        Case(name: "COMMUNITIES of 5 octets", bytes: update("c0 08 05 fde80064 00"), expected: .withdraw(.communities, .length)),
        Case(name: "COMMUNITIES of 0 octets", bytes: update("c0 08 00"), expected: .withdraw(.communities, .length)),
        Case(name: "LARGE_COMMUNITY of 13 octets", bytes: update("c0 20 0d 0000fde8 00000001 00000002 00"), expected: .withdraw(.largeCommunities, .length)),
        Case(name: "AS4_PATH from a 4-octet peer", bytes: update("c0 11 06 02 01 fa56ea01"), expected: .discard(.as4Path, .unexpected)),
        Case(name: "AS4_PATH segment overrun from a 2-octet peer", bytes: updateMessage(attributes: origin + hex("40 02 04 02 01 5ba0") + nextHop + hex("c0 11 06 02 02 fa56ea01"), nlri: nlri), expected: .discard(.as4Path, .value), context: oldPeer),
        Case(name: "AS4_AGGREGATOR of 6 octets", bytes: updateMessage(attributes: origin + hex("40 02 04 02 01 5ba0") + nextHop + hex("c0 12 06 fde9 c0000201"), nlri: nlri), expected: .discard(.as4Aggregator, .length), context: oldPeer),
        Case(name: "unrecognized well-known attribute 99", bytes: update("40 63 01 00"), expected: .reset(3, 2, data: hex("40 63 01 00"))),

        // Multiprotocol (RFC 4760, RFC 7606 §7.11, §5.3)
        Case(name: "MP_REACH_NLRI with AFI 3", bytes: update("80 0e 0a 0003 01 04 c0000201 00 00"), expected: .reset(3, 9)),
        Case(name: "MP_REACH_NLRI with SAFI 128", bytes: update("80 0e 0a 0001 80 04 c0000201 00 00"), expected: .reset(3, 9)),
        Case(name: "MP_REACH_NLRI IPv6 next hop of 5 octets", bytes: update("80 0e 0b 0002 01 05 2001 0db8 00 00 20"), expected: .reset(3, 9)),
        Case(name: "MP_REACH_NLRI next hop overruns", bytes: update("80 0e 06 0002 01 10 2001"), expected: .reset(3, 9)),
        Case(name: "MP_REACH_NLRI of 2 octets", bytes: update("80 0e 02 0002"), expected: .reset(3, 5)),
        Case(name: "MP_REACH_NLRI IPv6 prefix length 129", bytes: update("80 0e 18 0002 01 10 20010db8000000000000000000000001 00 81 2001"), expected: .reset(3, 10)),
        Case(name: "MP_UNREACH_NLRI of 1 octet", bytes: updateMessage(attributes: hex("80 0f 01 00")), expected: .reset(3, 5)),
        Case(name: "MP_UNREACH_NLRI with AFI 25", bytes: updateMessage(attributes: hex("80 0f 03 0019 01")), expected: .reset(3, 9)),
        Case(name: "MP_UNREACH_NLRI prefix overruns", bytes: updateMessage(attributes: hex("80 0f 06 0002 01 30 2001")), expected: .reset(3, 10)),
    ]

    @Test("Each malformed message yields its prescribed NOTIFICATION or RFC 7606 treatment", arguments: cases)
    func corpus(_ entry: Case) {
        let outcome = Result { () throws(BGPMessageError) in try decodeOne(entry.bytes, context: entry.context) }
        switch (entry.expected, outcome) {
        case (.reset(let code, let subcode, let data), .failure(let error)):
            #expect(error.notification.code.rawValue == code)
            #expect(error.notification.subcode == subcode, "\(error)")
            if let data { #expect(error.notification.data == data) }
        case (.withdraw(let attribute, let kind), .success(.update(let update))):
            #expect(update.errors.contains { action in
                if case .treatAsWithdraw(let reason) = action { reason.attribute == attribute && reason.kind == kind } else { false }
            }, "\(update.errors)")
            #expect(update.isTreatAsWithdraw)
        case (.discard(let attribute, let kind), .success(.update(let update))):
            #expect(update.errors.contains { action in
                if case .attributeDiscard(let reason) = action { reason.attribute == attribute && reason.kind == kind } else { false }
            }, "\(update.errors)")
            #expect(!update.isTreatAsWithdraw, "\(update.errors)")
        default:
            Issue.record("expected \(entry.expected), got \(outcome)")
        }
    }

    @Test("The corpus has at least 40 entries")
    func corpusSize() {
        #expect(Self.cases.count >= 40)
    }

    @Test("A discarded attribute is absent from the decoded UPDATE, and the rest is kept")
    func discardedAttributeIsGone() throws {
        let update = try decodeUpdate(Self.update("40 06 01 00 c0 08 04 fde80064"))
        #expect(update.attributes.atomicAggregate == false)
        #expect(update.attributes.communities == [Community(asn: 65000, value: 100)])
        #expect(update.nlri == [prefix("198.51.100.0/24")])
    }

    @Test("With several errors the strongest action applies (RFC 7606 §3)")
    func strongestWins() throws {
        let update = try decodeUpdate(updateMessage(attributes: hex("40 01 01 09") + Self.asPath + Self.nextHop + hex("c0 07 02 0000"), nlri: Self.nlri))
        #expect(update.errors.map(\.strength).max() == 2)
        #expect(update.errors.count == 2)
        #expect(update.isTreatAsWithdraw)
    }

    @Test("An UPDATE with only MP_UNREACH_NLRI needs no other attribute")
    func unreachAlone() throws {
        let update = try decodeUpdate(updateMessage(attributes: hex("80 0f 08 0002 01 20 20010db8")))
        #expect(update.errors.isEmpty)
        #expect(update.withdrawnPrefixes == [prefix("2001:db8::/32")])
    }

    @Test("Thousands of mutated messages never crash the decoder and only throw BGPMessageError")
    func mutations() {
        let seeds: [[UInt8]] = [
            BGPOpenTests.birdStyleOpen, BGPOpenTests.frrStyleOpen, BGPUpdateTests.ipv6Announcement,
            Self.update("40 05 04 00000064 c0 07 08 0000fde9 c0000201 c0 08 04 fde80064 c0 20 0c 0000fde8 00000001 00000002"),
            message(type: 3, body: [6, 2, 3, 0x61, 0x62, 0x63]), message(type: 5, body: [0, 1, 0, 1]),
        ]
        var rng = SplitMix64(state: 7606)
        var outcomes = (messages: 0, errors: 0)
        for round in 0..<6000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let index = Int.random(in: 16..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
                default: bytes.removeLast(Int.random(in: 0...min(8, bytes.count - 19), using: &rng))
                }
            }
            let context = BGPCodingContext(fourOctetAS: round % 2 == 0, peerIsExternal: round % 3 == 0)
            var buffer = ByteBuffer(bytes: bytes)
            do {
                while let message = try BGPMessage.decode(from: &buffer, context: context) {
                    outcomes.messages += 1
                    expectCleanRoundTrip(message, context: context)
                }
            } catch {
                outcomes.errors += 1
            }
        }
        #expect(outcomes.messages > 0)
        #expect(outcomes.errors > 0)
    }

    /// A decoded message without RFC 7606 findings re-encodes and decodes to itself, once the
    /// receive-only notes are dropped and unknown attributes carry the Partial bit.
    private func expectCleanRoundTrip(_ message: BGPMessage, context: BGPCodingContext) {
        func normalized(_ message: BGPMessage) -> BGPMessage? {
            guard case .update(var update) = message else { return message }
            guard update.errors.isEmpty else { return nil }
            update.notes = []
            for index in update.attributes.unknown.indices { update.attributes.unknown[index].flags.insert(.partial) }
            return .update(update)
        }
        guard let expected = normalized(message), var bytes = try? expected.encoded(context: context) else { return }
        let decoded = try? BGPMessage.decode(from: &bytes, context: context)
        #expect(decoded.flatMap { $0 }.flatMap(normalized) == expected)
    }
}
