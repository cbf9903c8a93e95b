package import IronLBPluginAPI

/// One pool's space in one family: its blocks, each with its own index of taken addresses.
///
/// Memory grows with the number of held addresses (and reserved ranges), never with the size of the
/// blocks: a /48 costs what a /30 costs. See `BlockIndex` and `IntervalSet`.
package struct PoolFamilySpace: PoolSpace, Sendable {
    package let family: IPFamily
    /// The blocks and their total size, behind one reference: copying the space costs two retains.
    private final class Layout: Sendable {
        let blocks: [IPRange]
        /// Every address of `blocks`.
        let size: AddressCount
        /// The position of each block's first address when all addresses are numbered in order
        /// (`address(atPosition:)`, which the hash strategy asks on every allocation).
        let starts: [UInt128]
        /// `size` less one when `size` is a power of two that fits (positions wrap with a mask), and
        /// `size` when it fits; both nil for all of IPv6, where positions wrap by themselves.
        let mask: UInt128?, total: UInt128?

        init(_ blocks: [IPRange]) {
            self.blocks = blocks
            size = blocks.reduce(.zero) { $0 + $1.count }
            var starts: [UInt128] = [], next: UInt128 = 0
            for block in blocks {
                starts.append(next)
                next &+= block.first.distance(to: block.last) &+ 1
            }
            self.starts = starts
            total = size.uint128
            mask = total.flatMap { $0 > 0 && $0 & ($0 - 1) == 0 ? $0 - 1 : nil }
        }

        func address(atPosition position: UInt128) -> IPAddress? {
            guard !blocks.isEmpty else { return nil }
            let wrapped = if let mask { position & mask } else if let total { position % total } else { position }
            // The last block starting at or before `wrapped` (the first starts at 0).
            var low = 0, high = starts.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if starts[middle] <= wrapped { low = middle } else { high = middle }
            }
            return IPAddress(family: blocks[low].family, bits: blocks[low].first.bits + (wrapped - starts[low]))
        }
    }

    private let layout: Layout
    private var indexes: [BlockIndex]

    package var blocks: [IPRange] { layout.blocks }
    package var size: AddressCount { layout.size }

    /// Indexes `blocks` (all of `family`) with `reserved` excluded and nothing held.
    package init(family: IPFamily, blocks: [IPRange], reserved: [IPRange], avoidBuggyIPs: Bool) {
        self.family = family
        layout = Layout(blocks)
        let reserved = reserved.filter { $0.family == family }
        indexes = blocks.map { BlockIndex(range: $0, reserved: reserved, avoidBuggyIPs: avoidBuggyIPs) }
    }

    /// The address numbered `position` (see `PoolSpace`): a binary search of where blocks start
    /// instead of a walk over the blocks (about 260 instructions for eight blocks, most of a hash
    /// strategy's choice).
    package func address(atPosition position: UInt128) -> IPAddress? {
        layout.address(atPosition: position)
    }

    /// The block that contains `address`.
    package func block(containing address: IPAddress) -> Int? {
        blocks.firstIndex { $0.contains(address) }
    }

    /// Whether `address` is inside a block of this pool.
    package func contains(_ address: IPAddress) -> Bool {
        block(containing: address) != nil
    }

    /// Whether `address` (inside the pool) can never be handed out (reserved or skipped as buggy).
    package func isExcluded(_ address: IPAddress) -> Bool {
        guard let block = block(containing: address) else { return false }
        return indexes[block].isExcluded(address)
    }

    package func isAvailable(_ address: IPAddress) -> Bool {
        guard let block = block(containing: address) else { return false }
        return indexes[block].isAvailable(address)
    }

    package func firstAvailable(inBlock block: Int, atOrAfter start: IPAddress?) -> IPAddress? {
        indexes[block].firstAvailable(atOrAfter: start)
    }

    package func availableAddress(rank: UInt128, inBlock block: Int) -> IPAddress? {
        indexes[block].availableAddress(rank: rank)
    }

    package func availableCount(inBlock block: Int) -> AddressCount {
        indexes[block].availableCount
    }

    package func capacity(inBlock block: Int) -> AddressCount {
        indexes[block].capacity
    }

    package func heldCount(inBlock block: Int) -> AddressCount {
        AddressCount(indexes[block].held)
    }

    /// Addresses held in the whole space.
    package var heldCount: AddressCount {
        AddressCount(indexes.reduce(0) { $0 + $1.held })
    }

    /// Addresses that could be held at once: every usable, unreserved address.
    package var capacity: AddressCount {
        indexes.reduce(.zero) { $0 + $1.capacity }
    }

    /// Addresses available now.
    package var availableCount: AddressCount {
        indexes.reduce(.zero) { $0 + $1.availableCount }
    }

    /// Intervals stored by all block indexes (for memory accounting).
    package var intervalCount: Int {
        indexes.reduce(0) { $0 + $1.intervalCount }
    }

    /// Marks `address` held; returns false when it is outside the pool.
    @discardableResult
    package mutating func hold(_ address: IPAddress) -> Bool {
        guard let block = block(containing: address) else { return false }
        indexes[block].hold(address)
        return true
    }

    /// Marks `address` held when it is available (see ``isAvailable(_:)``); false, changing nothing,
    /// when it is not or lies outside the pool.
    package mutating func holdIfAvailable(_ address: IPAddress) -> Bool {
        guard let block = block(containing: address) else { return false }
        return indexes[block].holdIfAvailable(address)
    }

    /// Holds the first available address at or after `start` (inside the pool) in its block, then
    /// the following blocks and, with `wrapping`, the blocks before and the addresses of `start`'s
    /// block before it; returns it, or nil, changing nothing, when there is none.
    package mutating func holdFirstAvailable(from start: IPAddress, wrapping: Bool) -> IPAddress? {
        guard let first = block(containing: start) else { return nil }
        if let address = indexes[first].holdFirstAvailable(atOrAfter: start) { return address }
        for next in indexes.indices.dropFirst(first + 1) {
            if let address = indexes[next].holdFirstAvailable(atOrAfter: nil) { return address }
        }
        guard wrapping else { return nil }
        for next in 0..<first {
            if let address = indexes[next].holdFirstAvailable(atOrAfter: nil) { return address }
        }
        return indexes[first].holdFirstAvailable(atOrAfter: nil, before: start)
    }

    /// Holds what a strategy offered: the address when it is available, or the first available one
    /// the offer points to; nil, changing nothing, when there is none or the offer lies outside.
    package mutating func take(_ offer: AddressOffer) -> IPAddress? {
        switch offer {
        case .address(let address): holdIfAvailable(address) ? address : nil
        case .firstAvailable(let start, let wrapping): holdFirstAvailable(from: start, wrapping: wrapping)
        }
    }

    /// Marks `address` free; with `holdingBack` it stays unavailable until `endHoldBack`.
    package mutating func free(_ address: IPAddress, holdingBack: Bool = false) {
        guard let block = block(containing: address) else { return }
        indexes[block].free(address, holdingBack: holdingBack)
    }

    /// Keeps `address` unavailable without counting it held; false when it is outside the pool.
    @discardableResult
    package mutating func holdBack(_ address: IPAddress) -> Bool {
        guard let block = block(containing: address) else { return false }
        indexes[block].holdBack(address)
        return true
    }

    /// Makes a held-back `address` available again.
    package mutating func endHoldBack(_ address: IPAddress) {
        guard let block = block(containing: address) else { return }
        indexes[block].endHoldBack(address)
    }

    /// IPv4 .0 and .255 (some clients mistake them for network or broadcast addresses) and the IPv6
    /// subnet-router anycast address of each /64 (RFC 4291 §2.6.1).
    package static func isBuggy(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let v4): v4.rawValue & 0xFF == 0 || v4.rawValue & 0xFF == 0xFF
        case .v6(let v6): v6.rawValue & 0xFFFF_FFFF_FFFF_FFFF == 0
        }
    }
}
