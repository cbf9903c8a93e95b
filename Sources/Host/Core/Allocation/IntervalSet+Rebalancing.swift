/// Adding and removing node entries: splits on the way up after an insertion, borrowing from or
/// merging with a sibling after a removal. Callers have already changed the offset counts on the path
/// for what they add or remove; these only move counts between nodes.
extension IntervalSet {
    /// Inserts `entry` at `position` in the node at `level` of `path` (`height`: its leaf), splitting
    /// it, and its ancestors as needed, when full.
    mutating func insertEntry(_ entry: Entry, at position: Int, level: Int, path: inout Path) {
        let isLeaf = level == height
        let node = isLeaf ? path.leaf : path.node(level)
        if isLeaf && position == 0 { setSeparator(of: &path, to: entry.a) }
        let filled = entries(node)
        if filled < fanout {
            shiftUp(node, leaf: isLeaf, from: position, to: filled)
            setEntry(node, position, leaf: isLeaf, entry)
            setEntryCount(node, filled + 1)
            return
        }
        // Split the fanout + 1 entries: the first half stays, the rest moves to a new right sibling.
        let right = newNode()
        let staying = (fanout + 2) / 2, moving = fanout + 1 - staying
        for index in 0..<moving {
            let combined = staying + index
            let moved = combined < position ? self.entry(node, combined, leaf: isLeaf)
                : combined == position ? entry : self.entry(node, combined - 1, leaf: isLeaf)
            setEntry(right, index, leaf: isLeaf, moved)
        }
        if position < staying {
            shiftUp(node, leaf: isLeaf, from: position, to: staying - 1)
            setEntry(node, position, leaf: isLeaf, entry)
        }
        setEntryCount(node, staying)
        setEntryCount(right, moving)
        // The right half's first separator (its smallest start) names it in the parent. The sums
        // along the path already count the new entry, so what stays is what the parent (or, at the
        // root, the set) counts under the node less what moved.
        let split = Entry(a: self.entry(right, 0, leaf: isLeaf).a, b: offsets(under: right, leaf: isLeaf), child: right)
        let before = level == 0 ? count : words[base(path.node(level - 1)) + fanout + path.slot(level - 1)]
        let left = Entry(a: 0, b: before &- split.b, child: node)
        if level == 0 {
            precondition(height < 31, "interval set taller than a Path can hold")
            root = newNode()
            height += 1
            setEntry(root, 0, leaf: false, left)
            setEntry(root, 1, leaf: false, split)
            setEntryCount(root, 2)
        } else {
            let parent = path.node(level - 1), slot = path.slot(level - 1)
            words[base(parent) + fanout + slot] = left.b
            insertEntry(split, at: slot + 1, level: level - 1, path: &path)
        }
    }

    /// Removes the entry at `position` in the node at `level` of `path`; a node left less than half
    /// full takes an entry from a sibling that can spare one, or else merges with it (which removes
    /// an entry from the parent in turn).
    mutating func removeEntry(at position: Int, level: Int, path: inout Path) {
        let isLeaf = level == height
        let node = isLeaf ? path.leaf : path.node(level)
        let filled = entries(node) - 1
        shiftDown(node, leaf: isLeaf, from: position + 1, to: filled + 1)
        setEntryCount(node, filled)
        if isLeaf && position == 0 && filled > 0 { setSeparator(of: &path, to: lo(node, 0)) }
        if level == 0 {
            if isLeaf && filled == 0 {
                root = Self.none
                release(node)
            } else if !isLeaf && filled == 1 {
                root = child(node, 0)
                height -= 1
                release(node)
            }
            return
        }
        guard filled < minimum else { return }
        let parent = path.node(level - 1), slot = path.slot(level - 1)
        let siblings = entries(parent)
        if slot > 0 && entries(child(parent, slot - 1)) > minimum {
            borrowFromLeft(parent: parent, slot: slot, leaf: isLeaf)
        } else if slot + 1 < siblings && entries(child(parent, slot + 1)) > minimum {
            borrowFromRight(parent: parent, slot: slot, leaf: isLeaf)
        } else {
            let left = slot > 0 ? slot - 1 : slot
            merge(parent: parent, slot: left, leaf: isLeaf)
            removeEntry(at: left + 1, level: level - 1, path: &path)
        }
    }

