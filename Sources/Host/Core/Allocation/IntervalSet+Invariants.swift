/// The tree's invariants, checked by the tests after every step.
extension IntervalSet {
    /// What is wrong with the tree's structure, empty when nothing is: every leaf at the same depth,
    /// nodes other than the root at least half full, intervals sorted and never touching, separators
    /// equal to the smallest start below them, counts equal to the offsets below, every node either
    /// reachable once or vacant.
    func structuralProblems() -> [String] {
        var problems: [String] = []
        var seenLeaves = Set<Int32>(), seenInners = Set<Int32>()
        var previousEnd: UInt128?
        var intervals = 0

        /// Checks the subtree of `node` at `level`; returns its offsets and smallest start.
        func check(_ node: Int32, level: Int) -> (offsets: UInt128, start: UInt128?) {
            let isLeaf = level == height
            let inserted = isLeaf ? seenLeaves.insert(node).inserted : seenInners.insert(node).inserted
            if !inserted { problems.append("node \(node) reached twice") }
            let filled = entries(node)
            let lowest = level == 0 ? (isLeaf ? 1 : 2) : minimum
            if filled < lowest || filled > fanout {
                problems.append("\(isLeaf ? "leaf" : "inner node") \(node) at level \(level) holds \(filled) entries")
            }
            var offsets: UInt128 = 0, start: UInt128?
            for position in 0..<filled {
                let entry = entry(node, position, leaf: isLeaf)
                if isLeaf {
                    if entry.a > entry.b { problems.append("interval \(entry.a)...\(entry.b) is reversed") }
                    if let end = previousEnd, end == .max || end + 1 >= entry.a {
                        problems.append("interval starting at \(entry.a) touches the one ending at \(end)")
                    }
                    previousEnd = entry.b
                    intervals += 1
                    offsets += entry.b - entry.a + 1
                    start = start ?? entry.a
                } else {
                    let (below, smallest) = check(entry.child, level: level + 1)
                    if below != entry.b { problems.append("inner node \(node) counts \(entry.b) under child \(position), which holds \(below)") }
                    if position > 0 && smallest != entry.a {
                        problems.append("inner node \(node) names child \(position) by \(entry.a), which starts at \(String(describing: smallest))")
                    }
                    offsets += below
                    start = start ?? smallest
                }
            }
            return (offsets, start)
        }

        if root != Self.none {
            let (offsets, _) = check(root, level: 0)
            if offsets != count { problems.append("count is \(count), the tree holds \(offsets)") }
        } else if count != 0 || height != 0 || !links.isEmpty || !words.isEmpty {
            problems.append("an empty set keeps storage or counts")
        }
        if intervals != intervalCount { problems.append("intervalCount is \(intervalCount), the tree holds \(intervals)") }
        var vacantNodes = Set<Int32>(), next = vacant
        while next != Self.none && vacantNodes.insert(next).inserted { next = child(next, 0) }
        let nodes = links.count / (fanout + 1)
        if seenLeaves.count + seenInners.count + vacantNodes.count != nodes || !seenLeaves.isDisjoint(with: seenInners)
            || !vacantNodes.isDisjoint(with: seenLeaves) || !vacantNodes.isDisjoint(with: seenInners) || words.count != nodes * 2 * fanout {
            problems.append("\(seenLeaves.count) leaves, \(seenInners.count) inner nodes and \(vacantNodes.count) vacant of \(nodes) nodes")
        }
        return problems
    }
}
