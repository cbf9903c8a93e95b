/// An inclusive range of addresses of one family, such as `198.51.100.10-198.51.100.20`.
///
/// Ranges are how operators write address pools that do not fall on CIDR boundaries;
/// `prefixes` converts them to the prefixes that routing and BGP announcements need.
///
/// Encoded as its text, which is the CIDR form when the range is exactly one prefix.
/// Ranges sort by first address, then by last address.
public struct IPRange: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// The lowest address in the range.
    public let first: IPAddress
    /// The highest address in the range, which may equal `first`.
    public let last: IPAddress

    /// Creates the range from `first` through `last`.
    ///
    /// - Throws: `AddressParseError` if the addresses are of different families or `last`
    ///   is before `first`.
    public init(first: IPAddress, last: IPAddress) throws(AddressParseError) {
        if let reason = IPRange.problem(first: first, last: last) {
            throw AddressParseError(input: "\(first)-\(last)", reason: reason, subject: .range)
        }
        self.init(uncheckedFirst: first, last: last)
    }

    /// Creates a range whose bounds the caller has already validated.
    init(uncheckedFirst first: IPAddress, last: IPAddress) {
        self.first = first
        self.last = last
    }

    /// Why `first` and `last` do not form a range, or `nil` if they do.
    static func problem(first: IPAddress, last: IPAddress) -> String? {
        if first.family != last.family {
            return "first address \(first) is \(first.family) but last address \(last) is \(last.family)"
        }
        if last < first {
            return "first address \(first) is after last address \(last)"
        }
        return nil
    }

    /// The address family.
    @inlinable
    public var family: IPFamily {
        first.family
    }

    /// The number of addresses in the range, exact even for all of IPv6.
    @inlinable
    public var count: AddressCount {
        AddressCount(first.distance(to: last)) + AddressCount(1)
    }

    /// Whether `address` is inside the range; always `false` across families.
    @inlinable
    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && first <= address && address <= last
    }

    /// Whether every address of `other` is inside this range.
    public func contains(_ other: IPRange) -> Bool {
        other.family == family && first <= other.first && other.last <= last
    }

    /// Whether the ranges share any address.
    public func overlaps(_ other: IPRange) -> Bool {
        other.family == family && first <= other.last && other.first <= last
    }

    /// Whether the range is exactly one CIDR prefix.
    public var isPrefix: Bool {
        asPrefix != nil
    }

    /// The range as a single prefix, or `nil` if it needs more than one.
    var asPrefix: IPPrefix? {
        // `span` is count − 1; the range is one prefix when that is 2^k − 1 (all low bits
        // set) and `first` is aligned to 2^k. At 2^128 addresses, `&+ 1` wraps to 0, which
        // is still right.
        let span = last.bits - first.bits
        guard span & (span &+ 1) == 0, first.bits & span == 0 else { return nil }
        let hostBits = UInt128.bitWidth - span.leadingZeroBitCount
        return IPPrefix(uncheckedNetwork: first, length: family.bitWidth - hostBits)
    }

    /// The text: one address, a CIDR prefix, or `first-last`.
    public var description: String {
        if first == last { return first.description }
        if let prefix = asPrefix { return prefix.description }
        return "\(first)-\(last)"
    }

    /// Orders by first address, then by last address.
    public static func < (lhs: IPRange, rhs: IPRange) -> Bool {
        (lhs.first, lhs.last) < (rhs.first, rhs.last)
    }

    /// Parses range, CIDR or single-address text, or returns `nil` if it is none of them.
    ///
    /// Use `init(parsing:)` to learn why text was rejected.
    public init?(_ description: String) {
        guard let range = try? IPRange(parsing: description) else { return nil }
        self = range
    }

    /// Decodes the range from its text.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().decodeParsed(IPRange.init(parsing:))
    }

    /// Encodes the range as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
