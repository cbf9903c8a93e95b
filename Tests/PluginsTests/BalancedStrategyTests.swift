import Testing
import IronLBPluginAPI
@testable import IronLBAllocators

@Suite("Balanced strategy")
struct BalancedStrategyTests {
    @Test("Each allocation goes to a block with the fewest held addresses among those not full")
    func leastUsedBlock() {
        var bench = StrategyBench(["192.0.2.0/30", "198.51.100.0/29", "203.0.113.0/31"])
        let strategy = BalancedStrategyPlugin.make(options: .init())
        for index in 0..<14 {
            let candidates = bench.space.blocks.indices.filter { bench.space.availableCount(inBlock: $0) > .zero }
            let fewest = candidates.map { bench.space.heldCount(inBlock: $0) }.min()!
            let got = bench.take(strategy, "s\(index)")!
            let block = bench.space.blocks.firstIndex { $0.contains(got) }!
            #expect(bench.space.heldCount(inBlock: block) == fewest + AddressCount(1), "allocation \(index) went to block \(block)")
        }
        #expect(bench.take(strategy, "overflow") == nil)
    }
}
