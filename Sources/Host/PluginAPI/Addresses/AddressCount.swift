/// An exact number of addresses, from 0 up to and including 2^128.
///
/// `UInt128` stops one short of the size of the IPv6 space, so `::/0` would not fit; this
/// type keeps the one extra bit so every prefix and range has an exact count, and pool
/// arithmetic never silently saturates.
///
/// Encoded as a decimal string, which every decoder reads exactly; decodes from a decimal
/// string or an unsigned integer.
public struct AddressCount: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Whether the count is 2^128, the one value `low` cannot hold; `low` is then 0.
    @usableFromInline let high: Bool
    /// The count below 2^128.
    @usableFromInline let low: UInt128

    @usableFromInline
    init(high: Bool, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// A count of `value` addresses.
    @inlinable
    public init(_ value: UInt128) {
        self.init(high: false, low: value)
    }

    /// No addresses.
    public static let zero = AddressCount(0)

    /// 2^128, the number of IPv6 addresses.
    static let allIPv6 = AddressCount(high: true, low: 0)

    /// 2^`exponent`, the number of addresses in a prefix with that many host bits.
    static func powerOfTwo(_ exponent: Int) -> AddressCount {
        precondition((0...128).contains(exponent), "2^\(exponent) is not an address count")
        return exponent == 128 ? allIPv6 : AddressCount(1 << exponent)
    }

    /// The sum of two counts.
    ///
    /// - Precondition: The sum is at most 2^128.
    @inlinable
    public static func + (lhs: AddressCount, rhs: AddressCount) -> AddressCount {
        let (low, carry) = lhs.low.addingReportingOverflow(rhs.low)
        let high = (lhs.high ? 1 : 0) + (rhs.high ? 1 : 0) + (carry ? 1 : 0)
        precondition(high == 0 || (high == 1 && low == 0), "\(lhs) + \(rhs) is more than 2^128")
        return AddressCount(high: high == 1, low: low)
    }

    /// The difference of two counts.
    ///
    /// - Precondition: `rhs` is at most `lhs`.
    @inlinable
    public static func - (lhs: AddressCount, rhs: AddressCount) -> AddressCount {
        let (low, borrow) = lhs.low.subtractingReportingOverflow(rhs.low)
        let high = (lhs.high ? 1 : 0) - (rhs.high ? 1 : 0) - (borrow ? 1 : 0)
        precondition(high >= 0, "\(lhs) - \(rhs) is negative")
        return AddressCount(high: high == 1, low: low)
    }

    /// Adds `rhs` to the count.
    ///
    /// - Precondition: The sum is at most 2^128.
    public static func += (lhs: inout AddressCount, rhs: AddressCount) {
        lhs = lhs + rhs
    }

    /// Subtracts `rhs` from the count.
    ///
    /// - Precondition: `rhs` is at most the count.
    public static func -= (lhs: inout AddressCount, rhs: AddressCount) {
        lhs = lhs - rhs
    }

    /// Orders counts numerically.
    @inlinable
    public static func < (lhs: AddressCount, rhs: AddressCount) -> Bool {
        (lhs.high ? 1 : 0, lhs.low) < (rhs.high ? 1 : 0, rhs.low)
    }

    /// The count as a `UInt128`, or `nil` for 2^128.
    @inlinable
    public var uint128: UInt128? {
        high ? nil : low
    }

    /// The count, or `Int.max` if it is larger; for metrics and capacity hints.
    public var saturatingInt: Int {
        !high && low <= UInt128(Int.max) ? Int(low) : .max
    }

    /// The count as the nearest `Double`; for metrics such as utilization ratios.
    public var doubleValue: Double {
        high ? Double(sign: .plus, exponent: 128, significand: 1) : Double(low)
    }

    /// The exact count in decimal.
    public var description: String {
        high ? Self.twoToThe128 : String(low)
    }

    /// 2^128 in decimal.
    private static let twoToThe128 = "340282366920938463463374607431768211456"

    /// Parses a decimal count from 0 to 2^128, or returns `nil`.
    init?(decimal text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ ASCII.decimalValue($0) != nil }) else { return nil }
        var value: UInt128 = 0
        for byte in text.utf8 {
            let (product, productOverflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = product.addingReportingOverflow(UInt128(byte - ASCII.zero))
            guard !productOverflow && !sumOverflow else {
                // Only 2^128 itself is beyond `UInt128` and still allowed.
                let significant = text.drop(while: { $0 == "0" })
                guard significant == Self.twoToThe128 else { return nil }
                self = .allIPv6
                return
            }
            value = sum
        }
        self.init(value)
    }

    /// Decodes a count from a decimal string or an unsigned integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let count = AddressCount(decimal: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not an address count from 0 to 2^128")
            }
            self = count
        } else {
            self.init(UInt128(try container.decode(UInt64.self)))
        }
    }

    /// Encodes the count as a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
