/// A set of `UInt128` offsets stored as disjoint, non-adjacent closed intervals in a treap whose nodes
/// carry the number of offsets in their subtree.
///
/// It is the pool index's core: it holds what is *taken* (held or reserved), never what is free, so its
/// memory grows with allocations and not with the size of the space; dense runs of taken offsets
/// collapse into one node. Membership, insertion, removal, "first untaken at or after" and "k-th untaken"
/// (rank-select) cost O(log n) in the number of intervals.
///
/// Nodes live in one array addressed by `Int32` indices (no per-node heap object, no reference
/// counting); freed slots are reused. Priorities come from a fixed-seed generator, so the shape, and
/// with it performance, is the same on every run. Counts are `UInt128`: the one set whose count would
/// not fit, every IPv6 address at once, cannot be built from pool blocks the allocator accepts (see
/// `BlockCoordinates`).
package struct IntervalSet: Sendable {
    struct Node: Sendable {
        var lo: UInt128
        var hi: UInt128
        /// Offsets in this node's subtree.
        var sum: UInt128
        var left: Int32
        var right: Int32
        var priority: UInt32
    }

    private static let none: Int32 = -1
    private var nodes: [Node] = []
    private var vacant: [Int32] = []
    private var root: Int32 = IntervalSet.none
    private var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Creates an empty set.
    package init() {}

    /// How many offsets the set holds.
    package var count: UInt128 { root == Self.none ? 0 : nodes[Int(root)].sum }

    /// How many intervals the set is stored as.
    package var intervalCount: Int { nodes.count - vacant.count }

    /// The interval that contains `offset`, if any.
    package func interval(containing offset: UInt128) -> ClosedRange<UInt128>? {
        var t = root, best = Self.none
        while t != Self.none {
            let node = nodes[Int(t)]
            if node.lo <= offset { best = t; t = node.right } else { t = node.left }
        }
        guard best != Self.none, nodes[Int(best)].hi >= offset else { return nil }
        return nodes[Int(best)].lo...nodes[Int(best)].hi
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
    /// The k-th absent offset is k plus the number of present offsets below it; one descent finds that
    /// number by comparing k with the absent offsets before each node.
    package func absent(rank: UInt128) -> UInt128? {
        var t = root
        var before: UInt128 = 0
        while t != Self.none {
            let node = nodes[Int(t)]
            let coveredBelow = before + sum(node.left)
            if rank < node.lo - coveredBelow {
                t = node.left
            } else {
                before = coveredBelow + (node.hi - node.lo + 1)
                t = node.right
            }
        }
        let (answer, overflow) = rank.addingReportingOverflow(before)
        return overflow ? nil : answer
    }

    /// Adds `offset` (nothing when present), merging it with the intervals it touches. One descent
    /// finds both neighbours; a second changes the sums.
    package mutating func insert(_ offset: UInt128) {
        var t = root, below = Self.none, above = Self.none
        while t != Self.none {
            if nodes[Int(t)].lo <= offset { below = t; t = nodes[Int(t)].right } else { above = t; t = nodes[Int(t)].left }
        }
        if below != Self.none && nodes[Int(below)].hi >= offset { return }
        let joinsBelow = below != Self.none && nodes[Int(below)].hi + 1 == offset
        let joinsAbove = above != Self.none && nodes[Int(above)].lo - 1 == offset
        switch (joinsBelow, joinsAbove) {
        case (true, true):
            let (belowLo, aboveLo, aboveHi) = (nodes[Int(below)].lo, nodes[Int(above)].lo, nodes[Int(above)].hi)
            erase(lo: aboveLo, size: aboveHi - aboveLo + 1)
            adjust(lo: belowLo, by: 1 + (aboveHi - aboveLo + 1)) { $0.hi = aboveHi }
        case (true, false):
            adjust(lo: nodes[Int(below)].lo, by: 1) { $0.hi = offset }
        case (false, true):
            adjust(lo: nodes[Int(above)].lo, by: 1) { $0.lo = offset }
        case (false, false):
            add(lo: offset, hi: offset)
        }
    }

    /// Adds `range`, which must not touch or overlap anything in the set.
    package mutating func insert(_ range: ClosedRange<UInt128>) {
        add(lo: range.lowerBound, hi: range.upperBound)
    }

    /// Removes `offset`, which must be present, splitting its interval when needed.
    package mutating func remove(_ offset: UInt128) {
        guard let covering = interval(containing: offset) else {
            preconditionFailure("removing \(offset), which is not in the set")
        }
        let (lo, hi) = (covering.lowerBound, covering.upperBound)
        if lo == hi {
            erase(lo: lo, size: 1)
        } else if offset == lo {
            adjust(lo: lo, by: 0, minus: 1) { $0.lo = offset + 1 }
        } else if offset == hi {
            adjust(lo: lo, by: 0, minus: 1) { $0.hi = offset - 1 }
        } else {
            adjust(lo: lo, by: 0, minus: hi - offset + 1) { $0.hi = offset - 1 }
            add(lo: offset + 1, hi: hi)
        }
    }

    /// The intervals in ascending order.
    package var intervals: [ClosedRange<UInt128>] {
        var result: [ClosedRange<UInt128>] = []
        var stack: [Int32] = []
        var t = root
        while t != Self.none || !stack.isEmpty {
            while t != Self.none { stack.append(t); t = nodes[Int(t)].left }
            t = stack.removeLast()
            result.append(nodes[Int(t)].lo...nodes[Int(t)].hi)
            t = nodes[Int(t)].right
        }
        return result
    }

    // MARK: Treap plumbing

    private func sum(_ t: Int32) -> UInt128 { t == Self.none ? 0 : nodes[Int(t)].sum }

    private mutating func update(_ t: Int32) {
        let node = nodes[Int(t)]
        nodes[Int(t)].sum = (node.hi - node.lo + 1) &+ sum(node.left) &+ sum(node.right)
    }

    /// Walks to the node whose interval starts at `lo`, changing the sums on the way by `plus - minus`,
    /// then lets `change` edit the node (without reordering it).
    private mutating func adjust(lo: UInt128, by plus: UInt128, minus: UInt128 = 0, _ change: (inout Node) -> Void) {
        var t = root
        while t != Self.none {
            nodes[Int(t)].sum = nodes[Int(t)].sum &+ plus &- minus
            let node = nodes[Int(t)]
            if node.lo == lo { change(&nodes[Int(t)]); return }
            t = lo < node.lo ? node.left : node.right
        }
        preconditionFailure("no interval starts at \(lo)")
    }

    /// Inserts a node by descending while the nodes met outrank it (counting it in their sums), then
    /// splitting the subtree it takes over: one path instead of a split and two merges of the whole tree.
    private mutating func add(lo: UInt128, hi: UInt128) {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        let priority = UInt32(truncatingIfNeeded: seed), size = hi - lo + 1
        let index = nodes.store(Node(lo: lo, hi: hi, sum: size, left: Self.none, right: Self.none, priority: priority), reusing: &vacant)
        var parent = Self.none, t = root, wentLeft = false
        while t != Self.none && nodes[Int(t)].priority > priority {
            nodes[Int(t)].sum &+= size
            parent = t
            wentLeft = lo < nodes[Int(t)].lo
            t = wentLeft ? nodes[Int(t)].left : nodes[Int(t)].right
        }
        let (left, right) = split(t, at: lo)
        nodes[Int(index)].left = left
        nodes[Int(index)].right = right
        update(index)
        link(index, under: parent, left: wentLeft)
    }

    /// Removes the node whose interval starts at `lo` and holds `size` offsets.
    private mutating func erase(lo: UInt128, size: UInt128) {
        var parent = Self.none, t = root, wentLeft = false
        while t != Self.none && nodes[Int(t)].lo != lo {
            nodes[Int(t)].sum &-= size
            parent = t
            wentLeft = lo < nodes[Int(t)].lo
            t = wentLeft ? nodes[Int(t)].left : nodes[Int(t)].right
        }
        precondition(t != Self.none, "no interval starts at \(lo)")
        link(merge(nodes[Int(t)].left, nodes[Int(t)].right), under: parent, left: wentLeft)
        vacant.append(t)
    }

    private mutating func link(_ child: Int32, under parent: Int32, left: Bool) {
        if parent == Self.none {
            root = child
        } else if left {
            nodes[Int(parent)].left = child
        } else {
            nodes[Int(parent)].right = child
        }
    }

    /// Splits `t` into the nodes starting before `key` and those starting at or after it.
    private mutating func split(_ t: Int32, at key: UInt128) -> (Int32, Int32) {
        guard t != Self.none else { return (Self.none, Self.none) }
        if nodes[Int(t)].lo < key {
            let (left, right) = split(nodes[Int(t)].right, at: key)
            nodes[Int(t)].right = left
            update(t)
            return (t, right)
        } else {
            let (left, right) = split(nodes[Int(t)].left, at: key)
            nodes[Int(t)].left = right
            update(t)
            return (left, t)
        }
    }

    /// Joins two treaps whose keys are all ordered `left` before `right`.
    private mutating func merge(_ left: Int32, _ right: Int32) -> Int32 {
        if left == Self.none { return right }
        if right == Self.none { return left }
        if nodes[Int(left)].priority > nodes[Int(right)].priority {
            nodes[Int(left)].right = merge(nodes[Int(left)].right, right)
            update(left)
            return left
        } else {
            nodes[Int(right)].left = merge(left, nodes[Int(right)].left)
            update(right)
            return right
        }
    }
}
