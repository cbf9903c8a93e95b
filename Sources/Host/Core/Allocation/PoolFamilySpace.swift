public import IronLBPluginAPI

/// One pool's space in one family: its blocks, what is excluded, and which addresses are held.
///
/// Held addresses are a sorted array searched by bisection. This is the simple first index; the
/// allocation engine replaces it with an ordered free-interval structure whose memory grows with
/// allocations only.
package struct PoolFamilySpace: PoolSpace {
    package let family: IPFamily
    package let blocks: [IPRange]
    package let reserved: [IPRange]
    package let avoidBuggyIPs: Bool
    /// Held addresses, sorted ascending.
    package private(set) var held: [IPAddress] = []

    package init(family: IPFamily, blocks: [IPRange], reserved: [IPRange], avoidBuggyIPs: Bool) {
        self.family = family
        self.blocks = blocks
        self.reserved = reserved.filter { $0.family == family }.sorted { $0.first < $1.first }
        self.avoidBuggyIPs = avoidBuggyIPs
    }

    /// Whether `address` is inside a block of this pool.
    package func contains(_ address: IPAddress) -> Bool {
        blocks.contains { $0.contains(address) }
    }

    /// Whether `address` is held.
    package func isHeld(_ address: IPAddress) -> Bool {
        let index = insertionIndex(address)
        return index < held.count && held[index] == address
    }

    /// Whether `address` can never be handed out (reserved or skipped as buggy).
    package func isExcluded(_ address: IPAddress) -> Bool {
        reserved.contains { $0.contains(address) } || (avoidBuggyIPs && Self.isBuggy(address))
    }

    package func isAvailable(_ address: IPAddress) -> Bool {
        contains(address) && !isExcluded(address) && !isHeld(address)
    }

    package func firstAvailable(inBlock block: Int, atOrAfter start: IPAddress?) -> IPAddress? {
        let range = blocks[block]
        var candidate = max(start ?? range.first, range.first)
        var index = insertionIndex(candidate)
        while candidate <= range.last {
            if let covering = reserved.first(where: { $0.contains(candidate) }) {
                guard let next = covering.last.advanced(by: 1) else { return nil }
                candidate = next
                index = insertionIndex(candidate)
                continue
            }
            if avoidBuggyIPs && Self.isBuggy(candidate) {
                guard let next = candidate.advanced(by: 1) else { return nil }
                candidate = next
                continue
            }
            while index < held.count && held[index] < candidate { index += 1 }
            if index < held.count && held[index] == candidate {
                guard let next = candidate.advanced(by: 1) else { return nil }
                candidate = next
                continue
            }
            return candidate
        }
        return nil
    }

    package func heldCount(inBlock block: Int) -> AddressCount {
        let range = blocks[block]
        let lower = insertionIndex(range.first)
        var upper = lower
        while upper < held.count && held[upper] <= range.last { upper += 1 }
        return AddressCount(UInt128(upper - lower))
    }

    package func availableCount(inBlock block: Int) -> AddressCount {
        let range = blocks[block]
        var count = range.count - heldCount(inBlock: block)
        for excluded in reserved where excluded.overlaps(range) {
            let first = max(excluded.first, range.first), last = min(excluded.last, range.last)
            count -= AddressCount(first.distance(to: last) + 1)
        }
        if avoidBuggyIPs { count -= Self.buggyCount(in: range) }
        return count
    }

    /// Marks `address` held.
    package mutating func hold(_ address: IPAddress) {
        let index = insertionIndex(address)
        if index == held.count || held[index] != address { held.insert(address, at: index) }
    }

    /// Marks `address` free.
    package mutating func free(_ address: IPAddress) {
        let index = insertionIndex(address)
        if index < held.count && held[index] == address { held.remove(at: index) }
    }

    private func insertionIndex(_ address: IPAddress) -> Int {
        var low = 0, high = held.count
        while low < high {
            let mid = (low + high) / 2
            if held[mid] < address { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// IPv4 .0 and .255 (some clients mistake them for network or broadcast addresses) and the IPv6
    /// subnet-router anycast address of each /64 (RFC 4291 §2.6.1).
    package static func isBuggy(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let v4): v4.rawValue & 0xFF == 0 || v4.rawValue & 0xFF == 0xFF
        case .v6(let v6): v6.rawValue & 0xFFFF_FFFF_FFFF_FFFF == 0
        }
    }

    /// How many buggy addresses `range` contains (ranges without exclusions never overlap, so this is exact
    /// except where a reserved range also covers a buggy address).
    static func buggyCount(in range: IPRange) -> AddressCount {
        let first = range.first.bits, last = range.last.bits
        func multiples(_ modulus: UInt128, offset: UInt128) -> UInt128 {
            // Values x in [first, last] with x % modulus == offset.
            let adjustedLast = last >= offset ? (last - offset) / modulus : nil
            let adjustedFirst = first > offset ? (first - offset + modulus - 1) / modulus : 0
            guard let adjustedLast, adjustedLast >= adjustedFirst else { return 0 }
            return adjustedLast - adjustedFirst + 1
        }
        switch range.family {
        case .ipv4: return AddressCount(multiples(256, offset: 0) + multiples(256, offset: 255))
        case .ipv6: return AddressCount(multiples(UInt128(1) << 64, offset: 0))
        }
    }
}
