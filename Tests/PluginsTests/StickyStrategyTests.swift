import Testing
import IronLBPluginAPI
@testable import IronLBAllocators

/// The quarantine itself is the allocator's (CoreTests, "Allocator cool-down"); the plugin declares it.
@Suite("Sticky strategy")
struct StickyStrategyTests {
    @Test("Declares its cool-down and hands out the lowest available address")
    func declaresCoolDown() {
        var bench = StrategyBench(["192.0.2.0/30"])
        let strategy = StickyStrategyPlugin.make(options: .init(coolDown: .seconds(60)))
        #expect(strategy.coolDown == .seconds(60))
        #expect(bench.take(strategy, "a")?.description == "192.0.2.0")
        #expect(bench.take(strategy, "b")?.description == "192.0.2.1")
    }

    @Test("Options: cool-down is a duration, default 10m")
    func options() {
        #expect(PluginHarness.decode(StickyStrategyPlugin.self, "{}")?.coolDown == .seconds(600))
        #expect(PluginHarness.decode(StickyStrategyPlugin.self, "cool-down: 90s")?.coolDown == .seconds(90))
        #expect(PluginHarness.errors(StickyStrategyPlugin.self, "cool-down: 90").count == 1)
        #expect(PluginHarness.errors(StickyStrategyPlugin.self, "cooldown: 1m") == ["unknown key 'cooldown'; did you mean 'cool-down'?"])
    }
}
