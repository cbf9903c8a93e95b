import IronLBPluginAPI
import NIOCore

/// The NLRI prefix encoding: a length in bits, then just enough octets (RFC 4271 §4.3, RFC 4760 §5).
enum PrefixCoding {
    /// A prefix that cannot be read.
    struct Malformed: Error {
        /// What is wrong.
        var detail: String
    }

    /// The number of octets `prefix` takes on the wire.
    static func encodedLength(of prefix: IPPrefix) -> Int {
        1 + (prefix.length + 7) / 8
    }

    /// Reads prefixes of `family` until `buffer` is empty, noting any with host bits set.
    static func readAll(_ family: IPFamily, from buffer: inout ByteBuffer, notes: inout [UpdateNote]) throws(Malformed) -> [IPPrefix] {
        var prefixes: [IPPrefix] = []
        while buffer.readableBytes > 0 {
            let (prefix, hadHostBits) = try read(family, from: &buffer)
            if hadHostBits { notes.append(.hostBitsIgnored(prefix)) }
            prefixes.append(prefix)
        }
        return prefixes
    }

    /// Reads one prefix; host bits past the length are cleared and reported.
    static func read(_ family: IPFamily, from buffer: inout ByteBuffer) throws(Malformed) -> (IPPrefix, hadHostBits: Bool) {
        guard let rawLength = buffer.readInteger(as: UInt8.self) else { throw Malformed(detail: "empty prefix") }
        let length = Int(rawLength)
        // RFC 7606 §5.3: a length longer than the family's addresses makes the field incorrect.
        guard length <= family.bitWidth else {
            throw Malformed(detail: "prefix length \(length) exceeds \(family.bitWidth)")
        }
        let octets = (length + 7) / 8
        // RFC 7606 §5.3: a prefix that overruns its field makes the field incorrect.
        guard buffer.readableBytes >= octets else {
            throw Malformed(detail: "/\(length) prefix needs \(octets) octets, \(buffer.readableBytes) left")
        }
        var bits: UInt128 = 0
        for offset in 0..<octets {
            bits = bits << 8 | UInt128(buffer.getInteger(at: buffer.readerIndex + offset, as: UInt8.self)!)
        }
        buffer.moveReaderIndex(forwardBy: octets)
        bits <<= family.bitWidth - octets * 8
        let prefix = IPPrefix(containing: IPAddress(family: family, bits: bits), length: length)
        // RFC 4271 §4.3: trailing bits past the length are irrelevant; they are ignored, not an error.
        return (prefix, prefix.network.bits != bits)
    }

    /// Writes one prefix.
    static func write(_ prefix: IPPrefix, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(prefix.length))
        let aligned = prefix.network.bits << (128 - prefix.family.bitWidth)
        for index in 0..<(prefix.length + 7) / 8 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: aligned >> (120 - 8 * index)))
        }
    }
}
