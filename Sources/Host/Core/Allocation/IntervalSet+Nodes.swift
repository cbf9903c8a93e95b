/// Node storage and descents.
///
/// A node's keys are contiguous: a search reads them (16 × 16 bytes, four adjacent cache lines) and
/// nothing else until it has chosen an entry; the values (ends, counts) sit right after them and the
/// count and children in the second array. Nodes are found by a multiplication, not a pointer.
extension IntervalSet {
    /// The inner node a descent passed at each level, root first, the child it took there, and the
    /// leaf it reached. Mutations go back along it to change the counts and to split or merge nodes,
    /// bottom-up, which leaves the nodes above where they are. The height of a tree stays below 32
    /// (nodes other than the root have two children at least, and there are fewer than 2^31 of them),
    /// and fanouts stay below 256. (Slots were packed in two `UInt128`s and nodes found again from the
    /// root: the shifts and the second walk were a fifth of an insertion's instructions.)
    struct Path {
        private var nodes = InlineArray<32, Int32>(repeating: IntervalSet.none)
        private var slots = InlineArray<32, UInt8>(repeating: 0)
        var leaf = IntervalSet.none

        // Functions that read a path take it `inout`, though they do not change it: reading an
        // `InlineArray` needs its address, and a path passed by value or held in a `let` was copied
        // whole (160 bytes) for every read, at every level.
        @inline(__always) func slot(_ level: Int) -> Int { Int(slots[level]) }
        @inline(__always) func node(_ level: Int) -> Int32 { nodes[level] }

        @inline(__always) mutating func set(_ level: Int, node: Int32, slot: Int) {
            nodes[level] = node
            slots[level] = UInt8(truncatingIfNeeded: slot)
        }
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

    /// An empty node, the first vacant one.
    mutating func newNode() -> Int32 {
        if vacant == Self.none { addVacantNodes() }
        let node = vacant
        vacant = child(node, 0)
        setEntryCount(node, 0)
        return node
    }

    /// Doubles the node storage (adds at least 4 nodes), every new node vacant. Appending one node's
    /// words at a time cost about 1,000 instructions a node (element by element); this copies the
    /// old words once, as any doubling does, and fills the new with zeros in bulk.
    private mutating func addVacantNodes() {
        let nodes = links.count / (fanout + 1), adding = max(4, nodes)
        words = Self.extended(words, by: adding * 2 * fanout, with: 0)
        links = Self.extended(links, by: adding * (fanout + 1), with: Self.none)
        // Chained through their first child links, lowest first.
        for node in nodes..<(nodes + adding - 1) { links[(fanout + 1) * node + 1] = Int32(node + 1) }
        vacant = Int32(nodes)
    }

    private static func extended<Word: BitwiseCopyable>(_ array: [Word], by extra: Int, with filler: Word) -> [Word] {
        [Word](unsafeUninitializedCapacity: array.count + extra) { buffer, initialized in
            let copied = buffer.initialize(fromContentsOf: array)
            buffer[copied...].initialize(repeating: filler)
            initialized = array.count + extra
        }
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

    /// The way to the leaf whose intervals start at the smallest starts not above `offset` (the set
    /// is not empty): at each inner level, the node and the child taken, the last whose smallest start
    /// is not above `offset`, or the first.
    @inline(__always) func locate(_ offset: UInt128) -> Path {
        var path = Path(), node = root
        let fanout = fanout, wordsPerNode = 2 &* fanout, linksPerNode = fanout &+ 1
        words.withUnsafeBufferPointer { words in
            links.withUnsafeBufferPointer { links in
                // Without bounds checks per word: the scan is most of a descent's instructions. One
                // check a level keeps a corrupt tree from reading outside the arrays.
                for level in 0..<height {
                    let first = Int(node) &* wordsPerNode, link = Int(node) &* linksPerNode
                    precondition(node >= 0 && link &+ linksPerNode <= links.count && first &+ wordsPerNode <= words.count)
                    let children = Int(links[link])
                    var slot = 1
                    while slot < children && words[first &+ slot] <= offset { slot &+= 1 }
                    slot &-= 1
                    path.set(level, node: node, slot: slot)
                    node = links[link &+ 1 &+ slot]
                }
            }
        }
        path.leaf = node
        return path
    }

    /// The position in `leaf` of the last interval starting at or below `offset`, or -1.
    @inline(__always) func lastStart(in leaf: Int32, atOrBelow offset: UInt128) -> Int {
        let first = base(leaf), filled = entries(leaf)
        precondition(first + filled <= words.count)
        return words.withUnsafeBufferPointer { words in
            var position = 0
            while position < filled && words[first &+ position] <= offset { position &+= 1 }
            return position &- 1
        }
    }

    /// The way to the leaf after `path`'s, if any.
    func nextLeaf(after path: inout Path) -> Path? {
        // The deepest level where the descent did not take the last child: step right there, then
        // take first children down to a leaf.
        var turn = -1
        for level in 0..<height where path.slot(level) + 1 < entries(path.node(level)) { turn = level }
        guard turn >= 0 else { return nil }
        var next = path
        next.set(turn, node: path.node(turn), slot: path.slot(turn) + 1)
        var node = child(path.node(turn), path.slot(turn) + 1)
        for deeper in (turn + 1)..<height {
            next.set(deeper, node: node, slot: 0)
            node = child(node, 0)
        }
        next.leaf = node
        return next
    }

    /// The smallest start in the leaves after `path`'s, if any: the separator the descent passed on
    /// its right at the deepest level where it had one.
    @inline(__always) func separator(after path: inout Path) -> UInt128? {
        var separator: UInt128?
        for level in 0..<height {
            let slot = path.slot(level), node = path.node(level)
            if slot + 1 < entries(node) { separator = words[base(node) + slot + 1] }
        }
        return separator
    }

    /// Records that `path`'s leaf now starts at `start`, in the one separator that names it (the
    /// deepest on the way where the descent did not take the first child); the leftmost leaf has none.
    mutating func setSeparator(of path: inout Path, to start: UInt128) {
        var index = -1
        for level in 0..<height where path.slot(level) > 0 {
            index = base(path.node(level)) + path.slot(level)
        }
        if index >= 0 { words[index] = start }
    }

    /// Changes the offset counts on `path` by `plus - minus`.
    @inline(__always) mutating func addToSums(along path: inout Path, plus: UInt128 = 0, minus: UInt128 = 0) {
        let height = height, wordsPerNode = 2 &* fanout, fanout = fanout
        words.withUnsafeMutableBufferPointer { words in
            for level in 0..<height {
                let index = Int(path.node(level)) &* wordsPerNode &+ fanout &+ path.slot(level)
                precondition(index >= 0 && index < words.count)
                words[index] = words[index] &+ plus &- minus
            }
        }
    }
}
