import PropertyBased
import Testing
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
            for raw in offsets {
                let offset = UInt128(raw)
                if model.contains(offset) {
                    set.remove(offset); model.remove(offset)
                } else {
                    set.insert(offset); model.insert(offset)
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
}
