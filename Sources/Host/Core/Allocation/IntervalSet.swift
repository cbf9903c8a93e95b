/// A set of `UInt128` offsets stored as disjoint, non-adjacent closed intervals in a B+tree whose
/// inner nodes carry, for each child, the number of offsets below it.
///
/// It is the pool index's core: it holds what is *taken* (held or reserved), never what is free, so its
/// memory grows with allocations and not with the size of the space; dense runs of taken offsets
/// collapse into one interval. Membership, insertion, removal, "first untaken at or after" and "k-th
/// untaken" (rank-select) cost O(log n) in the number of intervals.
///
/// Why a B+tree: a pool holding 500,000 scattered addresses is a 30 MB index, far larger than the
/// caches, so what a lookup costs is the number of nodes it visits. A treap (what this was before)
/// visits about 20-40, each a cache miss at a random place; this tree, with 16 entries a node, visits
/// 6 nodes for 500,000 intervals, the top levels of which stay cached, and each visit reads a few
/// adjacent cache lines that the hardware fetches together.
///
/// Layout (see `IntervalSet+Nodes.swift`): every node is a fixed-size block of two flat arrays,
/// addressed by an `Int32` index: no heap object per node, no reference counting, and only two array
/// references to retain when a `BlockIndex` is copied. Vacant nodes are chained and reused, and an
/// emptied set lets go of all storage. Leaves hold sorted starts and, apart, the matching ends, so a
/// search reads only starts. Inner nodes hold, for each child, the smallest start below it (exact,
/// not merely a bound: then the interval containing an offset is always in the leaf a search for it
/// reaches, and rank-select can count the absent offsets below each child), the child's index and how
/// many offsets its subtree holds.
///
/// Removals keep nodes other than the root at least half full by borrowing from or merging with a
/// sibling (`IntervalSet+Rebalancing.swift`), so the height stays O(log n) and the nodes in use are at
/// most twice what the intervals need: about 56 bytes an interval after random insertions (leaves
/// about 70 % full), against 64 for the treap's nodes.
///
/// Counts are `UInt128`: the one set whose count would not fit, every IPv6 address at once, cannot be
/// built from pool blocks the allocator accepts (see `BlockCoordinates`).
package struct IntervalSet: Sendable {
    /// The production fanout (entries a node holds at most). In `ironlb-alloc-bench` (hash and random
    /// strategies, 500,000 scattered intervals) 8 was slower and 16 and 32 were within the noise of
    /// each other; 16 keeps nodes smaller and the shifts on insertion and removal shorter.
    static let productionFanout = 16

    static let none: Int32 = -1

    /// Entries a node holds at most; nodes other than the root hold at least `minimum`.
    let fanout: Int
    var minimum: Int { (fanout + 1) / 2 }

    /// Node `n` keeps `2 * fanout` words from `n * 2 * fanout`: a leaf its starts then their ends, an
    /// inner node the smallest start under each child (unused for the first) then the offsets under it.
    var words: [UInt128] = []
    /// Node `n` keeps `fanout + 1` links from `n * (fanout + 1)`: how many entries it holds, then an
    /// inner node's children. A vacant node's first child link is the next vacant node.
    var links: [Int32] = []
    /// The first vacant node, if any.
    var vacant = IntervalSet.none
    var root = IntervalSet.none
    /// Inner levels above the leaves (0: the root is a leaf).
    var height = 0

    /// How many offsets the set holds.
    package private(set) var count: UInt128 = 0

    /// How many intervals the set is stored as.
    package private(set) var intervalCount = 0

    /// Creates an empty set.
    package init() {
        self.init(fanout: Self.productionFanout)
    }

    /// Creates an empty set whose nodes hold at most `fanout` entries (tests use 3 or 4 to reach
    /// splits, merges and new roots with a few intervals).
    init(fanout: Int) {
        precondition((3...255).contains(fanout), "a node holds 3 to 255 entries")
        self.fanout = fanout
    }

    /// The interval that contains `offset`, if any.
    package func interval(containing offset: UInt128) -> ClosedRange<UInt128>? {
        guard root != Self.none else { return nil }
        let leaf = locate(offset).leaf
        let position = lastStart(in: leaf, atOrBelow: offset)
        guard position >= 0, hi(leaf, position) >= offset else { return nil }
        return lo(leaf, position)...hi(leaf, position)
    }

    /// Whether `offset` is in the set.
    package func contains(_ offset: UInt128) -> Bool {
        interval(containing: offset) != nil
    }

    /// The lowest offset at or after `offset` that is not in the set, or nil past `UInt128.max`.
    package func firstAbsent(atOrAfter offset: UInt128) -> UInt128? {
        guard let covering = interval(containing: offset) else { return offset }
        // Intervals never touch, so the offset right after one is absent.
        return covering.upperBound == .max ? nil : covering.upperBound + 1
    }

    /// The `rank`-th offset (from 0) that is not in the set.
    ///
    /// The k-th absent offset is k plus the number of present offsets below it. At each node the
    /// descent moves right past a child while the absent offsets below the next child's first start
    /// are at most k; the offsets it skips are what the answer adds to k.
    package func absent(rank: UInt128) -> UInt128? {
        var before: UInt128 = 0
        if root != Self.none {
            var node = root
            for _ in 0..<height {
                let first = base(node), children = entries(node)
                var slot = 0
                while slot + 1 < children {
                    let below = before + words[first + fanout + slot]
                    if rank < words[first + slot + 1] - below { break }
                    before = below
                    slot += 1
                }
                node = child(node, slot)
            }
            for position in 0..<entries(node) {
                let (start, end) = (lo(node, position), hi(node, position))
                if rank < start - before { break }
                before += end - start + 1
            }
        }
        let (answer, overflow) = rank.addingReportingOverflow(before)
        return overflow ? nil : answer
    }

    /// Adds `offset` (nothing when present), merging it with the intervals it touches; whether it
    /// was absent. One descent finds both neighbours, unless the one above starts the next leaf and
    /// touches `offset`.
    @discardableResult
    package mutating func insert(_ offset: UInt128) -> Bool {
        guard root != Self.none else {
            plant(offset...offset)
            return true
        }
        var path = locate(offset)
        let below = lastStart(in: path.leaf, atOrBelow: offset)
        if below >= 0 && hi(path.leaf, below) >= offset { return false }
        insertAbsent(offset, path: &path, below: below)
        return true
    }

    /// Adds the lowest offset at or after `offset` that is not in the set, if it is at most `limit`,
    /// and returns it; nil, changing nothing, when there is none up to `limit`. One descent both finds
    /// and adds it: the offset after an interval that covers `offset` extends that interval.
    package mutating func insertFirstAbsent(atOrAfter offset: UInt128, upTo limit: UInt128) -> UInt128? {
        guard offset <= limit else { return nil }
        guard root != Self.none else {
            plant(offset...offset)
            return offset
        }
        var path = locate(offset)
        let below = lastStart(in: path.leaf, atOrBelow: offset)
        var target = offset
        if below >= 0 {
            let end = hi(path.leaf, below)
            if end >= offset {
                guard end < limit else { return nil }
                target = end + 1
            }
        }
        // The interval after `below` starts past `target` (intervals never touch), so `below` is
        // still the last start at or below it, in the same leaf.
        insertAbsent(target, path: &path, below: below)
        return target
    }

    /// Adds `offset`, which is absent, to the leaf `path` reached; `below` is the position there of
    /// the last interval starting below `offset`, or -1.
    @inline(__always)
    private mutating func insertAbsent(_ offset: UInt128, path: inout Path, below: Int) {
        let leaf = path.leaf
        // hi < offset and, below, lo > offset: neither step overflows.
        let joinsBelow = below >= 0 && hi(leaf, below) + 1 == offset
        count += 1
        if below + 1 < entries(leaf) {
            addToSums(along: &path, plus: 1)
            switch (joinsBelow, lo(leaf, below + 1) - 1 == offset) {
            case (true, true):
                setHi(leaf, below, hi(leaf, below + 1))
                intervalCount -= 1
                removeEntry(at: below + 1, level: height, path: &path)
            case (true, false):
                setHi(leaf, below, offset)
            case (false, true):
                setLo(leaf, below + 1, offset)
                if below + 1 == 0 { setSeparator(of: &path, to: offset) }
            case (false, false):
                intervalCount += 1
                insertEntry(Entry(a: offset, b: offset), at: below + 1, level: height, path: &path)
            }
            return
        }
        // The interval above, if any, starts the next leaf; its start is the separator after this one.
        guard let next = separator(after: &path), next - 1 == offset, var above = nextLeaf(after: &path) else {
            addToSums(along: &path, plus: 1)
            if joinsBelow {
                setHi(leaf, below, offset)
            } else {
                intervalCount += 1
                insertEntry(Entry(a: offset, b: offset), at: below + 1, level: height, path: &path)
            }
            return
        }
        if joinsBelow {
            let (aboveLo, aboveHi) = (lo(above.leaf, 0), hi(above.leaf, 0))
            let size = aboveHi - aboveLo + 1
            // This leaf first, while `above` has not moved: its removal may merge the two leaves.
            addToSums(along: &path, plus: 1 &+ size)
            setHi(leaf, below, aboveHi)
            addToSums(along: &above, minus: size)
            intervalCount -= 1
            removeEntry(at: 0, level: height, path: &above)
        } else {
            addToSums(along: &above, plus: 1)
            setLo(above.leaf, 0, offset)
            setSeparator(of: &above, to: offset)
        }
    }

    /// Adds `range`, which must not touch or overlap anything in the set.
    package mutating func insert(_ range: ClosedRange<UInt128>) {
        guard root != Self.none else { return plant(range) }
        var path = locate(range.lowerBound)
        let size = range.upperBound - range.lowerBound + 1
        count += size
        intervalCount += 1
        addToSums(along: &path, plus: size)
        let position = lastStart(in: path.leaf, atOrBelow: range.lowerBound) + 1
        insertEntry(Entry(a: range.lowerBound, b: range.upperBound), at: position, level: height, path: &path)
    }

    /// Removes `offset` (nothing when absent), splitting its interval when needed; whether it was
    /// present. One descent both checks and removes.
    @discardableResult
    package mutating func remove(_ offset: UInt128) -> Bool {
        guard root != Self.none else { return false }
        var path = locate(offset)
        let leaf = path.leaf
        let position = lastStart(in: leaf, atOrBelow: offset)
        guard position >= 0, hi(leaf, position) >= offset else { return false }
        let (start, end) = (lo(leaf, position), hi(leaf, position))
        count -= 1
        addToSums(along: &path, minus: 1)
        if start == end {
            intervalCount -= 1
            removeEntry(at: position, level: height, path: &path)
        } else if offset == start {
            setLo(leaf, position, offset + 1)
            if position == 0 { setSeparator(of: &path, to: offset + 1) }
        } else if offset == end {
            setHi(leaf, position, offset - 1)
        } else {
            setHi(leaf, position, offset - 1)
            intervalCount += 1
            insertEntry(Entry(a: offset + 1, b: end), at: position + 1, level: height, path: &path)
        }
        return true
    }

    /// The intervals in ascending order.
    package var intervals: [ClosedRange<UInt128>] {
        var result: [ClosedRange<UInt128>] = []
        result.reserveCapacity(intervalCount)
        if root != Self.none { collect(root, level: 0, into: &result) }
        return result
    }

    private func collect(_ node: Int32, level: Int, into result: inout [ClosedRange<UInt128>]) {
        if level == height {
            for position in 0..<entries(node) { result.append(lo(node, position)...hi(node, position)) }
        } else {
            for slot in 0..<entries(node) {
                collect(child(node, slot), level: level + 1, into: &result)
            }
        }
    }

    /// Makes the first leaf, the root, holding `range`.
    private mutating func plant(_ range: ClosedRange<UInt128>) {
        root = newNode()
        height = 0
        setLo(root, 0, range.lowerBound)
        setHi(root, 0, range.upperBound)
        setEntryCount(root, 1)
        count = range.upperBound - range.lowerBound + 1
        intervalCount = 1
    }
}
