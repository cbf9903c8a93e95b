@testable import BGPWire
import IronLBPluginAPI
import NIOCore

/// Octets from hex text; spaces, newlines and `|` separators are ignored, and so is
/// everything from `--` to the end of a line, which is where captures explain themselves.
func hex(_ text: String) -> [UInt8] {
    var digits: [Character] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var previousWasDash = false
        for character in line {
            if character == "-" {
                if previousWasDash { _ = digits.popLast(); break }
                previousWasDash = true
                digits.append(character)
                continue
            }
            previousWasDash = false
            if character != " " && character != "|" { digits.append(character) }
        }
    }
    precondition(digits.allSatisfy(\.isHexDigit), "not hex: \(String(digits))")
    precondition(digits.count % 2 == 0, "odd number of hex digits in \(text)")
    var bytes: [UInt8] = []
    var index = 0
    while index < digits.count {
        bytes.append(UInt8(String(digits[index..<index + 2]), radix: 16)!)
        index += 2
    }
    return bytes
}

/// A whole message: 16 marker octets, the length, the type and `body`.
func message(type: UInt8, body: [UInt8]) -> [UInt8] {
    let length = 19 + body.count
    return [UInt8](repeating: 0xFF, count: 16) + [UInt8(length >> 8), UInt8(length & 0xFF), type] + body
}

/// A whole UPDATE message assembled from its three fields.
func updateMessage(withdrawn: [UInt8] = [], attributes: [UInt8], nlri: [UInt8] = []) -> [UInt8] {
    let lengths = { (count: Int) in [UInt8(count >> 8), UInt8(count & 0xFF)] }
    return message(type: 2, body: lengths(withdrawn.count) + withdrawn + lengths(attributes.count) + attributes + nlri)
}

/// Decodes exactly one message from `bytes`, failing if the bytes are partial or left over.
func decodeOne(_ bytes: [UInt8], context: BGPCodingContext = BGPCodingContext()) throws(BGPMessageError) -> BGPMessage {
    var buffer = ByteBuffer(bytes: bytes)
    guard let message = try BGPMessage.decode(from: &buffer, context: context) else {
        preconditionFailure("message is partial")
    }
    precondition(buffer.readableBytes == 0, "\(buffer.readableBytes) octets left over")
    return message
}

/// Decodes `bytes` as an UPDATE.
func decodeUpdate(_ bytes: [UInt8], context: BGPCodingContext = BGPCodingContext()) throws(BGPMessageError) -> BGPUpdate {
    guard case .update(let update) = try decodeOne(bytes, context: context) else {
        preconditionFailure("not an UPDATE")
    }
    return update
}

/// The octets of `message` encoded in `context`.
func encode(_ message: BGPMessage, context: BGPCodingContext = BGPCodingContext()) throws -> [UInt8] {
    var buffer = try message.encoded(context: context)
    return buffer.readBytes(length: buffer.readableBytes)!
}

/// `message` encoded and decoded again in `context`.
func roundTrip(_ message: BGPMessage, context: BGPCodingContext = BGPCodingContext()) throws -> BGPMessage {
    try decodeOne(try encode(message, context: context), context: context)
}

/// A prefix from CIDR text, trapping on bad test data.
func prefix(_ text: String) -> IPPrefix {
    IPPrefix(text)!
}

/// An IPv4 address from dotted-quad text, trapping on bad test data.
func ipv4(_ text: String) -> IPv4Address {
    IPv4Address(text)!
}

/// An IPv6 address from text, trapping on bad test data.
func ipv6(_ text: String) -> IPv6Address {
    IPv6Address(text)!
}

/// Attribute octets used by many UPDATE tests.
enum Wire {
    /// ORIGIN IGP.
    static let originIGP = hex("40 01 01 00")
    /// AS_PATH AS_SEQUENCE [65001] with 4-octet ASNs.
    static let asPath65001 = hex("40 02 06 | 02 01 0000fde9")
    /// NEXT_HOP 192.0.2.1.
    static let nextHop = hex("40 03 04 c0000201")
    /// The three mandatory attributes together.
    static let mandatory = originIGP + asPath65001 + nextHop
    /// NLRI 198.51.100.0/24.
    static let nlri24 = hex("18 c63364")
}

/// A small deterministic PRNG (SplitMix64) so mutation tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
