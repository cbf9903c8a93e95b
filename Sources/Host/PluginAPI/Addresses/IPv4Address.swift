/// An IPv4 address (RFC 791).
///
/// Text is the strict dotted-quad form: exactly four decimal octets, 0–255, without leading
/// zeros. The historical `inet_aton(3)` forms — `127.1`, `0x7f.0.0.1`, `010.0.0.1` — are
/// rejected, because tools disagree about what they mean.
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The address as a 32-bit number; `192.0.2.1` is `0xC000_0201`.
    public var rawValue: UInt32

    /// Creates the address with the given 32-bit value.
    @inlinable
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Parses dotted-quad text such as `192.0.2.1`.
    ///
    /// - Throws: `AddressParseError` explaining what is wrong with the text.
    public init(parsing text: String) throws(AddressParseError) {
        rawValue = try ASCII.withBytes(of: text) { bytes throws(AddressParseError) in
            do throws(ParseFailure) {
                return try IPv4Address.parseRawValue(bytes)
            } catch {
                throw AddressParseError(input: text, reason: error.reason, subject: .ipv4Address)
            }
        }
    }

    /// Parses dotted-quad text, or returns `nil` if it is not a valid IPv4 address.
    ///
    /// Use `init(parsing:)` to learn why text was rejected.
    public init?(_ description: String) {
        guard let address = try? IPv4Address(parsing: description) else { return nil }
        self = address
    }

    /// The dotted-quad form, such as `192.0.2.1`.
    public var description: String {
        AddressTextWriter.string(capacity: 15) { $0.appendIPv4(rawValue) }
    }

    /// Orders addresses numerically.
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
