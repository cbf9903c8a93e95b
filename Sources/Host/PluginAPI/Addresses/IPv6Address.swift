/// An IPv6 address (RFC 4291).
///
/// Parsing accepts every text form of RFC 4291 §2.2 — full, `::`-compressed, and with the
/// last 32 bits as dotted-quad IPv4 — in either case. Zone IDs (`fe80::1%eth0`, RFC 6874)
/// and brackets (`[::1]`, a URL form) are rejected: neither is part of an address.
///
/// Printing follows RFC 5952 §4, the canonical form, so equal addresses always print the
/// same way; IPv4-mapped addresses print as `::ffff:192.0.2.1` (RFC 5952 §5).
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The address as a 128-bit number; `2001:db8::1` is `0x2001_0db8_0000_..._0001`.
    public var rawValue: UInt128

    /// Creates the address with the given 128-bit value.
    @inlinable
    public init(_ rawValue: UInt128) {
        self.rawValue = rawValue
    }

    /// Parses RFC 4291 text such as `2001:db8::1` or `::ffff:192.0.2.1`.
    ///
    /// - Throws: `AddressParseError` explaining what is wrong with the text.
    public init(parsing text: String) throws(AddressParseError) {
        rawValue = try ASCII.withBytes(of: text) { bytes throws(AddressParseError) in
            do throws(ParseFailure) {
                return try IPv6Address.parseRawValue(bytes)
            } catch {
                throw AddressParseError(input: text, reason: error.reason, subject: .ipv6Address)
            }
        }
    }

    /// Parses RFC 4291 text, or returns `nil` if it is not a valid IPv6 address.
    ///
    /// Use `init(parsing:)` to learn why text was rejected.
    public init?(_ description: String) {
        guard let address = try? IPv6Address(parsing: description) else { return nil }
        self = address
    }

    /// Whether this is an IPv4-mapped address, `::ffff:0:0/96` (RFC 4291 §2.5.5.2).
    public var isIPv4Mapped: Bool {
        rawValue >> 32 == 0xFFFF
    }

    /// The RFC 5952 canonical form, such as `2001:db8::1`.
    public var description: String {
        if isIPv4Mapped {
            return AddressTextWriter.string(capacity: 22) { writer in
                for byte in "::ffff:".utf8 { writer.append(byte) }
                writer.appendIPv4(UInt32(truncatingIfNeeded: rawValue))
            }
        }
        // RFC 5952 §4.2.2–4.2.3: "::" replaces the longest run of two or more zero groups,
        // the first such run on a tie; a lone zero group stays "0".
        var bestStart = -1
        var bestLength = 1
        var runLength = 0
        for index in 0..<8 {
            if group(index) == 0 {
                runLength += 1
                if runLength > bestLength {
                    bestLength = runLength
                    bestStart = index - runLength + 1
                }
            } else {
                runLength = 0
            }
        }
        return AddressTextWriter.string(capacity: 39) { writer in
            var index = 0
            while index < 8 {
                if index == bestStart {
                    writer.append(ASCII.colon)
                    writer.append(ASCII.colon)
                    index += bestLength
                    continue
                }
                if index > 0 && index != bestStart + bestLength { writer.append(ASCII.colon) }
                writer.appendHex(group(index))
                index += 1
            }
        }
    }

    /// The 16-bit group at `index`, counting from the most significant.
    @inline(__always)
    private func group(_ index: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: rawValue >> (112 - 16 * index))
    }

    /// Orders addresses numerically.
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
