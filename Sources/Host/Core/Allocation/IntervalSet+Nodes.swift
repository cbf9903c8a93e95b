/// Node storage and descents.
///
/// Structure of arrays rather than a struct per node: a search reads a node's keys (16 × 16 bytes,
/// four adjacent cache lines) and nothing else until it has chosen an entry. A node's entries are
/// `fanout` places apart in one array, so a node is found by a multiplication, not a pointer.
extension IntervalSet {
    /// The nodes a descent went through and the child it took in each, root first, then its leaf.
    /// Mutations walk it back up to change the counts and to split or merge nodes.
    struct Path {
        /// The height of a tree is below 32: nodes other than the root have two children at least,
        /// and there are fewer than 2^31 of them.
        var nodes = InlineArray<32, Int32>(repeating: IntervalSet.none)
        var slots = InlineArray<32, Int32>(repeating: 0)
        var leaf = IntervalSet.none
    }

    /// One entry of a node, for the code that moves entries between nodes: a leaf's start (`a`) and
    /// end (`b`), or an inner node's separator (`a`), offsets below (`b`) and child.
    struct Entry {
        var a: UInt128
        var b: UInt128
        var child: Int32 = IntervalSet.none
    }

    // MARK: Reading and writing nodes

    /// Where node `node`'s words start.
    @inline(__always) func base(_ node: Int32) -> Int { Int(node) &* (fanout &* 2) }
    /// Where node `node`'s links start (its entry count, then its children).
    @inline(__always) func linkBase(_ node: Int32) -> Int { Int(node) &* (fanout &+ 1) }
    @inline(__always) func lo(_ leaf: Int32, _ position: Int) -> UInt128 { words[base(leaf) + position] }
    @inline(__always) func hi(_ leaf: Int32, _ position: Int) -> UInt128 { words[base(leaf) + fanout + position] }
    @inline(__always) mutating func setLo(_ leaf: Int32, _ position: Int, _ value: UInt128) { words[base(leaf) + position] = value }
    @inline(__always) mutating func setHi(_ leaf: Int32, _ position: Int, _ value: UInt128) { words[base(leaf) + fanout + position] = value }
    @inline(__always) func child(_ node: Int32, _ slot: Int) -> Int32 { links[linkBase(node) + 1 + slot] }
    @inline(__always) func entries(_ node: Int32) -> Int { Int(links[linkBase(node)]) }
    @inline(__always) mutating func setEntryCount(_ node: Int32, _ value: Int) { links[linkBase(node)] = Int32(value) }

    func entry(_ node: Int32, _ position: Int, leaf: Bool) -> Entry {
        let first = base(node) + position
        return Entry(a: words[first], b: words[first + fanout], child: leaf ? Self.none : child(node, position))
    }

    mutating func setEntry(_ node: Int32, _ position: Int, leaf: Bool, _ entry: Entry) {
        let first = base(node) + position
        words[first] = entry.a
        words[first + fanout] = entry.b
        if !leaf { links[linkBase(node) + 1 + position] = entry.child }
    }

    /// Offsets under `node`: the sizes of a leaf's intervals, the counts of an inner node's children.
    func offsets(under node: Int32, leaf: Bool) -> UInt128 {
        var total: UInt128 = 0
        for position in 0..<entries(node) {
            let entry = entry(node, position, leaf: leaf)
            total &+= leaf ? entry.b - entry.a + 1 : entry.b
        }
        return total
    }

    /// An empty node, the first vacant one when there is one.
    mutating func newNode() -> Int32 {
        if vacant != Self.none {
            let reused = vacant
            vacant = child(reused, 0)
            setEntryCount(reused, 0)
            return reused
        }
        words.append(contentsOf: repeatElement(0, count: 2 * fanout))
        links.append(contentsOf: repeatElement(Self.none, count: fanout + 1))
        let node = Int32(links.count / (fanout + 1) - 1)
        setEntryCount(node, 0)
        return node
    }

    /// Makes `node` vacant; when that empties the set, lets go of all storage.
    mutating func release(_ node: Int32) {
        setEntryCount(node, 0)
        links[linkBase(node) + 1] = vacant
        vacant = node
        if root == Self.none {
            self = IntervalSet(fanout: fanout)
        }
    }

    // MARK: Descents

    /// The leaf whose intervals start at the smallest starts not above `offset` (the set is not empty).
    func leaf(for offset: UInt128) -> Int32 {
        var node = root
        for _ in 0..<height { node = child(node, slot(in: node, for: offset)) }
        return node
    }

    /// `leaf(for:)`, remembering the way.
    func locate(_ offset: UInt128) -> Path {
        var path = Path(), node = root
        for level in 0..<height {
            let slot = slot(in: node, for: offset)
            path.nodes[level] = node
            path.slots[level] = Int32(slot)
            node = child(node, slot)
        }
        path.leaf = node
        return path
    }

    /// The child of inner `node` to descend into for `offset`: the last whose smallest start is not
    /// above `offset`, or the first.
    @inline(__always) func slot(in node: Int32, for offset: UInt128) -> Int {
        let first = base(node), children = entries(node)
        var slot = 1
        while slot < children && words[first + slot] <= offset { slot += 1 }
        return slot - 1
    }

    /// The position in `leaf` of the last interval starting at or below `offset`, or -1.
    @inline(__always) func lastStart(in leaf: Int32, atOrBelow offset: UInt128) -> Int {
        let first = base(leaf), filled = entries(leaf)
        var position = 0
        while position < filled && words[first + position] <= offset { position += 1 }
        return position - 1
    }

    /// The way to the leaf after `path`'s, if any.
    func nextLeaf(after path: Path) -> Path? {
        var level = height - 1
        while level >= 0 && Int(path.slots[level]) + 1 >= entries(path.nodes[level]) { level -= 1 }
        guard level >= 0 else { return nil }
        var next = path
        next.slots[level] += 1
        var node = child(path.nodes[level], Int(next.slots[level]))
        for deeper in (level + 1)..<height {
            next.nodes[deeper] = node
            next.slots[deeper] = 0
            node = child(node, 0)
        }
        next.leaf = node
        return next
    }

    /// The smallest start in the leaves after `path`'s, if any: the separator the descent passed on
    /// its right at the deepest level where it had one.
    func separator(after path: Path) -> UInt128? {
        var level = height - 1
        while level >= 0 {
            let node = path.nodes[level], slot = Int(path.slots[level])
            if slot + 1 < entries(node) { return words[base(node) + slot + 1] }
            level -= 1
        }
        return nil
    }

    /// Records that `path`'s leaf now starts at `start`, in the one separator that names it (the
    /// deepest on the way where the descent did not take the first child); the leftmost leaf has none.
    mutating func setSeparator(of path: Path, to start: UInt128) {
        var level = height - 1
        while level >= 0 {
            let slot = Int(path.slots[level])
            if slot > 0 {
                words[base(path.nodes[level]) + slot] = start
                return
            }
            level -= 1
        }
    }

    /// Changes the offset counts on `path` by `plus - minus`.
    mutating func addToSums(along path: Path, plus: UInt128 = 0, minus: UInt128 = 0) {
        for level in 0..<height {
            let index = base(path.nodes[level]) + fanout + Int(path.slots[level])
            words[index] = words[index] &+ plus &- minus
        }
    }
}
