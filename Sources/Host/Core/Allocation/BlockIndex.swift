package import IronLBPluginAPI

/// The index of one pool block: which of its usable addresses are taken (held or reserved).
///
/// Reserved ranges enter the interval set once, as whole intervals; buggy addresses are not numbered
/// at all (`BlockCoordinates`); held addresses enter one by one and coalesce with their neighbours.
/// An address can be held and yet outside the set: one held before a pool edit reserved it or turned
/// on `avoid-buggy-ips`. It stays held (nobody moves) and is counted, but when released it is not
/// handed out again.
package struct BlockIndex: Sendable {
    /// The block and its numbering.
    package let coordinates: BlockCoordinates
    /// Reserved offsets, sorted, merged and non-adjacent.
    private let reserved: [ClosedRange<UInt128>]
    /// Held and reserved offsets.
    private var taken = IntervalSet()
    /// How many addresses of this block are held.
    package private(set) var held: UInt128 = 0

    /// Indexes `range` with nothing held.
    package init(range: IPRange, reserved reservedRanges: [IPRange], avoidBuggyIPs: Bool) {
        coordinates = BlockCoordinates(range: range, avoidBuggyIPs: avoidBuggyIPs)
        var merged: [ClosedRange<UInt128>] = []
        for offsets in reservedRanges.compactMap(coordinates.offsets(of:)).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, last.upperBound == .max || offsets.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, offsets.upperBound)
            } else {
                merged.append(offsets)
            }
        }
        reserved = merged
        for offsets in merged { taken.insert(offsets) }
    }

    /// The block's addresses.
    package var range: IPRange { coordinates.range }

    /// Usable addresses not reserved (whether held or not).
    package var capacity: AddressCount {
        coordinates.size - AddressCount(reserved.reduce(0) { $0 + ($1.upperBound - $1.lowerBound + 1) })
    }

    /// Addresses that may be handed out now.
    package var availableCount: AddressCount { coordinates.size - AddressCount(taken.count) }

    /// Whether `address` (inside the block) is reserved or skipped as buggy.
    package func isExcluded(_ address: IPAddress) -> Bool {
        !coordinates.isUsable(address) || isReserved(offset: coordinates.offset(of: address))
    }

    /// Whether `address` (inside the block) may be handed out now.
    package func isAvailable(_ address: IPAddress) -> Bool {
        coordinates.isUsable(address) && !taken.contains(coordinates.offset(of: address))
    }

    /// The lowest available address at or after `start` (the block's first when nil).
    package func firstAvailable(atOrAfter start: IPAddress?) -> IPAddress? {
        guard let lastOffset = coordinates.lastOffset else { return nil }
        let from = start.map { $0 <= range.first ? 0 : coordinates.firstOffset(atOrAfter: $0) } ?? 0
        guard from <= lastOffset, let offset = taken.firstAbsent(atOrAfter: from), offset <= lastOffset else { return nil }
        return coordinates.address(at: offset)
    }

    /// Holds the lowest available address at or after `start` (the block's first when nil) and
    /// before `end` (to the block's last when nil), and returns it; nil, changing nothing, when there
    /// is none. One descent of the index both finds and takes it.
    package mutating func holdFirstAvailable(atOrAfter start: IPAddress?, before end: IPAddress? = nil) -> IPAddress? {
        guard var limit = coordinates.lastOffset else { return nil }
        if let end, end <= range.last {
            guard end > range.first, case let stop = coordinates.firstOffset(atOrAfter: end), stop > 0 else { return nil }
            limit = min(limit, stop - 1)
        }
        let from = start.map { $0 <= range.first ? 0 : coordinates.firstOffset(atOrAfter: $0) } ?? 0
        guard let offset = taken.insertFirstAbsent(atOrAfter: from, upTo: limit) else { return nil }
        held += 1
        return coordinates.address(at: offset)
    }

    /// The `rank`-th available address (from 0), in address order.
    package func availableAddress(rank: UInt128) -> IPAddress? {
        guard let lastOffset = coordinates.lastOffset, let offset = taken.absent(rank: rank), offset <= lastOffset else { return nil }
        return coordinates.address(at: offset)
    }

    /// Marks `address` (inside the block, not held before) held.
    package mutating func hold(_ address: IPAddress) {
        held += 1
        guard coordinates.isUsable(address) else { return }
        let offset = coordinates.offset(of: address)
        taken.insert(offset)
    }

    /// Marks `address` (inside the block, held) free; with `holdingBack` it stays taken (cooling down)
    /// until `endHoldBack`.
    package mutating func free(_ address: IPAddress, holdingBack: Bool = false) {
        held -= 1
        if !holdingBack { endHoldBack(address) }
    }

    /// Holds `address` (inside the block) when it is available; false, changing nothing, when it is
    /// not. One descent of the index both checks and takes.
    package mutating func holdIfAvailable(_ address: IPAddress) -> Bool {
        guard coordinates.isUsable(address), taken.insert(coordinates.offset(of: address)) else { return false }
        held += 1
        return true
    }

    /// Takes `address` without counting it held (a cooling-down address after a pool edit).
    package mutating func holdBack(_ address: IPAddress) {
        guard coordinates.isUsable(address) else { return }
        let offset = coordinates.offset(of: address)
        taken.insert(offset)
    }

    /// Makes a cooling-down (or just freed) `address` available again, unless it is reserved.
    package mutating func endHoldBack(_ address: IPAddress) {
        guard coordinates.isUsable(address) else { return }
        let offset = coordinates.offset(of: address)
        if !isReserved(offset: offset) { taken.remove(offset) }
    }

    /// How many intervals the index stores (for memory accounting).
    package var intervalCount: Int { taken.intervalCount }

    private func isReserved(offset: UInt128) -> Bool {
        var low = 0, high = reserved.count
        while low < high {
            let mid = (low + high) / 2
            if reserved[mid].upperBound < offset { low = mid + 1 } else { high = mid }
        }
        return low < reserved.count && reserved[low].contains(offset)
    }
}
