import Testing
import IronLBPluginAPI
@testable import IronLBAllocators

@Suite("Random strategy")
struct RandomStrategyTests {
    @Test("The same seed gives the same sequence; every choice is available until the pool is full")
    func seededAndExhaustive() {
        func run() -> [IPAddress] {
            var bench = StrategyBench(["192.0.2.0/28", "198.51.100.0/30"], reserved: ["192.0.2.3"])
            let strategy = RandomStrategyPlugin.make(options: .init(seed: 42))
            return (0..<20).compactMap { bench.take(strategy, "s\($0)") }
        }
        let first = run()
        #expect(first == run())
        #expect(first.count == 19)
        #expect(Set(first).count == 19)
    }

    @Test("Uniform: over 60,000 draws from 6 free addresses each is chosen about a sixth of the time")
    func uniform() {
        var bench = StrategyBench(["192.0.2.0/29"])
        for held in ["192.0.2.1", "192.0.2.6"] { bench.space.hold(StrategyBench.address(held)) }
        let strategy = RandomStrategyPlugin.make(options: .init(seed: 7))
        var counts: [IPAddress: Int] = [:]
        for _ in 0..<60_000 {
            guard case .address(let address)? = strategy.choose(for: StrategyBench.key("x"), in: bench.space, at: .epoch) else {
                Issue.record("random offers an address")
                return
            }
            counts[address, default: 0] += 1
        }
        #expect(counts.count == 6)
        #expect(counts.values.allSatisfy { (9_400...10_600).contains($0) }, "\(counts)")
    }

    @Test("Works in a /64 that is one address from full, without retries")
    func nearlyFullHugePool() {
        var bench = StrategyBench(["2001:db8::/126"])
        let strategy = RandomStrategyPlugin.make(options: .init(seed: 1))
        for name in ["a", "b", "c"] { _ = bench.take(strategy, name) }
        let last = bench.take(strategy, "d")
        #expect(last != nil)
        #expect(bench.take(strategy, "e") == nil)
        var big = StrategyBench(["2001:db8::/64"])
        #expect(big.take(strategy, "z").map { big.space.blocks[0].contains($0) } == true)
    }

    @Test("Options: seed must be a non-negative integer; unknown keys are errors")
    func options() {
        #expect(PluginHarness.decode(RandomStrategyPlugin.self, "seed: 12")?.seed == 12)
        #expect(PluginHarness.errors(RandomStrategyPlugin.self, "seed: -1").count == 1)
        #expect(PluginHarness.errors(RandomStrategyPlugin.self, "sed: 1") == ["unknown key 'sed'; did you mean 'seed'?"])
    }
}