    /// Moves the last entry of child `slot - 1` of `parent` to the front of child `slot`.
    private mutating func borrowFromLeft(parent: Int32, slot: Int, leaf: Bool) {
        let (donor, node) = (child(parent, slot - 1), child(parent, slot))
        let last = entries(donor) - 1
        var moved = entry(donor, last, leaf: leaf)
        setEntryCount(donor, last)
        let filled = entries(node)
        shiftUp(node, leaf: leaf, from: 0, to: filled)
        let amount = leaf ? moved.b - moved.a + 1 : moved.b
        let separator = key(parent, slot)
        if !leaf {
            // The node's old first child is now second: it takes the separator that named the node.
            words[base(node) + 1] = separator
        }
        let start = moved.a
        if !leaf { moved.a = 0 }
        setEntry(node, 0, leaf: leaf, moved)
        setEntryCount(node, filled + 1)
        words[base(parent) + slot] = start
        words[base(parent) + fanout + slot - 1] &-= amount
        words[base(parent) + fanout + slot] &+= amount
    }

    /// Moves the first entry of child `slot + 1` of `parent` to the end of child `slot`.
    private mutating func borrowFromRight(parent: Int32, slot: Int, leaf: Bool) {
        let (node, donor) = (child(parent, slot), child(parent, slot + 1))
        var moved = entry(donor, 0, leaf: leaf)
        if !leaf { moved.a = key(parent, slot + 1) }
        let donorEntries = entries(donor)
        shiftDown(donor, leaf: leaf, from: 1, to: donorEntries)
        setEntryCount(donor, donorEntries - 1)
        let filled = entries(node)
        setEntry(node, filled, leaf: leaf, moved)
        setEntryCount(node, filled + 1)
        let amount = leaf ? moved.b - moved.a + 1 : moved.b
        words[base(parent) + slot + 1] = entry(donor, 0, leaf: leaf).a
        words[base(parent) + fanout + slot] &+= amount
        words[base(parent) + fanout + slot + 1] &-= amount
    }

    /// Appends child `slot + 1` of `parent` to child `slot` and frees it; the caller removes its entry.
    private mutating func merge(parent: Int32, slot: Int, leaf: Bool) {
        let (node, donor) = (child(parent, slot), child(parent, slot + 1))
        let filled = entries(node), donorEntries = entries(donor)
        for index in 0..<donorEntries {
            var moved = entry(donor, index, leaf: leaf)
            if index == 0 && !leaf { moved.a = key(parent, slot + 1) }
            setEntry(node, filled + index, leaf: leaf, moved)
        }
        setEntryCount(node, filled + donorEntries)
        words[base(parent) + fanout + slot] &+= words[base(parent) + fanout + slot + 1]
        release(donor)
    }

    /// The separator naming child `slot` of `parent`.
    private func key(_ parent: Int32, _ slot: Int) -> UInt128 {
        words[base(parent) + slot]
    }

    /// Moves entries `from..<to` of `node` one place up.
    /// (In place, without a bounds or uniqueness check per word: after scattered insertions this shift
    /// was a tenth of an allocation's instructions.)
    private mutating func shiftUp(_ node: Int32, leaf: Bool, from: Int, to: Int) {
        guard from < to else { return }
        let first = base(node), fanout = fanout
        precondition(from >= 0 && to < fanout && first + 2 * fanout <= words.count, "shift outside node \(node)")
        words.withUnsafeMutableBufferPointer { words in
            var index = to
            while index > from {
                words[first &+ index] = words[first &+ index &- 1]
                words[first &+ fanout &+ index] = words[first &+ fanout &+ index &- 1]
                index &-= 1
            }
        }
        guard !leaf else { return }
        let children = linkBase(node) + 1
        links.withUnsafeMutableBufferPointer { links in
            var index = to
            while index > from {
                links[children &+ index] = links[children &+ index &- 1]
                index &-= 1
            }
        }
    }

    /// Moves entries `from..<to` of `node` one place down.
    private mutating func shiftDown(_ node: Int32, leaf: Bool, from: Int, to: Int) {
        guard from < to else { return }
        for index in from..<to { setEntry(node, index - 1, leaf: leaf, entry(node, index, leaf: leaf)) }
    }
}
