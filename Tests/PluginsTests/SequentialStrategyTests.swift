import Testing
import IronLBPluginAPI
@testable import IronLBAllocators

@Suite("Sequential strategy")
struct SequentialStrategyTests {
    @Test("Always the lowest available address, first block first, skipping reserved and buggy ones")
    func lowestFirst() {
        var bench = StrategyBench(["192.0.2.254-192.0.3.3", "198.51.100.0/31"], reserved: ["192.0.3.1"], avoidBuggyIPs: true)
        let strategy = SequentialStrategyPlugin.make(options: .init())
        let got = (0..<5).compactMap { bench.take(strategy, "s\($0)") }
        #expect(got.map(\.description) == ["192.0.2.254", "192.0.3.2", "192.0.3.3", "198.51.100.1"])
        bench.give(strategy, "s1", got[1])
        #expect(bench.take(strategy, "x") == got[1])
        #expect(bench.take(strategy, "y") == nil)
    }
}
