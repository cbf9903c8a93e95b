import Testing
import IronLBPluginAPI
@testable import IronLBAllocators

@Suite("Sticky strategy")
struct StickyStrategyTests {
    @Test("A released address is not reused inside the cool-down, except by the service that left it")
    func quarantine() {
        var bench = StrategyBench(["192.0.2.0/30"])
        let strategy = StickyStrategyPlugin.make(options: .init(coolDown: .seconds(60)))
        let a = bench.take(strategy, "a")!
        bench.give(strategy, "a", a)
        bench.time = bench.time + .seconds(30)
        let b = bench.take(strategy, "b")!
        #expect(b != a)
        #expect(bench.take(strategy, "a") == a)
        bench.give(strategy, "a", a)
        bench.time = bench.time + .seconds(61)
        #expect(bench.take(strategy, "c") == a)
    }

    @Test("A pool whose only free addresses are cooling down gives nothing to newcomers")
    func fullOfQuarantine() {
        var bench = StrategyBench(["192.0.2.0/31"])
        let strategy = StickyStrategyPlugin.make(options: .init(coolDown: .seconds(600)))
        let a = bench.take(strategy, "a")!, b = bench.take(strategy, "b")!
        bench.give(strategy, "a", a)
        bench.give(strategy, "b", b)
        #expect(bench.take(strategy, "c") == nil)
        #expect(bench.take(strategy, "b") == b)
    }

    @Test("Options: cool-down is a duration, default 10m")
    func options() {
        #expect(PluginHarness.decode(StickyStrategyPlugin.self, "{}")?.coolDown == .seconds(600))
        #expect(PluginHarness.decode(StickyStrategyPlugin.self, "cool-down: 90s")?.coolDown == .seconds(90))
        #expect(PluginHarness.errors(StickyStrategyPlugin.self, "cool-down: 90").count == 1)
        #expect(StickyStrategyPlugin.make(options: .init(coolDown: .seconds(5))).memory == .seconds(5))
    }
}
