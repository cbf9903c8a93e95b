package import IronLBPluginAPI

/// Numbers the usable addresses of one pool block 0, 1, 2, … so the pool index can work on dense
/// offsets.
///
/// Without `avoid-buggy-ips` the offset is the distance from the block's first address. With it, the
/// skipped addresses (IPv4 `.0` and `.255`, the IPv6 subnet-router anycast address of each /64) are
/// simply not numbered: the mapping is arithmetic over periods of 256 (IPv4) or 2^64 (IPv6) addresses
/// with a fixed set of usable residues, so a huge pool never stores one entry per skipped address.
///
/// The mapping's functions are always inlined: called on a block index's `coordinates` from one of
/// its mutating methods, each call copied all 129 bytes of them first.
package struct BlockCoordinates: Sendable, Equatable {
    /// The block.
    package let range: IPRange
    /// Whether buggy addresses are skipped.
    package let avoidBuggyIPs: Bool
    /// Usable addresses per period, and the period's size as a power of two (when skipping).
    private let usablePerPeriod: UInt128
    private let periodShift: Int
    /// The global number of the block's first usable address.
    private let base: UInt128
    /// The highest offset, or nil when the block has no usable address.
    package let lastOffset: UInt128?

    /// Numbers `range`, skipping buggy addresses when `avoidBuggyIPs` is set.
    package init(range: IPRange, avoidBuggyIPs: Bool) {
        self.range = range
        self.avoidBuggyIPs = avoidBuggyIPs
        switch range.family {
        case .ipv4: (periodShift, usablePerPeriod) = (8, 254)
        case .ipv6: (periodShift, usablePerPeriod) = (64, UInt128(UInt64.max))
        }
        if avoidBuggyIPs {
            base = Self.usableBelow(range.first.bits, shift: periodShift, usable: usablePerPeriod)
            let through = Self.usableBelow(range.last.bits, shift: periodShift, usable: usablePerPeriod)
                + (Self.isUsable(range.last.bits, shift: periodShift, usable: usablePerPeriod) ? 1 : 0)
            lastOffset = through > base ? through - base - 1 : nil
        } else {
            base = 0
            lastOffset = range.last.bits - range.first.bits
        }
    }

    /// How many usable addresses the block has; exact, up to 2^128 for `::/0`.
    package var size: AddressCount {
        guard let lastOffset else { return .zero }
        return AddressCount(lastOffset) + AddressCount(1)
    }

    /// Whether `address` (inside the block) may ever be handed out as far as buggy addresses go.
    @inline(__always)
    package func isUsable(_ address: IPAddress) -> Bool {
        !avoidBuggyIPs || Self.isUsable(address.bits, shift: periodShift, usable: usablePerPeriod)
    }

    /// The offset of `address`, which must be inside the block and usable.
    @inline(__always)
    package func offset(of address: IPAddress) -> UInt128 {
        avoidBuggyIPs ? Self.usableBelow(address.bits, shift: periodShift, usable: usablePerPeriod) - base : address.bits - range.first.bits
    }

    /// The offset of the first usable address at or after `address` (inside the block); may be past the end.
    @inline(__always)
    package func firstOffset(atOrAfter address: IPAddress) -> UInt128 {
        avoidBuggyIPs ? Self.usableBelow(address.bits, shift: periodShift, usable: usablePerPeriod) - base : address.bits - range.first.bits
    }

    /// The address at `offset`, which must be at most `lastOffset`.
    @inline(__always)
    package func address(at offset: UInt128) -> IPAddress {
        guard avoidBuggyIPs else { return IPAddress(family: range.family, bits: range.first.bits + offset) }
        let number = base + offset
        let (periods, within) = number.quotientAndRemainder(dividingBy: usablePerPeriod)
        return IPAddress(family: range.family, bits: periods << periodShift + 1 + within)
    }

    /// The offsets of the usable addresses of `other` clipped to the block, or nil when there are none.
    package func offsets(of other: IPRange) -> ClosedRange<UInt128>? {
        guard let lastOffset, other.overlaps(range) else { return nil }
        let first = max(other.first, range.first), last = min(other.last, range.last)
        let low = firstOffset(atOrAfter: first)
        let high: UInt128? = isUsable(last) ? offset(of: last) : (firstOffset(atOrAfter: last) == 0 ? nil : firstOffset(atOrAfter: last) - 1)
        guard let high, low <= high, low <= lastOffset else { return nil }
        return low...min(high, lastOffset)
    }

    /// How many usable addresses are below `bits` in the whole family.
    private static func usableBelow(_ bits: UInt128, shift: Int, usable: UInt128) -> UInt128 {
        let periods = bits >> shift
        let residue = bits & ((1 << shift) - 1)
        return periods * usable + min(residue == 0 ? 0 : residue - 1, usable)
    }

    private static func isUsable(_ bits: UInt128, shift: Int, usable: UInt128) -> Bool {
        let residue = bits & ((1 << shift) - 1)
        return residue != 0 && residue <= usable
    }
}
