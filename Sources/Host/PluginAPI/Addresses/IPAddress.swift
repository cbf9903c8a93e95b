/// An IPv4 or IPv6 address, the address type the rest of the plugin API uses.
///
/// The address types in this folder implement:
/// - RFC 791 addresses in strict dotted-quad text (`IPv4Address`);
/// - RFC 4291 §2.2 IPv6 text on input and RFC 5952 §4–5 canonical text on output
///   (`IPv6Address`);
/// - RFC 4632 CIDR prefixes (`IPPrefix`) and inclusive ranges with their minimal CIDR
///   cover (`IPRange`), with exact counts up to 2^128 (`AddressCount`).
///
/// Deliberate deviations, all towards strictness: IPv4 text accepts none of the
/// `inet_aton(3)` shorthands (`127.1`, `0x7f.0.0.1`, leading zeros); IPv6 text accepts no
/// zone ID (RFC 4007 §11, RFC 6874) and no URL brackets; prefixes with host bits set are
/// errors, not silently masked.
///
/// An IPv4 address and its IPv4-mapped IPv6 form (`192.0.2.1` and `::ffff:192.0.2.1`) are
/// different values: pools, prefixes and BGP announcements never mix families implicitly.
///
/// Encoded as its text. All IPv4 addresses sort before all IPv6 addresses.
public enum IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// An IPv4 address.
    case v4(IPv4Address)
    /// An IPv6 address.
    case v6(IPv6Address)

    /// Parses an IPv4 or IPv6 address; text without a `:` is read as IPv4.
    ///
    /// - Throws: `AddressParseError` explaining what is wrong with the text.
    public init(parsing text: String) throws(AddressParseError) {
        self = try ASCII.withBytes(of: text) { bytes throws(AddressParseError) in
            try IPAddress.parse(bytes)
        }
    }

    /// Parses an IPv4 or IPv6 address, or returns `nil` if the text is neither.
    ///
    /// Use `init(parsing:)` to learn why text was rejected.
    public init?(_ description: String) {
        guard let address = try? IPAddress(parsing: description) else { return nil }
        self = address
    }

    /// Creates the address of `family` whose value is `bits`.
    ///
    /// - Precondition: `bits` fits in the family's `bitWidth`.
    @inlinable
    public init(family: IPFamily, bits: UInt128) {
        precondition(bits <= family.maxBits, "\(bits) does not fit in an \(family) address")
        switch family {
        case .ipv4: self = .v4(IPv4Address(UInt32(truncatingIfNeeded: bits)))
        case .ipv6: self = .v6(IPv6Address(bits))
        }
    }

    /// The address family.
    @inlinable
    public var family: IPFamily {
        switch self {
        case .v4: .ipv4
        case .v6: .ipv6
        }
    }

    /// The address as a number, zero-extended to 128 bits for IPv4.
    @inlinable
    public var bits: UInt128 {
        switch self {
        case .v4(let address): UInt128(address.rawValue)
        case .v6(let address): address.rawValue
        }
    }

    /// The address `n` after this one, or `nil` if that is past the end of the family.
    @inlinable
    public func advanced(by n: UInt128) -> IPAddress? {
        let (sum, overflow) = bits.addingReportingOverflow(n)
        guard !overflow, sum <= family.maxBits else { return nil }
        return IPAddress(family: family, bits: sum)
    }

    /// How many addresses `other` is after this one.
    ///
    /// - Precondition: `other` is in the same family and not before this address.
    @inlinable
    public func distance(to other: IPAddress) -> UInt128 {
        precondition(family == other.family, "distance from \(self) to \(other) crosses address families")
        precondition(self <= other, "distance from \(self) to \(other) would be negative")
        return other.bits - bits
    }

    /// The address's text: dotted-quad for IPv4, RFC 5952 for IPv6.
    public var description: String {
        switch self {
        case .v4(let address): address.description
        case .v6(let address): address.description
        }
    }

    /// Orders all IPv4 addresses before all IPv6 addresses, then numerically.
    @inlinable
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): a.rawValue < b.rawValue
        case (.v6(let a), .v6(let b)): a.rawValue < b.rawValue
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }

    /// Decodes the address from its text.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().decodeParsed(IPAddress.init(parsing:))
    }

    /// Encodes the address as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
