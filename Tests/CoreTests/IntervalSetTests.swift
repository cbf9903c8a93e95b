import PropertyBased
import Testing
@testable import IronLBAllocators
@testable import IronLBCore

@Suite("Interval set")
struct IntervalSetTests {
    /// Checks every query of `set` against the plain set `model` over offsets 0..<limit.
    func agree(_ set: IntervalSet, _ model: Set<UInt128>, limit: UInt128) {
        #expect(set.count == UInt128(model.count))
        let absent = (0..<limit + 8).filter { !model.contains($0) }
        for offset in 0..<limit {
            #expect(set.contains(offset) == model.contains(offset))
            #expect(set.firstAbsent(atOrAfter: offset) == absent.first { $0 >= offset })
        }
        for (rank, offset) in absent.enumerated() {
            #expect(set.absent(rank: UInt128(rank)) == offset)
        }
        let intervals = set.intervals
        for (lower, upper) in zip(intervals, intervals.dropFirst()) {
            #expect(lower.upperBound + 1 < upper.lowerBound, "intervals \(lower) and \(upper) touch")
        }
        #expect(set.intervalCount == intervals.count)
    }

    @Test("Random inserts and removes agree with a plain set, and intervals stay coalesced")
    func agreesWithModel() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...47).array(of: 1...120)) { offsets in
            var set = IntervalSet()
            var model = Set<UInt128>()
            for (index, raw) in offsets.enumerated() {
                let offset = UInt128(raw)
                // Every third step removes whatever it drew: an absent offset reports false and changes nothing.
                if index % 3 == 2 || model.contains(offset) {
                    let removed = set.remove(offset)
                    #expect(removed == (model.remove(offset) != nil))
                } else {
                    let inserted = set.insert(offset)
                    #expect(inserted)
                    model.insert(offset)
                }
            }
            agree(set, model, limit: 48)
        }
    }

    @Test("Ranges and points at the top of the UInt128 space")
    func topOfSpace() {
        var set = IntervalSet()
        set.insert((UInt128.max - 9)...(UInt128.max - 5))
        set.insert(UInt128.max)
        #expect(set.count == 6)
        #expect(set.firstAbsent(atOrAfter: UInt128.max - 7) == UInt128.max - 4)
        #expect(set.firstAbsent(atOrAfter: UInt128.max) == nil)
        set.insert(UInt128.max - 4); set.insert(UInt128.max - 3); set.insert(UInt128.max - 1); set.insert(UInt128.max - 2)
        #expect(set.intervals == [(UInt128.max - 9)...UInt128.max])
        set.remove(UInt128.max - 6)
        #expect(set.intervals == [(UInt128.max - 9)...(UInt128.max - 7), (UInt128.max - 5)...UInt128.max])
        #expect(set.absent(rank: UInt128.max - 10) == UInt128.max - 10)
        #expect(set.absent(rank: UInt128.max - 9) == UInt128.max - 6)
        #expect(set.absent(rank: UInt128.max - 8) == nil)
    }

    @Test("A dense run of 100,000 inserts is one interval")
    func denseRunCollapses() {
        var set = IntervalSet()
        for offset in 0..<UInt128(100_000) { set.insert(offset) }
        #expect(set.intervalCount == 1)
        #expect(set.firstAbsent(atOrAfter: 0) == 100_000)
        set.remove(50_000)
        #expect(set.intervalCount == 2)
        #expect(set.absent(rank: 0) == 50_000)
        #expect(set.absent(rank: 1) == 100_000)
    }

    // MARK: The B+tree against a model, with nodes small enough to split, merge and borrow

    @Test("Any operation sequence at fanout 3 or 4 agrees with a plain set and keeps the tree valid, at both ends of the space")
    func smallFanoutAgreesWithModel() async {
        await propertyCheck(count: 300, input: Gen.int(in: 3...4), Gen.bool, Gen.int(in: 0...1_000_000).array(of: 1...300)) { fanout, top, steps in
            var model = IntervalSetModel(base: top ? UInt128.max - 63 : 0, size: 64)
            var set = IntervalSet(fanout: fanout)
            for raw in steps {
                model.apply(raw, to: &set)
                #expect(set.structuralProblems() == [], "after \(raw)")
                #expect(set.count == UInt128(model.offsets.count))
                #expect(set.intervalCount == model.intervals.count)
            }
            model.agree(with: set)
        }
    }

    @Test("Filling every other offset, then the gaps, then emptying it, keeps a tall fanout-3 tree valid and frees its storage")
    func tallTreeMergesAway() {
        var set = IntervalSet(fanout: 3)
        for offset in stride(from: UInt128(0), to: 2_000, by: 2) { set.insert(offset) }
        #expect(set.height >= 6)
        #expect(set.structuralProblems() == [])
        #expect(set.absent(rank: 500) == 1_001)
        for offset in stride(from: UInt128(1_999), to: 0, by: -2) {
            set.insert(offset)
            if offset % 101 == 0 { #expect(set.structuralProblems() == []) }
        }
        #expect(set.intervals == [0...1_999])
        #expect(set.height == 0)
        #expect(set.structuralProblems() == [])
        for offset in stride(from: UInt128(0), to: 1_999, by: 3) {
            set.remove(offset)
            if offset % 97 == 0 { #expect(set.structuralProblems() == []) }
        }
        #expect(set.intervalCount == 667)
        #expect(set.structuralProblems() == [])
        for interval in set.intervals.shuffled() {
            for offset in interval { set.remove(offset) }
        }
        #expect(set.count == 0 && set.intervalCount == 0 && set.intervals.isEmpty)
        #expect(set.links.isEmpty && set.words.isEmpty && set.vacant == IntervalSet.none)
        #expect(set.structuralProblems() == [])
        set.insert(7)
        #expect(set.intervals == [7...7])
    }

    @Test("Thousands of operations at the production fanout agree with a plain set")
    func productionFanoutAgreesWithModel() {
        var generator = SplitMix64(seed: 42)
        var model = IntervalSetModel(base: 1 << 70, size: 3_000)
        var set = IntervalSet()
        for step in 0..<15_000 {
            model.apply(Int(generator.next() % 1_000_000_000), to: &set)
            if step % 1_000 == 0 {
                #expect(set.structuralProblems() == [])
                #expect(set.intervals == model.intervals)
            }
        }
        #expect(set.height >= 2)
        #expect(set.structuralProblems() == [])
        model.agree(with: set)
    }

    @Test("Scattered inserts then removals in random order at the production fanout grow and shrink the tree")
    func productionFanoutGrowsAndShrinks() {
        var generator = SplitMix64(seed: 7)
        var set = IntervalSet()
        var offsets: [UInt128] = []
        for _ in 0..<60_000 {
            let offset = UInt128(generator.next()) << 20
            if !set.contains(offset) { set.insert(offset); offsets.append(offset) }
        }
        #expect(set.height >= 3)
        #expect(set.intervalCount == offsets.count)
        #expect(set.structuralProblems() == [])
        #expect(set.intervals.map(\.lowerBound) == offsets.sorted())
        offsets.shuffle(using: &generator)
        for (index, offset) in offsets.enumerated() {
            set.remove(offset)
            if index % 10_000 == 0 { #expect(set.structuralProblems() == []) }
        }
        #expect(set.count == 0 && set.links.isEmpty)
    }
}

/// A plain `Set` over a window of the offset space, and the operations the tests draw from numbers.
struct IntervalSetModel {
    let base: UInt128
    let size: Int
    var offsets = Set<UInt128>()

    init(base: UInt128, size: Int) {
        self.base = base
        self.size = size
    }

    var sorted: [UInt128] { offsets.sorted() }

    var intervals: [ClosedRange<UInt128>] {
        var result: [ClosedRange<UInt128>] = []
        for offset in sorted {
            if let last = result.last, last.upperBound + 1 == offset {
                result[result.count - 1] = last.lowerBound...offset
            } else {
                result.append(offset...offset)
            }
        }
        return result
    }

    func offset(_ raw: Int) -> UInt128 { base + UInt128(raw % size) }

    func firstAbsent(atOrAfter offset: UInt128) -> UInt128? {
        var candidate = offset
        while offsets.contains(candidate) {
            if candidate == .max { return nil }
            candidate += 1
        }
        return candidate
    }

    func absent(rank: UInt128) -> UInt128? {
        var answer = rank
        for offset in sorted {
            guard offset <= answer else { break }
            if answer == .max { return nil }
            answer += 1
        }
        return answer
    }

    func interval(containing offset: UInt128) -> ClosedRange<UInt128>? {
        guard offsets.contains(offset) else { return nil }
        var (lower, upper) = (offset, offset)
        while lower > 0 && offsets.contains(lower - 1) { lower -= 1 }
        while upper < .max && offsets.contains(upper + 1) { upper += 1 }
        return lower...upper
    }

    /// Decodes `raw` into one operation, applies it to both, and checks the queries among them.
    mutating func apply(_ raw: Int, to set: inout IntervalSet) {
        let offset = offset(raw / 8)
        switch raw % 8 {
        case 0, 1:
            set.insert(offset)
            offsets.insert(offset)
        case 2:
            // The first absent offset from `offset`, taken only up to a limit a few offsets on.
            let limit = offset + Swift.min(UInt128(raw / 4_096 % 8), UInt128.max - offset)
            let expected = firstAbsent(atOrAfter: offset).flatMap { $0 <= limit ? $0 : nil }
            #expect(set.insertFirstAbsent(atOrAfter: offset, upTo: limit) == expected, "from \(offset) to \(limit)")
            if let expected { offsets.insert(expected) }
        case 3:
            let upper = offset + Swift.min(UInt128(raw / 4_096 % 6), base + UInt128(size - 1) - offset)
            let touches = (offset > 0 && offsets.contains(offset - 1)) || (upper < .max && offsets.contains(upper + 1))
                || (offset...upper).contains { offsets.contains($0) }
            if touches {
                #expect(set.firstAbsent(atOrAfter: offset) == firstAbsent(atOrAfter: offset))
            } else {
                set.insert(offset...upper)
                for covered in offset...upper { offsets.insert(covered) }
            }
        case 4, 5:
            let victim = offsets.contains(offset) || offsets.isEmpty ? offset : sorted[raw / 8 % offsets.count]
            if offsets.contains(victim) {
                set.remove(victim)
                offsets.remove(victim)
            }
        case 6:
            #expect(set.firstAbsent(atOrAfter: offset) == firstAbsent(atOrAfter: offset))
            #expect(set.interval(containing: offset) == interval(containing: offset))
            #expect(set.contains(offset) == offsets.contains(offset))
        default:
            // Ranks from a little below the window's start to its end (to UInt128.max at the top).
            let rank = (base >= 80 ? base - 80 : 0) + UInt128(raw / 8 % (size + 80))
            #expect(set.absent(rank: rank) == absent(rank: rank), "rank \(rank)")
        }
    }

    /// Checks every query against `set` over the window and a little past it.
    func agree(with set: IntervalSet) {
        #expect(set.intervals == intervals)
        #expect(set.count == UInt128(offsets.count))
        for index in 0..<size {
            let offset = base + UInt128(index)
            #expect(set.contains(offset) == offsets.contains(offset))
            #expect(set.firstAbsent(atOrAfter: offset) == firstAbsent(atOrAfter: offset))
        }
        for index in 0..<UInt128(size + 8) {
            #expect(set.absent(rank: index) == absent(rank: index))
            if base > 0 { #expect(set.absent(rank: base - 8 + index) == absent(rank: base - 8 + index)) }
        }
    }
}
