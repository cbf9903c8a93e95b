/// A CIDR prefix (RFC 4632), such as `192.0.2.0/24` or `2001:db8::/32`.
///
/// A prefix is always in canonical form: its network address has no host bits set. Text
/// with host bits set, like `192.0.2.1/24`, is rejected rather than silently masked,
/// because it usually means an operator typed an address where a network was meant.
///
/// Encoded as its text. Prefixes sort by network address, then shorter prefixes first.
public struct IPPrefix: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// The first address of the prefix, with all host bits zero.
    public let network: IPAddress
    /// The number of leading bits that are fixed: 0...32 for IPv4, 0...128 for IPv6.
    public let length: Int

    /// Creates the prefix of `length` bits starting at `network`.
    ///
    /// - Throws: `AddressParseError` if `length` is out of range for the family or
    ///   `network` has host bits set.
    public init(network: IPAddress, length: Int) throws(AddressParseError) {
        if let reason = IPPrefix.problem(network: network, length: length) {
            throw AddressParseError(input: "\(network)/\(length)", reason: reason, subject: .prefix)
        }
        self.init(uncheckedNetwork: network, length: length)
    }

    /// Creates the prefix of `length` bits that contains `address`, clearing its host bits.
    ///
    /// - Precondition: `length` is in `0...address.family.bitWidth`.
    public init(containing address: IPAddress, length: Int) {
        let family = address.family
        precondition((0...family.bitWidth).contains(length), "/\(length) is not a valid \(family) prefix length")
        let network = IPAddress(family: family, bits: address.bits & ~family.hostMask(prefixLength: length))
        self.init(uncheckedNetwork: network, length: length)
    }

    /// The prefix of exactly one address: a /32 for IPv4, a /128 for IPv6.
    public static func host(_ address: IPAddress) -> IPPrefix {
        IPPrefix(uncheckedNetwork: address, length: address.family.bitWidth)
    }

    /// Creates a prefix whose network and length the caller has already validated.
    init(uncheckedNetwork network: IPAddress, length: Int) {
        self.network = network
        self.length = length
    }

    /// Why `network` and `length` do not form a prefix, or `nil` if they do.
    static func problem(network: IPAddress, length: Int) -> String? {
        let family = network.family
        guard (0...family.bitWidth).contains(length) else {
            return "prefix length \(length) is out of range for \(family) (0–\(family.bitWidth))"
        }
        guard network.bits & family.hostMask(prefixLength: length) == 0 else {
            return "host bits are set; did you mean \(IPPrefix(containing: network, length: length))?"
        }
        return nil
    }

    /// The address family.
    public var family: IPFamily {
        network.family
    }

    /// The first address of the prefix, which is `network`.
    public var first: IPAddress {
        network
    }

    /// The last address of the prefix, with all host bits one.
    public var last: IPAddress {
        IPAddress(family: family, bits: network.bits | family.hostMask(prefixLength: length))
    }

    /// The number of addresses in the prefix: exactly 2^(bitWidth − length).
    public var count: AddressCount {
        AddressCount.powerOfTwo(family.bitWidth - length)
    }

    /// Whether `address` is inside the prefix; always `false` across families.
    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && address.bits & ~family.hostMask(prefixLength: length) == network.bits
    }

    /// Whether every address of `other` is inside this prefix.
    public func contains(_ other: IPPrefix) -> Bool {
        other.length >= length && contains(other.network)
    }

    /// Whether the prefixes share any address; aligned prefixes overlap only by nesting.
    public func overlaps(_ other: IPPrefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// The same addresses as a range.
    public var range: IPRange {
        IPRange(uncheckedFirst: first, last: last)
    }

    /// The CIDR text, such as `192.0.2.0/24`.
    public var description: String {
        "\(network)/\(length)"
    }

    /// Orders by network address, then shorter (larger) prefixes first.
    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        (lhs.network, lhs.length) < (rhs.network, rhs.length)
    }

    /// Parses CIDR text, or returns `nil` if it is not a valid prefix.
    ///
    /// Use `init(parsing:)` to learn why text was rejected.
    public init?(_ description: String) {
        guard let prefix = try? IPPrefix(parsing: description) else { return nil }
        self = prefix
    }

    /// Decodes the prefix from its CIDR text.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().decodeParsed(IPPrefix.init(parsing:))
    }

    /// Encodes the prefix as its CIDR text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
