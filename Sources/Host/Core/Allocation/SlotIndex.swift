import CPrefetch
import IronLBPluginAPI

/// An open-addressing hash index from a key to the slot of a table entry that holds the key; the
/// keys themselves stay in the table (`AssignmentTable`), so the index costs 8 bytes per bucket.
///
/// Each bucket packs a 32-bit hash with the slot, so a probe compares hashes first and touches the
/// table only on a match; the hash also gives the home bucket back, so growth and deletion never need
/// the key. Linear probing, at most 3/4 full, deletion by backward shift (no tombstones).
///
/// The hashes come from `SlotHash`: seeded FNV-1a for service keys, much cheaper than SipHash on two
/// `String`s, which was the allocator's largest cost. It is not keyed against an adversary who can
/// read the seed; service names come from operators and their clusters.
struct SlotIndex {
    /// 0: empty; otherwise hash << 32 | (slot + 1).
    private var buckets: [UInt64] = Array(repeating: 0, count: 16)
    /// Entries indexed.
    private(set) var count = 0

    private var mask: Int { buckets.count - 1 }

    /// The slot whose key has `hash` and satisfies `matches`, if any.
    @inline(__always)
    func find(_ hash: UInt32, where matches: (Int32) -> Bool) -> Int32? {
        probe(hash, where: matches).found
    }

    /// Starts loading the bucket where a probe for `hash` begins, so that a probe soon after finds it
    /// in the cache: a hint, which changes nothing.
    @inline(__always)
    func prefetch(_ hash: UInt32) {
        buckets.withUnsafeBufferPointer { ironlb_prefetch_for_write($0.baseAddress! + (Int(hash) & mask)) }
    }

    /// Indexes `slot` under `hash`; its key must not be indexed yet.
    mutating func insert(_ slot: Int32, hash: UInt32) {
        if (count + 1) * 4 > buckets.count * 3 { grow() }
        place(UInt64(hash) << 32 | UInt64(UInt32(slot + 1)))
        count += 1
    }

    /// Indexes `slot` under `hash` unless a slot indexed under `hash` already satisfies `matches`: then
    /// returns that slot and changes nothing. One probe does both (the first empty bucket ends the
    /// search and takes the new slot).
    @inline(__always)
    mutating func insert(_ slot: Int32, hash: UInt32, unlessFound matches: (Int32) -> Bool) -> Int32? {
        if (count + 1) * 4 > buckets.count * 3 { grow() }
        let (found, empty) = probe(hash, where: matches)
        if let found { return found }
        buckets[empty] = UInt64(hash) << 32 | UInt64(UInt32(slot + 1))
        count += 1
        return nil
    }

    /// Probes the run from `hash`'s home bucket: the slot satisfying `matches`, or else the position
    /// of the empty bucket that ends the run.
    @inline(__always)
    private func probe(_ hash: UInt32, where matches: (Int32) -> Bool) -> (found: Int32?, empty: Int) {
        var position = Int(hash) & mask
        while true {
            let bucket = buckets[position]
            if bucket == 0 { return (nil, position) }
            if UInt32(truncatingIfNeeded: bucket >> 32) == hash {
                let slot = Int32(truncatingIfNeeded: bucket) - 1
                if matches(slot) { return (slot, position) }
            }
            position = (position + 1) & mask
        }
    }

    /// Forgets `slot`, indexed under `hash`.
    mutating func remove(_ slot: Int32, hash: UInt32) {
        let wanted = UInt64(hash) << 32 | UInt64(UInt32(slot + 1))
        var hole = Int(hash) & mask
        while buckets[hole] != wanted {
            precondition(buckets[hole] != 0, "slot \(slot) is not indexed")
            hole = (hole + 1) & mask
        }
        // Backward shift: pull later buckets of the same run into the hole when their home allows it.
        var next = (hole + 1) & mask
        while buckets[next] != 0 {
            let home = Int(buckets[next] >> 32) & mask
            if (next - home) & mask >= (next - hole) & mask {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        buckets[hole] = 0
        count -= 1
    }

    /// Makes room for `capacity` entries without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        while capacity * 4 > buckets.count * 3 { grow() }
    }

    private mutating func place(_ bucket: UInt64) {
        var position = Int(bucket >> 32) & mask
        while buckets[position] != 0 { position = (position + 1) & mask }
        buckets[position] = bucket
    }

    private mutating func grow() {
        let old = buckets
        buckets = Array(repeating: 0, count: old.count * 2)
        for bucket in old where bucket != 0 { place(bucket) }
    }
}

/// The hash function of `SlotIndex`: seeded per table, finished with MurmurHash3's 64-bit mixer.
struct SlotHash {
    let seed: UInt64

    /// A hash with a seed from the system's random generator.
    init() {
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// A hash with a chosen seed (tests that need two keys with the same hash).
    init(seed: UInt64) {
        self.seed = seed
    }

    /// Hashes a service key's source and name (FNV-1a over their UTF-8, a separator between them).
    @inline(__always)
    func callAsFunction(_ source: String, _ name: String) -> UInt32 {
        var hash = seed ^ 0xCBF2_9CE4_8422_2325
        source.forEachUTF8Byte { hash = (hash ^ UInt64($0)) &* 0x100_0000_01B3 }
        hash = (hash ^ 0xFF) &* 0x100_0000_01B3
        name.forEachUTF8Byte { hash = (hash ^ UInt64($0)) &* 0x100_0000_01B3 }
        return Self.finish(hash)
    }

    /// Hashes an address's bits. (Keeping runs of consecutive addresses in consecutive buckets would
    /// save cache misses, but with linear probing the runs merge into clusters that cost far more.)
    @inline(__always)
    func callAsFunction(_ bits: UInt128) -> UInt32 {
        Self.finish(UInt64(truncatingIfNeeded: bits >> 64) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bits) ^ seed)
    }

    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt32 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return UInt32(truncatingIfNeeded: (z ^ (z >> 33)) >> 32)
    }
}
