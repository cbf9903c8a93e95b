extension IPRange {
    /// The fewest CIDR prefixes that together cover exactly this range, in address order.
    ///
    /// `192.0.2.1-192.0.2.6` is `192.0.2.1/32`, `192.0.2.2/31`, `192.0.2.4/31` and
    /// `192.0.2.6/32`. There are at most 2 × bitWidth of them.
    public var prefixes: [IPPrefix] {
        let width = family.bitWidth
        let end = last.bits
        var current = first.bits
        var result: [IPPrefix] = []
        while true {
            // The biggest block starting at `current` is limited both by alignment (its
            // trailing zero bits) and by what is left of the range.
            let remaining = end - current
            let fitBits = remaining == .max ? 128 : UInt128.bitWidth - (remaining + 1).leadingZeroBitCount - 1
            let alignBits = current == 0 ? width : min(current.trailingZeroBitCount, width)
            let length = width - min(fitBits, alignBits)
            result.append(IPPrefix(uncheckedNetwork: IPAddress(family: family, bits: current), length: length))
            let blockLast = current | family.hostMask(prefixLength: length)
            if blockLast == end { return result }
            current = blockLast + 1
        }
    }
}
