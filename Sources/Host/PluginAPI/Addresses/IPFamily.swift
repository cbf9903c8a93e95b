/// An IP address family: IPv4 or IPv6.
///
/// Encoded as `"ipv4"` or `"ipv6"`; IPv4 sorts before IPv6.
public enum IPFamily: String, Sendable, Hashable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    /// 32-bit addresses (RFC 791).
    case ipv4
    /// 128-bit addresses (RFC 4291).
    case ipv6

    /// The number of bits in an address of this family: 32 or 128.
    public var bitWidth: Int {
        switch self {
        case .ipv4: 32
        case .ipv6: 128
        }
    }

    /// The name as operators write it: "IPv4" or "IPv6".
    public var description: String {
        switch self {
        case .ipv4: "IPv4"
        case .ipv6: "IPv6"
        }
    }

    /// Orders IPv4 before IPv6.
    public static func < (lhs: IPFamily, rhs: IPFamily) -> Bool {
        lhs.bitWidth < rhs.bitWidth
    }

    /// The largest address of the family, zero-extended to 128 bits.
    @usableFromInline
    var maxBits: UInt128 {
        switch self {
        case .ipv4: UInt128(UInt32.max)
        case .ipv6: .max
        }
    }

    /// The bits that are free to vary inside a prefix of `length` bits.
    func hostMask(prefixLength length: Int) -> UInt128 {
        let hostBits = bitWidth - length
        // Spelled out because `1 << 128` is 0 in Swift, which would make `- 1` trap.
        return hostBits >= 128 ? .max : (1 << hostBits) - 1
    }
}
