import IronLBPluginAPI

extension PoolSpace {
    /// The address `position` addresses into the pool, counting every address of every block in
    /// configuration order; `position` is taken modulo the pool's size.
    func address(atPosition position: UInt128) -> IPAddress? {
        let total = size
        guard total > .zero else { return nil }
        var remaining = total.uint128.map { position % $0 } ?? position
        for block in blocks {
            // The block's size less one, which always fits (its size may not: all of IPv6).
            let last = block.first.distance(to: block.last)
            if remaining > last {
                remaining -= last + 1
                continue
            }
            return IPAddress(family: block.family, bits: block.first.bits + remaining)
        }
        return nil
    }

    /// The available address with `rank` available addresses before it across all blocks.
    func availableAddress(rank: UInt128) -> IPAddress? {
        var remaining = rank
        for block in blocks.indices {
            let count = availableCount(inBlock: block)
            if let small = count.uint128, remaining >= small {
                remaining -= small
                continue
            }
            return availableAddress(rank: remaining, inBlock: block)
        }
        return nil
    }
}
