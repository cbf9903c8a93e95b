import IronLBPluginAPI

extension PoolSpace {
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
